package io.infrapm.contracts.risk;

/**
 * How serious a risk is, by its score (probability × impact, 1 to 25) against the bands
 * configured for risk-service (by default 1-4 low, 5-9 medium, 10-15 high, 16-25
 * critical).
 */
public enum RiskBand {

	/** Watch it. */
	LOW,

	/** Plan a response. */
	MEDIUM,

	/** Act on it and report it. */
	HIGH,

	/** Escalate it. */
	CRITICAL

}
