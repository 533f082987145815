package io.infrapm.risk.register;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.UUID;

import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.contracts.risk.RiskType;

import org.springframework.data.annotation.Id;

/**
 * What a project's open risks add up to. Open means identified, assessed, response
 * planned or monitoring; each counts with its current assessment (the residual one once
 * made, else the inherent one).
 *
 * @param openThreats how many open threats
 * @param low of them, how many in band LOW
 * @param medium MEDIUM
 * @param high HIGH
 * @param critical CRITICAL
 * @param unassessed how many open threats have no assessment yet
 * @param openOpportunities how many open opportunities
 * @param topScore the highest score of an open threat, 0 if none
 * @param topRiskId that threat (the earliest numbered of equals), or {@code null}
 * @param topRiskNumber its number, or {@code null}
 * @param totalScore the open threats' scores added up
 * @param expectedExposure the open threats' expected monetary value: each cost impact ×
 * its probability, added up, to 2 decimals
 */
public record Exposure(int openThreats, int low, int medium, int high, int critical, int unassessed,
		int openOpportunities, int topScore, UUID topRiskId, String topRiskNumber, int totalScore,
		BigDecimal expectedExposure) {

	/** A register without open risks. */
	public static final Exposure NONE = new Exposure(0, 0, 0, 0, 0, 0, 0, 0, null, null, 0,
			BigDecimal.ZERO.setScale(2));

	/** The probability, in percent, each of the five levels stands for. */
	private static final int[] PERCENT = { 10, 30, 50, 70, 90 };

	/**
	 * The probability in percent that a level stands for: the middle of its fifth.
	 * @param probability 1 to 5
	 * @return 10, 30, 50, 70 or 90
	 */
	public static int percentOf(int probability) {
		return PERCENT[probability - 1];
	}

	/**
	 * Adds up some risks of a project.
	 * @param risks the project's risks, open or not
	 * @return what the open ones add up to
	 */
	static Exposure of(Collection<Counted> risks) {
		int threats = 0;
		int[] bands = new int[RiskBand.values().length];
		int unassessed = 0;
		int opportunities = 0;
		int total = 0;
		BigDecimal expected = BigDecimal.ZERO;
		Counted top = null;
		Comparator<Counted> higher = Comparator.comparingInt(Counted::score)
			.thenComparing(Comparator.comparingLong(Counted::ordinal).reversed());
		for (Counted risk : risks) {
			if (!open(risk.status())) {
				continue;
			}
			if (risk.type() == RiskType.OPPORTUNITY) {
				opportunities++;
				continue;
			}
			threats++;
			Assessment current = risk.current();
			if (current == null) {
				unassessed++;
				continue;
			}
			bands[risk.band().ordinal()]++;
			total += risk.score();
			if (current.costImpact() != null) {
				expected = expected
					.add(current.costImpact().multiply(BigDecimal.valueOf(percentOf(current.probability()))));
			}
			if (top == null || higher.compare(risk, top) > 0) {
				top = risk;
			}
		}
		return new Exposure(threats, bands[RiskBand.LOW.ordinal()], bands[RiskBand.MEDIUM.ordinal()],
				bands[RiskBand.HIGH.ordinal()], bands[RiskBand.CRITICAL.ordinal()], unassessed, opportunities,
				(top != null) ? top.score() : 0, (top != null) ? top.id() : null, (top != null) ? top.number() : null,
				total, expected.movePointLeft(2).setScale(2, RoundingMode.HALF_EVEN));
	}

	private static boolean open(RiskStatus status) {
		return status != RiskStatus.CLOSED && status != RiskStatus.OCCURRED;
	}

	/**
	 * What the exposure reads of a risk.
	 *
	 * @param id the risk
	 * @param version its version when read
	 * @param number its number, {@code R-12}
	 * @param status its status
	 * @param type threat or opportunity
	 * @param band its current band, or {@code null} before an assessment
	 * @param score its current score
	 * @param inherent its inherent assessment, or {@code null}
	 * @param residual its residual assessment, or {@code null}
	 * @param exposureSince since when a write of it waits to be counted, or {@code null}
	 */
	record Counted(@Id UUID id, Long version, String number, RiskStatus status, RiskType type, RiskBand band, int score,
			Assessment inherent, Assessment residual, Instant exposureSince) {

		Assessment current() {
			return (this.residual != null) ? this.residual : this.inherent;
		}

		/** The number's place in the register: R-2 before R-10. */
		long ordinal() {
			try {
				return Long.parseLong(this.number.substring(this.number.indexOf('-') + 1));
			}
			catch (RuntimeException ex) {
				return Long.MAX_VALUE;
			}
		}

	}

}
