package io.infrapm.risk.register;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.project.MilestoneMissed;
import io.infrapm.contracts.project.ScheduleConflictDetected;
import io.infrapm.contracts.project.ScheduleConflictKind;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskOrigin;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.platform.messaging.HandlingOutcome;

import org.springframework.stereotype.Service;

/**
 * The risks the register raises by itself from what other services publish, each once for
 * what raised it, and assessed and escalated like any other:
 * <ul>
 * <li>a critical milestone missed: a {@code SCHEDULE} risk that the finish slips,
 * probability 4, impact 4 (5 for a cutover); missed again on another due date, the same
 * risk assessed again with its probability one higher;</li>
 * <li>a budget threshold of 90 % or more crossed: a {@code COST} risk that the budget
 * runs out, probability 3 at 90 %, 4 at 95 %, 5 at 100 % and more, impact 4;</li>
 * <li>a milestone that fell into a change freeze or maintenance window: an
 * {@code OPERATIONAL} risk that the change cannot go ahead as planned, probability 3,
 * impact 3 (4 for a freeze).</li>
 * </ul>
 */
@Service
public class RiskRules {

	/** The lowest threshold, in percent of BAC, that raises a cost risk. */
	static final int COST_RISK_FROM = 90;

	private final RiskBook book;

	RiskRules(RiskBook book) {
		this.book = book;
	}

	/**
	 * A milestone was missed.
	 * @param missed the event
	 * @return what happened; a milestone that is not critical raises nothing
	 */
	public HandlingOutcome milestoneMissed(MilestoneMissed missed) {
		if (!missed.critical()) {
			return HandlingOutcome.IGNORED;
		}
		Risk.Statement statement = new Risk.Statement("Critical milestone '" + missed.name() + "' missed",
				"'" + missed.name() + "' was due on " + missed.dueDate() + " and is " + missed.daysLate()
						+ " day(s) late",
				"The delay carries over to the milestones that depend on it and to the planned finish",
				"The project finishes late" + (missed.cutover() ? "; the cutover needs another change window" : ""),
				RiskCategory.SCHEDULE, RiskType.THREAT, missed.owner(), null, null);
		return this.book.raise(missed.projectId(), derived("milestone-missed", missed.milestoneId().toString()),
				statement, RiskOrigin.MILESTONE_MISSED, missed.milestoneId().toString(), missed.dueDate().toString(), 4,
				missed.cutover() ? 5 : 4, "Raised by risk-service: a critical milestone was missed",
				"Assessed again by risk-service: the milestone was missed again, due " + missed.dueDate());
	}

	/**
	 * A budget threshold was crossed.
	 * @param crossed the event
	 * @return what happened; a threshold below 90 % raises nothing
	 */
	public HandlingOutcome thresholdCrossed(BudgetThresholdCrossed crossed) {
		int threshold = crossed.thresholdPercent();
		if (threshold < COST_RISK_FROM) {
			return HandlingOutcome.IGNORED;
		}
		int probability = (threshold >= 100) ? 5 : (threshold >= 95) ? 4 : 3;
		Risk.Statement statement = new Risk.Statement("Budget " + threshold + " % consumed",
				"Actual costs reached " + crossed.actualTotal().toPlainString() + " " + crossed.currency() + ", "
						+ crossed.consumedPercent().toPlainString() + " % of the budget at completion "
						+ crossed.budgetAtCompletion().toPlainString(),
				"The budget runs out before the work is done",
				"An overrun that needs a rebaseline, more funding or cuts in scope", RiskCategory.COST, RiskType.THREAT,
				null, null, null);
		return this.book.raise(crossed.projectId(), derived("budget-threshold", crossed.projectId() + "/" + threshold),
				statement, RiskOrigin.BUDGET_THRESHOLD, Integer.toString(threshold), probability, 4,
				"Raised by risk-service: the budget crossed " + threshold + " %");
	}

	/**
	 * A milestone fell into a change window.
	 * @param conflict the event
	 * @return what happened; a conflict with another milestone raises nothing
	 */
	public HandlingOutcome scheduleConflict(ScheduleConflictDetected conflict) {
		if (conflict.windowId() == null) {
			return HandlingOutcome.IGNORED;
		}
		boolean freeze = conflict.kind() == ScheduleConflictKind.CHANGE_FREEZE;
		String reference = conflict.milestoneId() + "/" + conflict.windowId();
		Risk.Statement statement = new Risk.Statement(
				"'" + conflict.name() + "' falls into a " + (freeze ? "change freeze" : "maintenance window"),
				conflict.detail(), "The change planned for " + conflict.dueDate() + " cannot go ahead as planned",
				"The milestone moves, or the change is made against the calendar", RiskCategory.OPERATIONAL,
				RiskType.THREAT, null, conflict.dueDate(), null);
		return this.book.raise(conflict.projectId(), derived("schedule-conflict", reference), statement,
				RiskOrigin.SCHEDULE_CONFLICT, reference, 3, freeze ? 4 : 3,
				"Raised by risk-service: the schedule meets the change calendar");
	}

	private static UUID derived(String rule, String reference) {
		return UUID.nameUUIDFromBytes((rule + "/" + reference).getBytes(StandardCharsets.UTF_8));
	}

}
