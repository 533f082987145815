package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A budget line changed: its name, planned amount or spread, or it was closed (nothing
 * more is expected on it, and what it did not spend is a saving). The payload carries the
 * line as it is now.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param lineId the line's id within the budget
 * @param name what the line is for
 * @param category the cost category
 * @param expenditureType CapEx or OpEx
 * @param plannedAmount the amount planned now
 * @param previousPlannedAmount the amount planned before
 * @param currency the budget's ISO 4217 currency code
 * @param months how the amount is spread over months now
 * @param closed whether the line is closed
 * @param plannedTotal the sum of all lines' planned amounts after the change
 * @param revision the line's revision
 * @param revisedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.budget.BudgetLineRevised.v1")
public record BudgetLineRevised(UUID projectId, UUID lineId, String name, CostCategory category,
		ExpenditureType expenditureType, BigDecimal plannedAmount, BigDecimal previousPlannedAmount, String currency,
		List<PlannedMonth> months, boolean closed, BigDecimal plannedTotal, int revision, Instant revisedAt,
		Actor actor) {
}
