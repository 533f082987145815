package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's cost or schedule performance index crossed a band, measured as of its
 * latest progress report. It is published once per crossing, in either direction; an
 * index not yet defined counts as green.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param asOf the date of the measurement (the latest progress report's)
 * @param costPerformanceIndex CPI now, or {@code null} if AC is zero
 * @param schedulePerformanceIndex SPI now, or {@code null} if PV is zero
 * @param costBand the band CPI is in now
 * @param scheduleBand the band SPI is in now
 * @param previousCostBand the band CPI was in
 * @param previousScheduleBand the band SPI was in
 * @param changedAt when the crossing was found
 * @param actor whose report, cost or approval caused it
 */
@EventType("io.infrapm.budget.CostPerformanceChanged.v1")
public record CostPerformanceChanged(UUID projectId, LocalDate asOf, BigDecimal costPerformanceIndex,
		BigDecimal schedulePerformanceIndex, PerformanceBand costBand, PerformanceBand scheduleBand,
		PerformanceBand previousCostBand, PerformanceBand previousScheduleBand, Instant changedAt, Actor actor) {
}
