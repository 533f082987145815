package io.infrapm.contracts.project;

/**
 * Whether a project is being worked on.
 */
public enum ProjectStatus {

	/** Being worked on. */
	ACTIVE,

	/** Paused, for a stated reason, until resumed. */
	ON_HOLD,

	/** Finished through its last gate. */
	CLOSED,

	/** Stopped for good, for a stated reason. */
	CANCELLED

}
