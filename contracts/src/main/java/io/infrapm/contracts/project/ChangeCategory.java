package io.infrapm.contracts.project;

/**
 * What a change request changes.
 */
public enum ChangeCategory {

	/** What the project delivers. */
	SCOPE,

	/** When: an approved schedule change moves the affected milestones. */
	SCHEDULE,

	/** What it costs: an approved cost change rebaselines the budget. */
	COST,

	/** Who works on it. */
	RESOURCE

}
