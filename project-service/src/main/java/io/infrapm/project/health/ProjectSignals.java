package io.infrapm.project.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.RiskBand;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What project-service knows of a project from risk- and budget-service's events: the
 * budget and its consumption, earned-value performance, risk exposure and the open
 * issues. Kept by {@link ProjectSignalsWrites}, each event applied once and in order;
 * read by the health rules. The names of its fields in updates live here.
 */
@Document(ProjectSignals.COLLECTION)
public class ProjectSignals {

	/** The collection. */
	public static final String COLLECTION = "project_signals";

	static final String BUDGET = "budget";

	static final String PERFORMANCE = "performance";

	static final String EXPOSURE = "exposure";

	static final String ISSUES = "issues";

	static final String RISKS = "risks";

	static final String EXPOSURE_REVISION = "exposureRevision";

	static final String REVISION = "revision";

	@Id
	private UUID projectId;

	private Budget budget;

	private Performance performance;

	private Exposure exposure;

	private Map<String, Issue> issues;

	private Map<String, Risk> risks;

	private long revision;

	ProjectSignals() {
		// for the mapping layer
	}

	ProjectSignals(UUID projectId) {
		this.projectId = projectId;
	}

	ProjectSignals(UUID projectId, Budget budget, Performance performance, Exposure exposure,
			Map<String, Issue> issues) {
		this.projectId = projectId;
		this.budget = budget;
		this.performance = performance;
		this.exposure = exposure;
		this.issues = issues;
	}

	/**
	 * Nothing known yet.
	 * @param projectId the project
	 * @return empty signals
	 */
	public static ProjectSignals none(UUID projectId) {
		return new ProjectSignals(projectId);
	}

	public UUID projectId() {
		return this.projectId;
	}

	/**
	 * How many events were applied to the signals; one more with each.
	 * @return the revision
	 */
	public long revision() {
		return this.revision;
	}

	/**
	 * The budget and its consumption.
	 * @return it, if budget-service published any of it
	 */
	public Optional<Budget> budget() {
		return Optional.ofNullable(this.budget);
	}

	/**
	 * The latest earned value.
	 * @return it, if calculated
	 */
	public Optional<Performance> performance() {
		return Optional.ofNullable(this.performance);
	}

	/**
	 * The latest risk exposure.
	 * @return it, if the register reported one
	 */
	public Optional<Exposure> exposure() {
		return Optional.ofNullable(this.exposure);
	}

	/**
	 * The issues still open, most severe first.
	 * @return the issues
	 */
	public List<Issue> openIssues() {
		if (this.issues == null) {
			return List.of();
		}
		return this.issues.values()
			.stream()
			.filter((issue) -> issue.resolvedAt() == null)
			.sorted(Comparator.comparing(Issue::severity).reversed().thenComparing(Issue::number))
			.toList();
	}

	/**
	 * The open threats with the highest scores, highest first.
	 * @param most how many at most
	 * @return them
	 */
	public List<Risk> topThreats(int most) {
		if (this.risks == null) {
			return List.of();
		}
		return this.risks.values()
			.stream()
			.filter((risk) -> risk.isOpen() && risk.isThreat() && risk.scoreOrZero() > 0)
			.sorted(Comparator.comparingInt(Risk::scoreOrZero)
				.reversed()
				.thenComparing(Risk::number, Comparator.nullsLast(Comparator.naturalOrder())))
			.limit(most)
			.toList();
	}

	/**
	 * The budget, from {@code BudgetEstablished}, {@code BudgetRebaselined},
	 * {@code CostRecorded} and {@code BudgetThresholdCrossed}.
	 *
	 * @param budgetAtCompletion the budget (BAC), or {@code null} if not yet known
	 * @param actualTotal the actual costs so far, or {@code null} if none recorded
	 * @param currency the currency, or {@code null}
	 * @param crossed the thresholds (per cent of BAC, as text) crossed and not re-armed
	 * by a rebaseline, with when
	 */
	public record Budget(BigDecimal budgetAtCompletion, BigDecimal actualTotal, String currency,
			Map<String, Instant> crossed) {

		/**
		 * The highest threshold crossed since the last rebaseline.
		 * @return it, or 0 for none
		 */
		public int highestCrossed() {
			return (this.crossed == null) ? 0
					: this.crossed.keySet().stream().mapToInt(Integer::parseInt).max().orElse(0);
		}

		/**
		 * The actual costs in per cent of the budget.
		 * @return it, if both are known
		 */
		public Optional<BigDecimal> consumedPercent() {
			if (this.budgetAtCompletion == null || this.actualTotal == null || this.budgetAtCompletion.signum() <= 0) {
				return Optional.empty();
			}
			return Optional.of(this.actualTotal.multiply(BigDecimal.valueOf(100))
				.divide(this.budgetAtCompletion, 1, RoundingMode.HALF_UP));
		}

	}

	/**
	 * Earned-value performance, from {@code EarnedValueCalculated} and
	 * {@code CostPerformanceChanged}.
	 *
	 * @param asOf the date it holds for
	 * @param costPerformanceIndex CPI, or {@code null}
	 * @param schedulePerformanceIndex SPI, or {@code null}
	 * @param estimateAtCompletion EAC, or {@code null}
	 * @param budgetAtCompletion BAC, or {@code null}
	 * @param currency the currency, or {@code null}
	 */
	public record Performance(LocalDate asOf, BigDecimal costPerformanceIndex, BigDecimal schedulePerformanceIndex,
			BigDecimal estimateAtCompletion, BigDecimal budgetAtCompletion, String currency) {
	}

	/**
	 * Risk exposure, from {@code ProjectRiskExposureChanged}.
	 *
	 * @param openThreats the open threats
	 * @param critical of them critical
	 * @param high of them high
	 * @param topRiskNumber the number of the highest-scored one, or {@code null}
	 * @param topScore its score
	 * @param expectedExposure the expected monetary value of the open threats, or
	 * {@code null}
	 * @param currency its currency, or {@code null}
	 */
	public record Exposure(int openThreats, int critical, int high, String topRiskNumber, int topScore,
			BigDecimal expectedExposure, String currency) {
	}

	/**
	 * A risk, from {@code RiskIdentified}, {@code RiskUpdated}, {@code RiskAssessed},
	 * {@code RiskClosed} and {@code RiskOccurred}.
	 *
	 * @param number its number, e.g. {@code R-7}
	 * @param title what it is
	 * @param threat whether it is a threat (not an opportunity), or {@code null} if not
	 * known
	 * @param score its latest score, or {@code null} until assessed
	 * @param band the band of that score, or {@code null} until assessed
	 * @param open whether it is still open (neither closed nor occurred), or {@code null}
	 * if not known
	 */
	public record Risk(String number, String title, Boolean threat, Integer score, RiskBand band, Boolean open) {

		// A risk identified before project-service listened is known only from its later
		// events: a threat, open, until they say otherwise.

		public boolean isThreat() {
			return this.threat == null || this.threat;
		}

		public boolean isOpen() {
			return this.open == null || this.open;
		}

		public int scoreOrZero() {
			return (this.score != null) ? this.score : 0;
		}

	}

	/**
	 * An issue, from {@code IssueRaised} and {@code IssueResolved}.
	 *
	 * @param number its number, e.g. {@code I-3}
	 * @param title what it is
	 * @param severity how bad it is
	 * @param raisedAt when it was raised
	 * @param resolvedAt when it was resolved, or {@code null} while open
	 */
	public record Issue(String number, String title, IssueSeverity severity, Instant raisedAt, Instant resolvedAt) {
	}

}
