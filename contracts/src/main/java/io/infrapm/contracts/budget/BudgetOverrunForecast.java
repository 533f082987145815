package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's estimate at completion went above its budget at completion (EAC > BAC), or
 * came back within it. It is published once per change, measured as of the latest
 * progress report by the configured method.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param overrun whether EAC is above BAC now
 * @param asOf the date of the measurement
 * @param method how EAC was forecast
 * @param estimateAtCompletion EAC now, or {@code null} if it became undefined
 * @param budgetAtCompletion BAC now
 * @param varianceAtCompletion VAC = BAC − EAC, negative for an overrun, or {@code null}
 * with EAC
 * @param currency the budget's ISO 4217 currency code
 * @param forecastAt when it was found
 * @param actor whose report, cost or approval caused it
 */
@EventType("io.infrapm.budget.BudgetOverrunForecast.v1")
public record BudgetOverrunForecast(UUID projectId, boolean overrun, LocalDate asOf, EacMethod method,
		BigDecimal estimateAtCompletion, BigDecimal budgetAtCompletion, BigDecimal varianceAtCompletion,
		String currency, Instant forecastAt, Actor actor) {
}
