package io.infrapm.contracts.project;

/**
 * The life-cycle phase of a project.
 */
public enum ProjectPhase {

	/** Initiation and scoping. */
	INITIATION,
	/** Planning. */
	PLANNING,
	/** Execution. */
	EXECUTION,
	/** Hand-over to operations. */
	HANDOVER,
	/** Closure. */
	CLOSURE

}
