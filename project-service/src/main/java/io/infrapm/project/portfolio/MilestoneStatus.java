package io.infrapm.project.portfolio;

/**
 * Where a milestone stands.
 */
public enum MilestoneStatus {

	/** Not reached yet. */
	PLANNED,

	/** Reached, on the date recorded. */
	COMPLETED,

	/** Will not be reached and need not be, for the reason recorded. */
	WAIVED

}
