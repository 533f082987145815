package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.contracts.budget.BudgetLinePlanned;
import io.infrapm.contracts.budget.BudgetLineRevised;
import io.infrapm.contracts.budget.BudgetOverrunForecast;
import io.infrapm.contracts.budget.BudgetRebaselined;
import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.budget.CostPerformanceChanged;
import io.infrapm.contracts.budget.CostRecorded;
import io.infrapm.contracts.budget.EarnedValueCalculated;
import io.infrapm.contracts.budget.PlannedMonth;

/**
 * Maps budget changes onto the contract records of {@code infrapm.budget.v1}.
 */
final class BudgetEvents {

	/** The author of what budget-service does by itself, e.g. on a project's creation. */
	static final Actor SERVICE = Actor.service("budget-service");

	private BudgetEvents() {
	}

	/**
	 * The budget was established.
	 * @param budget the budget
	 * @return the event
	 */
	static BudgetEstablished established(Budget budget) {
		return new BudgetEstablished(budget.projectId(), budget.budgetId(), budget.budgetAtCompletion(),
				budget.currency(), budget.establishedAt(), SERVICE);
	}

	static BudgetLinePlanned linePlanned(Budget budget, BudgetLine line, Actor actor, Instant now) {
		return new BudgetLinePlanned(budget.projectId(), line.id(), line.name(), line.category(),
				line.expenditureType(), line.planned(), budget.currency(), months(line), budget.planned(), now, actor);
	}

	static BudgetLineRevised lineRevised(Budget budget, BudgetLine line, BigDecimal before, Actor actor, Instant now) {
		return new BudgetLineRevised(budget.projectId(), line.id(), line.name(), line.category(),
				line.expenditureType(), line.planned(), before, budget.currency(), months(line), line.closed(),
				budget.planned(), line.revision(), now, actor);
	}

	static CostRecorded costRecorded(Budget budget, Cost cost) {
		Cost.Original original = cost.original();
		return new CostRecorded(budget.projectId(), cost.id(), cost.kind(), cost.amount(), budget.currency(),
				(original != null) ? original.amount() : null, (original != null) ? original.currency() : null,
				(original != null) ? original.exchangeRate() : null, cost.category(), cost.expenditureType(),
				cost.lineId(), cost.incurredOn(), cost.vendor(), cost.reference(), cost.commitmentId(),
				cost.reversesCostId(), budget.actual(), budget.committed(), cost.recordedAt(), cost.recordedBy());
	}

	static BudgetThresholdCrossed thresholdCrossed(Budget budget, int threshold, UUID costId, Instant at, Actor actor) {
		return new BudgetThresholdCrossed(budget.projectId(), threshold, budget.consumedPercent(), budget.actual(),
				budget.budgetAtCompletion(), budget.currency(), costId, at, actor);
	}

	static BudgetRebaselined rebaselined(Budget budget, Baseline baseline, BigDecimal previous, List<Integer> rearmed) {
		return new BudgetRebaselined(budget.projectId(), baseline.number(), baseline.budgetAtCompletion(), previous,
				budget.currency(), baseline.changeRequestId(), baseline.changeRequestNumber(), baseline.reason(),
				rearmed, baseline.at(), baseline.by());
	}

	static EarnedValueCalculated earnedValueCalculated(Budget budget, ProgressPoint point, EarnedValue value,
			Instant now) {
		return new EarnedValueCalculated(budget.projectId(), point.reportId(), value.asOf(), value.percentComplete(),
				value.budgetAtCompletion(), budget.currency(), value.plannedValue(), value.earnedValue(),
				value.actualCost(), value.scheduleVariance(), value.costVariance(), value.schedulePerformanceIndex(),
				value.costPerformanceIndex(), value.method(), value.estimateAtCompletion(), value.estimateToComplete(),
				value.varianceAtCompletion(), value.toCompletePerformanceIndex(), now, point.reportedBy());
	}

	static CostPerformanceChanged performanceChanged(Budget budget, Measurement before, Measurement after, Actor actor,
			Instant now) {
		return new CostPerformanceChanged(budget.projectId(), after.asOf(), after.costPerformanceIndex(),
				after.schedulePerformanceIndex(), after.costBand(), after.scheduleBand(), before.costBand(),
				before.scheduleBand(), now, actor);
	}

	static BudgetOverrunForecast overrunForecast(Budget budget, EarnedValue value, boolean overrun, Actor actor,
			Instant now) {
		return new BudgetOverrunForecast(budget.projectId(), overrun, value.asOf(), value.method(),
				value.estimateAtCompletion(), value.budgetAtCompletion(), value.varianceAtCompletion(),
				budget.currency(), now, actor);
	}

	private static List<PlannedMonth> months(BudgetLine line) {
		return line.months().stream().map((m) -> new PlannedMonth(m.month(), m.amount())).toList();
	}

}
