package io.infrapm.budget.baseline.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.budget.baseline.Baseline;
import io.infrapm.budget.baseline.Budget;
import io.infrapm.budget.baseline.BudgetLine;
import io.infrapm.budget.baseline.Cost;
import io.infrapm.budget.baseline.EarnedValue;
import io.infrapm.budget.baseline.Figures;
import io.infrapm.budget.baseline.Measurement;
import io.infrapm.budget.baseline.ProgressPoint;
import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.EacMethod;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.contracts.budget.PerformanceBand;

/**
 * How budget-service's resources look in its API.
 */
final class BudgetViews {

	private BudgetViews() {
	}

	record Amount(BigDecimal amount, String currency) {
	}

	record Person(String name, String email) {

		static Person of(Actor actor) {
			return (actor != null) ? new Person(actor.name(), actor.email()) : null;
		}

	}

	/** Planned, actual, committed and what is left of one slice of the budget. */
	record Slice(String key, BigDecimal planned, BigDecimal actual, BigDecimal committed, BigDecimal variance) {

		static Slice of(String key, Figures figures) {
			return new Slice(key, figures.planned(), figures.actual(), figures.committed(), figures.variance());
		}

	}

	record BudgetView(UUID projectId, UUID budgetId, String projectCode, String projectName, String currency,
			Amount budgetAtCompletion, BigDecimal planned, BigDecimal unplanned, BigDecimal actual,
			BigDecimal committed, BigDecimal remaining, BigDecimal consumedPercent, BigDecimal savings,
			List<Slice> byCategory, List<Slice> byExpenditureType, List<LineView> lines, List<Integer> thresholds,
			List<Integer> crossedThresholds, int baseline, PerformanceView performance, boolean frozen,
			Instant establishedAt, long version) {

		static BudgetView of(Budget budget) {
			BigDecimal bac = budget.budgetAtCompletion();
			BigDecimal savings = budget.lines()
				.stream()
				.map(BudgetLine::saving)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			List<Slice> categories = Arrays.stream(CostCategory.values())
				.filter(budget.byCategory()::containsKey)
				.map((c) -> Slice.of(c.name(), budget.byCategory().get(c)))
				.toList();
			List<Slice> types = Arrays.stream(ExpenditureType.values())
				.filter(budget.byType()::containsKey)
				.map((t) -> Slice.of(t.name(), budget.byType().get(t)))
				.toList();
			return new BudgetView(budget.projectId(), budget.budgetId(), budget.projectCode(), budget.projectName(),
					budget.currency(), new Amount(bac, budget.currency()), budget.planned(),
					bac.subtract(budget.planned()), budget.actual(), budget.committed(),
					bac.subtract(budget.actual()).subtract(budget.committed()), budget.consumedPercent(), savings,
					categories, types, budget.lines().stream().map(LineView::of).toList(), budget.thresholds(),
					budget.crossed(), budget.baselines().get(budget.baselines().size() - 1).number(),
					PerformanceView.of(budget.measurement()), budget.frozen(), budget.establishedAt(),
					budget.version());
		}

	}

	/** The performance as of the latest progress report; all {@code null} before one. */
	record PerformanceView(LocalDate asOf, BigDecimal costPerformanceIndex, BigDecimal schedulePerformanceIndex,
			PerformanceBand costBand, PerformanceBand scheduleBand, EacMethod method, BigDecimal estimateAtCompletion,
			boolean overrunForecast) {

		static PerformanceView of(Measurement m) {
			return new PerformanceView(m.asOf(), m.costPerformanceIndex(), m.schedulePerformanceIndex(), m.costBand(),
					m.scheduleBand(), m.method(), m.estimateAtCompletion(), m.overrun());
		}

	}

	/** Why a figure of the earned value is {@code null}. */
	record Undefined(String field, String reason) {
	}

	/** The progress report earned value is computed from. */
	record ReportView(UUID reportId, LocalDate asOf, BigDecimal percentComplete, Instant reportedAt,
			Person reportedBy) {
	}

