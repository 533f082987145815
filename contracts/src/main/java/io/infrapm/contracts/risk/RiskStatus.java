package io.infrapm.contracts.risk;

/**
 * Where a risk is in its life: {@code IDENTIFIED → ASSESSED → RESPONSE_PLANNED →
 * MONITORING → CLOSED}, or {@code OCCURRED} when it happened and became an issue.
 */
public enum RiskStatus {

	/** Recorded, not assessed yet. */
	IDENTIFIED,

	/** Its probability and impact are assessed. */
	ASSESSED,

	/** A response is planned. */
	RESPONSE_PLANNED,

	/** The response is in place; the risk is watched. */
	MONITORING,

	/** It no longer applies. */
	CLOSED,

	/** It happened, and is followed as an issue. */
	OCCURRED

}
