package io.infrapm.contracts.project;

/**
 * The life-cycle phase of a project, after the PMBOK process groups. A project moves to
 * the next phase only through an approved gate, never skipping one.
 */
public enum ProjectPhase {

	/** Initiating: the case, the scope and the charter. */
	INITIATING,

	/** Planning: schedule, budget, resources, risks. */
	PLANNING,

	/** Executing: the work. */
	EXECUTING,

	/** Monitoring and controlling: the work tracked against the plan. */
	MONITORING_CONTROLLING,

	/** Closing: acceptance, hand-over to operations, lessons learned. */
	CLOSING,

	/** Closed: the last gate approved. */
	CLOSED

}