	record EarnedValueView(UUID projectId, LocalDate asOf, String currency, BigDecimal budgetAtCompletion, int baseline,
			ReportView basedOn, BigDecimal percentComplete, BigDecimal plannedValue, BigDecimal earnedValue,
			BigDecimal actualCost, BigDecimal scheduleVariance, BigDecimal costVariance,
			BigDecimal schedulePerformanceIndex, BigDecimal costPerformanceIndex, EacMethod method,
			BigDecimal estimateAtCompletion, BigDecimal estimateToComplete, BigDecimal varianceAtCompletion,
			BigDecimal toCompletePerformanceIndex, BigDecimal toCompletePerformanceIndexToEac,
			List<Undefined> undefined) {

		static EarnedValueView of(Budget budget, EarnedValue v) {
			Map.Entry<LocalDate, ProgressPoint> report = budget.progressOn(v.asOf());
			ReportView basedOn = (report != null)
					? new ReportView(report.getValue().reportId(), report.getKey(), report.getValue().percentComplete(),
							report.getValue().reportedAt(), Person.of(report.getValue().reportedBy()))
					: null;
			return new EarnedValueView(budget.projectId(), v.asOf(), v.currency(), v.budgetAtCompletion(),
					budget.baselineOn(v.asOf()).number(), basedOn, v.percentComplete(), v.plannedValue(),
					v.earnedValue(), v.actualCost(), v.scheduleVariance(), v.costVariance(),
					v.schedulePerformanceIndex(), v.costPerformanceIndex(), v.method(), v.estimateAtCompletion(),
					v.estimateToComplete(), v.varianceAtCompletion(), v.toCompletePerformanceIndex(),
					v.toCompletePerformanceIndexToEac(),
					v.undefined().entrySet().stream().map((e) -> new Undefined(e.getKey(), e.getValue())).toList());
		}

	}

	/**
	 * One month of the S-curve: PV at its end; EV and AC at its end, or today for the
	 * month under way, {@code null} for a month to come.
	 */
	record CurvePoint(String month, LocalDate asOf, BigDecimal plannedValue, BigDecimal earnedValue,
			BigDecimal actualCost, BigDecimal schedulePerformanceIndex, BigDecimal costPerformanceIndex) {
	}

	record BaselineView(int number, BigDecimal budgetAtCompletion, BigDecimal change, String currency,
			LocalDate effectiveOn, UUID changeRequestId, String changeRequestNumber, String reason, Instant at,
			Person by) {

		static BaselineView of(Baseline b, String currency) {
			return new BaselineView(b.number(), b.budgetAtCompletion(), b.change(), currency, b.effectiveOn(),
					b.changeRequestId(), b.changeRequestNumber(), b.reason(), b.at(), Person.of(b.by()));
		}

	}

	record MonthView(String month, BigDecimal amount) {
	}

	record LineView(UUID id, String name, CostCategory category, ExpenditureType expenditureType, BigDecimal planned,
			List<MonthView> months, BigDecimal actual, BigDecimal committed, BigDecimal variance, boolean closed,
			BigDecimal saving, int revision, Instant plannedAt, Person plannedBy, Instant updatedAt, Person updatedBy) {

		static LineView of(BudgetLine line) {
			Figures figures = line.figures();
			return new LineView(line.id(), line.name(), line.category(), line.expenditureType(), line.planned(),
					line.months().stream().map((m) -> new MonthView(m.month(), m.amount())).toList(), figures.actual(),
					figures.committed(), figures.variance(), line.closed(), line.saving(), line.revision(),
					line.plannedAt(), Person.of(line.plannedBy()), line.updatedAt(), Person.of(line.updatedBy()));
		}

	}

	record Original(BigDecimal amount, String currency, BigDecimal exchangeRate) {
	}

	record CostView(UUID id, CostKind kind, BigDecimal amount, String currency, Original original,
			CostCategory category, ExpenditureType expenditureType, UUID lineId, LocalDate incurredOn, String vendor,
			String reference, String description, UUID commitmentId, BigDecimal relieved, UUID reversesCostId,
			Instant recordedAt, Person recordedBy) {

		static CostView of(Cost cost, String currency) {
			Cost.Original o = cost.original();
			return new CostView(cost.id(), cost.kind(), cost.amount(), currency,
					(o != null) ? new Original(o.amount(), o.currency(), o.exchangeRate()) : null, cost.category(),
					cost.expenditureType(), cost.lineId(), cost.incurredOn(), cost.vendor(), cost.reference(),
					cost.description(), cost.commitmentId(), cost.relieved(), cost.reversesCostId(), cost.recordedAt(),
					Person.of(cost.recordedBy()));
		}

	}

}
