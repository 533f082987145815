package io.infrapm.contracts.project;

/**
 * How badly an outage hit its service.
 */
public enum OutageImpact {

	/** The service was unavailable: counts as downtime. */
	FULL,

	/**
	 * The service ran degraded or for some users only: recorded, not counted as downtime.
	 */
	PARTIAL

}
