package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.infrapm.contracts.budget.EacMethod;
import io.infrapm.contracts.budget.PerformanceBand;

/**
 * A budget's performance as of its latest progress report, kept up to date by every
 * change so that a crossing is published once and the portfolio reads it without
 * computing.
 *
 * @param asOf the latest progress report's date
 * @param costPerformanceIndex CPI, or {@code null} if undefined
 * @param schedulePerformanceIndex SPI, or {@code null} if undefined
 * @param method how EAC was forecast
 * @param estimateAtCompletion EAC, or {@code null} if undefined
 * @param costBand the band of CPI
 * @param scheduleBand the band of SPI
 * @param overrun whether EAC is above BAC
 */
public record Measurement(LocalDate asOf, BigDecimal costPerformanceIndex, BigDecimal schedulePerformanceIndex,
		EacMethod method, BigDecimal estimateAtCompletion, PerformanceBand costBand, PerformanceBand scheduleBand,
		boolean overrun) {

	/** Before anything was measured: green, within budget. */
	static final Measurement NONE = new Measurement(null, null, null, null, null, PerformanceBand.GREEN,
			PerformanceBand.GREEN, false);

}
