package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's earned value, computed for the date of a progress report. An index that is
 * undefined (no planned value, no actual cost, no value earned, BAC spent) is
 * {@code null}; the API names the reason.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param reportId the progress report it was computed for
 * @param asOf the date the figures hold for
 * @param percentComplete the project's percent complete reported for that date
 * @param budgetAtCompletion the budget at completion (BAC) on that date
 * @param currency the budget's ISO 4217 currency code
 * @param plannedValue the planned value (PV) by that date
 * @param earnedValue the earned value (EV), percent complete × BAC
 * @param actualCost the actual costs (AC) incurred by that date
 * @param scheduleVariance SV = EV − PV
 * @param costVariance CV = EV − AC
 * @param schedulePerformanceIndex SPI = EV / PV, or {@code null} if PV is zero
 * @param costPerformanceIndex CPI = EV / AC, or {@code null} if AC is zero
 * @param method how the estimate at completion is forecast
 * @param estimateAtCompletion EAC by that method, or {@code null} if it is undefined
 * @param estimateToComplete ETC = EAC − AC, or {@code null} with EAC
 * @param varianceAtCompletion VAC = BAC − EAC, or {@code null} with EAC
 * @param toCompletePerformanceIndex TCPI to BAC = (BAC − EV) / (BAC − AC), or
 * {@code null} if AC has reached BAC
 * @param calculatedAt when it was computed
 * @param actor who reported the progress
 */
@EventType("io.infrapm.budget.EarnedValueCalculated.v1")
public record EarnedValueCalculated(UUID projectId, UUID reportId, LocalDate asOf, BigDecimal percentComplete,
		BigDecimal budgetAtCompletion, String currency, BigDecimal plannedValue, BigDecimal earnedValue,
		BigDecimal actualCost, BigDecimal scheduleVariance, BigDecimal costVariance,
		BigDecimal schedulePerformanceIndex, BigDecimal costPerformanceIndex, EacMethod method,
		BigDecimal estimateAtCompletion, BigDecimal estimateToComplete, BigDecimal varianceAtCompletion,
		BigDecimal toCompletePerformanceIndex, Instant calculatedAt, Actor actor) {
}
