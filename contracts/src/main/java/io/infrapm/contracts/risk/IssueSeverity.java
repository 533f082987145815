package io.infrapm.contracts.risk;

/**
 * How much an issue hurts the project now.
 */
public enum IssueSeverity {

	/** A nuisance. */
	LOW,

	/** It slows the work down. */
	MEDIUM,

	/** It puts a milestone or the budget at stake. */
	HIGH,

	/** It stops the project or a live service. */
	CRITICAL

}
