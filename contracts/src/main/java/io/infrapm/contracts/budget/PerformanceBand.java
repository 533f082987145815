package io.infrapm.contracts.budget;

/**
 * Where a performance index (CPI or SPI) stands against the bands configured for
 * budget-service (by default: below 0.95 amber, below 0.90 red).
 */
public enum PerformanceBand {

	/** At or above the amber band. */
	GREEN,

	/** Below the amber band, at or above the red one. */
	AMBER,

	/** Below the red band. */
	RED

}
