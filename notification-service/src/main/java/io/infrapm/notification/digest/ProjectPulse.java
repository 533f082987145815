package io.infrapm.notification.digest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What an executive digest says of a project, kept from project, budget and risk events:
 * the latest computed health, budget consumption, earned-value performance and risk
 * exposure. Each part keeps the time of the event it came from, and only a later event
 * replaces it, so redelivered or late events never make it older.
 */
@Document(ProjectPulse.COLLECTION)
public class ProjectPulse {

	/** The collection of the pulses. */
	public static final String COLLECTION = "project_pulse";

	@Id
	private UUID projectId;

	private Budget budget;

	private Performance performance;

	private Risk risk;

	private Health health;

	ProjectPulse() {
		// for the mapping layer
	}

	public UUID projectId() {
		return this.projectId;
	}

	/**
	 * The latest budget consumption.
	 * @return it, or {@code null} if no threshold was crossed yet
	 */
	public Budget budget() {
		return this.budget;
	}

	/**
	 * The latest earned-value performance.
	 * @return it, or {@code null} if none was calculated yet
	 */
	public Performance performance() {
		return this.performance;
	}

	/**
	 * The latest risk exposure.
	 * @return it, or {@code null} if the register never reported one
	 */
	public Risk risk() {
		return this.risk;
	}

	/**
	 * The latest computed health.
	 * @return it, or {@code null} if project-service never reported one
	 */
	public Health health() {
		return this.health;
	}

	/**
	 * The computed health, from {@code ProjectHealthChanged}.
	 *
	 * @param overall the overall colour
	 * @param schedule the schedule colour
	 * @param cost the cost colour
	 * @param scope the scope colour
	 * @param risk the risk colour
	 * @param at when it was recomputed
	 */
	public record Health(String overall, String schedule, String cost, String scope, String risk, Instant at) {
	}

	/**
	 * Budget consumption, from {@code BudgetThresholdCrossed}.
	 *
	 * @param consumedPercent actual costs in per cent of the budget
	 * @param actualTotal the actual costs
	 * @param budgetAtCompletion the budget
	 * @param currency its currency
	 * @param at when the event occurred
	 */
	public record Budget(BigDecimal consumedPercent, BigDecimal actualTotal, BigDecimal budgetAtCompletion,
			String currency, Instant at) {
	}

	/**
	 * Earned-value performance, from {@code EarnedValueCalculated} and
	 * {@code CostPerformanceChanged}.
	 *
	 * @param costPerformanceIndex CPI
	 * @param schedulePerformanceIndex SPI
	 * @param estimateAtCompletion EAC, or {@code null}
	 * @param currency its currency, or {@code null}
	 * @param costBand the CPI's band, or {@code null}
	 * @param scheduleBand the SPI's band, or {@code null}
	 * @param at when the event occurred
	 */
	public record Performance(BigDecimal costPerformanceIndex, BigDecimal schedulePerformanceIndex,
			BigDecimal estimateAtCompletion, String currency, String costBand, String scheduleBand, Instant at) {
	}

	/**
	 * Risk exposure, from {@code ProjectRiskExposureChanged}.
	 *
	 * @param openThreats open threats
	 * @param critical of them critical
	 * @param high of them high
	 * @param topRiskNumber the number of the top risk, or {@code null}
	 * @param topScore its score
	 * @param expectedExposure the expected monetary value of the open threats
	 * @param currency its currency, or {@code null}
	 * @param at when the event occurred
	 */
	public record Risk(int openThreats, int critical, int high, String topRiskNumber, int topScore,
			BigDecimal expectedExposure, String currency, Instant at) {
	}

}
