package io.infrapm.risk.register;

import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bands of a risk's score ({@code infrapm.risk.bands.*}): a score up to
 * {@code lowMax} is low, up to {@code mediumMax} medium, up to {@code highMax} high,
 * above critical. By default 1-4, 5-9, 10-15, 16-25.
 *
 * @param lowMax the highest low score
 * @param mediumMax the highest medium score
 * @param highMax the highest high score
 */
@ConfigurationProperties("infrapm.risk.bands")
public record RiskBands(@DefaultValue("4") int lowMax, @DefaultValue("9") int mediumMax,
		@DefaultValue("15") int highMax) {

	/** The defaults. */
	public static final RiskBands DEFAULTS = new RiskBands(4, 9, 15);

	public RiskBands {
		if (!(1 <= lowMax && lowMax < mediumMax && mediumMax < highMax && highMax < 25)) {
			throw new IllegalArgumentException("infrapm.risk.bands must rise within 1 to 25: low-max " + lowMax
					+ ", medium-max " + mediumMax + ", high-max " + highMax);
		}
	}

	/**
	 * Scores an assessment.
	 * @param probability 1 to 5
	 * @param impact 1 to 5
	 * @return probability × impact
	 * @throws RuleViolationException naming the field out of range
	 */
	public static int score(int probability, int impact) {
		if (probability < 1 || probability > 5) {
			throw new RuleViolationException("probability", "must be from 1 (rare) to 5 (almost certain)");
		}
		if (impact < 1 || impact > 5) {
			throw new RuleViolationException("impact", "must be from 1 (negligible) to 5 (severe)");
		}
		return probability * impact;
	}

	/**
	 * The band of a score.
	 * @param score 1 to 25
	 * @return its band
	 */
	public RiskBand band(int score) {
		if (score <= this.lowMax) {
			return RiskBand.LOW;
		}
		if (score <= this.mediumMax) {
			return RiskBand.MEDIUM;
		}
		return (score <= this.highMax) ? RiskBand.HIGH : RiskBand.CRITICAL;
	}

}
