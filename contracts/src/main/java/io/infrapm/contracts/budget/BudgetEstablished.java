package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's budget was established, making its approved amount the budget at
 * completion.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param budgetId the budget's id
 * @param budgetAtCompletion the budget at completion (BAC)
 * @param currency the ISO 4217 currency code
 * @param establishedAt when the budget was established
 * @param actor the service that established it, on the project's creation
 */
@EventType("io.infrapm.budget.BudgetEstablished.v1")
public record BudgetEstablished(UUID projectId, UUID budgetId, BigDecimal budgetAtCompletion, String currency,
		Instant establishedAt, Actor actor) {
}
