package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A line was added to a project's budget.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param lineId the line's id within the budget
 * @param name what the line is for
 * @param category the cost category
 * @param expenditureType CapEx or OpEx
 * @param plannedAmount the amount planned, in the budget's currency
 * @param currency the budget's ISO 4217 currency code
 * @param months how the amount is spread over months; empty if it is not
 * @param plannedTotal the sum of all lines' planned amounts after the change
 * @param plannedAt when it was added
 * @param actor who added it
 */
@EventType("io.infrapm.budget.BudgetLinePlanned.v1")
public record BudgetLinePlanned(UUID projectId, UUID lineId, String name, CostCategory category,
		ExpenditureType expenditureType, BigDecimal plannedAmount, String currency, List<PlannedMonth> months,
		BigDecimal plannedTotal, Instant plannedAt, Actor actor) {
}
