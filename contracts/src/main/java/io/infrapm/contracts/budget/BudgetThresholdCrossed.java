package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's actual costs reached a threshold of its budget at completion for the first
 * time. Published once per threshold: a cost that jumps several thresholds publishes one
 * event for each, lowest first. A rebaseline that raises BAC arms again the thresholds no
 * longer reached.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param thresholdPercent the threshold reached, in percent of BAC (e.g. 90)
 * @param consumedPercent the share of BAC spent now, in percent
 * @param actualTotal the project's actual costs now
 * @param budgetAtCompletion the budget at completion (BAC)
 * @param currency the budget's ISO 4217 currency code
 * @param costId the cost entry that reached it, or {@code null} if a rebaseline that
 * lowered BAC reached it
 * @param crossedAt when it was reached
 * @param actor who recorded that cost, or who approved the rebaseline
 */
@EventType("io.infrapm.budget.BudgetThresholdCrossed.v1")
public record BudgetThresholdCrossed(UUID projectId, int thresholdPercent, BigDecimal consumedPercent,
		BigDecimal actualTotal, BigDecimal budgetAtCompletion, String currency, UUID costId, Instant crossedAt,
		Actor actor) {
}
