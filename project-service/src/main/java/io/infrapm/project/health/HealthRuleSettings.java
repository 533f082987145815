package io.infrapm.project.health;

import java.math.BigDecimal;

import io.infrapm.contracts.risk.IssueSeverity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The health rules' thresholds, under {@code infrapm.project.health}. Every assessment
 * names the {@code version} that judged it: change the version with the thresholds, so
 * that a colour can always be traced to the rules that gave it.
 *
 * @param version the rules' version, e.g. {@code 2026.12-1}
 * @param schedule the schedule rules
 * @param cost the cost rules
 * @param scope the scope rules
 * @param risk the risk rules
 */
@ConfigurationProperties("infrapm.project.health")
public record HealthRuleSettings(@DefaultValue("2026.12-1") String version, @DefaultValue Schedule schedule,
		@DefaultValue Cost cost, @DefaultValue Scope scope, @DefaultValue Risk risk) {

	public HealthRuleSettings {
		if (version == null || version.isBlank() || version.length() > 40) {
			throw new IllegalArgumentException("infrapm.project.health.version must be 1 to 40 characters");
		}
	}

	/** The rules as shipped. */
	public static HealthRuleSettings defaults() {
		return new HealthRuleSettings("2026.12-1", new Schedule(new BigDecimal("0.90"), new BigDecimal("0.95")),
				new Cost(new BigDecimal("0.90"), new BigDecimal("0.95"), 10, 5, 90, 80), new Scope(1, 3, 14),
				new Risk(1, 1, IssueSeverity.CRITICAL, IssueSeverity.HIGH));
	}

	/**
	 * Schedule: a missed critical milestone is red, any other missed milestone, a slipped
	 * critical milestone, a late vendor deliverable or an open schedule conflict amber;
	 * and the schedule performance index (SPI) against two bands.
	 *
	 * @param spiRed red below this SPI
	 * @param spiAmber amber below this SPI
	 */
	public record Schedule(@DefaultValue("0.90") BigDecimal spiRed, @DefaultValue("0.95") BigDecimal spiAmber) {

		public Schedule {
			bands("schedule.spi", spiRed, spiAmber);
		}

	}

	/**
	 * Cost: the cost performance index (CPI), the estimate at completion (EAC) over the
	 * budget (BAC), and the highest budget threshold crossed.
	 *
	 * @param cpiRed red below this CPI
	 * @param cpiAmber amber below this CPI
	 * @param eacOverrunRedPercent red when EAC exceeds BAC by more than this
	 * @param eacOverrunAmberPercent amber when EAC exceeds BAC by more than this
	 * @param consumedRedPercent red once a threshold at or above this was crossed
	 * @param consumedAmberPercent amber once a threshold at or above this was crossed
	 */
	public record Cost(@DefaultValue("0.90") BigDecimal cpiRed, @DefaultValue("0.95") BigDecimal cpiAmber,
			@DefaultValue("10") int eacOverrunRedPercent, @DefaultValue("5") int eacOverrunAmberPercent,
			@DefaultValue("90") int consumedRedPercent, @DefaultValue("80") int consumedAmberPercent) {

		public Cost {
			bands("cost.cpi", cpiRed, cpiAmber);
			if (eacOverrunAmberPercent < 0 || eacOverrunRedPercent < eacOverrunAmberPercent) {
				throw new IllegalArgumentException(
						"infrapm.project.health.cost: eac-overrun-amber-percent must be 0 or more and at most eac-overrun-red-percent");
			}
			if (consumedAmberPercent < 1 || consumedRedPercent < consumedAmberPercent) {
				throw new IllegalArgumentException(
						"infrapm.project.health.cost: consumed-amber-percent must be 1 or more and at most consumed-red-percent");
			}
		}

	}

	/**
	 * Scope: change requests waiting for a decision.
	 *
	 * @param openChangeRequestsAmber amber from this many waiting
	 * @param openChangeRequestsRed red from this many waiting
	 * @param waitingDaysRed red when one has waited longer than this many days
	 */
	public record Scope(@DefaultValue("1") int openChangeRequestsAmber, @DefaultValue("3") int openChangeRequestsRed,
			@DefaultValue("14") int waitingDaysRed) {

		public Scope {
			if (openChangeRequestsAmber < 1 || openChangeRequestsRed < openChangeRequestsAmber || waitingDaysRed < 1) {
				throw new IllegalArgumentException(
						"infrapm.project.health.scope: the counts must be 1 or more, amber at most red, waiting-days-red 1 or more");
			}
		}

	}

	/**
	 * Risk: open threats by band, from risk-service's exposure, and open issues.
	 *
	 * @param criticalRisksRed red from this many open critical risks
	 * @param highRisksAmber amber from this many open high (or critical) risks
	 * @param issueRed red while an issue of this severity or worse is open
	 * @param issueAmber amber while an issue of this severity or worse is open
	 */
	public record Risk(@DefaultValue("1") int criticalRisksRed, @DefaultValue("1") int highRisksAmber,
			@DefaultValue("CRITICAL") IssueSeverity issueRed, @DefaultValue("HIGH") IssueSeverity issueAmber) {

		public Risk {
			if (criticalRisksRed < 1 || highRisksAmber < 1) {
				throw new IllegalArgumentException("infrapm.project.health.risk: the counts must be 1 or more");
			}
			if (issueAmber.compareTo(issueRed) > 0) {
				throw new IllegalArgumentException(
						"infrapm.project.health.risk: issue-amber must not be more severe than issue-red");
			}
		}

	}

	private static void bands(String name, BigDecimal red, BigDecimal amber) {
		if (red == null || amber == null || red.signum() <= 0 || amber.compareTo(red) < 0) {
			throw new IllegalArgumentException(
					"infrapm.project.health." + name + ": the red band must be positive and at most the amber one");
		}
	}

}
