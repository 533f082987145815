package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An approved cost change request gave a project's budget a new baseline, with a new
 * budget at completion. Thresholds the actual costs no longer reach against the new BAC
 * are armed again; those reached now are published as {@code BudgetThresholdCrossed}.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param baseline the number of the new baseline; the budget's first is 1
 * @param budgetAtCompletion the new budget at completion (BAC)
 * @param previousBudgetAtCompletion the BAC before
 * @param currency the budget's ISO 4217 currency code
 * @param changeRequestId the approved change request
 * @param changeRequestNumber its number within the project, e.g. {@code CR-3}
 * @param reason the change request's title
 * @param rearmedThresholds the thresholds, in percent of BAC, that are armed again
 * @param rebaselinedAt when the change request was approved
 * @param actor who approved it
 */
@EventType("io.infrapm.budget.BudgetRebaselined.v1")
public record BudgetRebaselined(UUID projectId, int baseline, BigDecimal budgetAtCompletion,
		BigDecimal previousBudgetAtCompletion, String currency, UUID changeRequestId, String changeRequestNumber,
		String reason, List<Integer> rearmedThresholds, Instant rebaselinedAt, Actor actor) {
}
