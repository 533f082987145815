package io.infrapm.contracts.project;

/**
 * What a sponsor or steering committee decided at a phase gate.
 */
public enum GateDecision {

	/** The project moves on to the next phase. */
	APPROVED,

	/** The project stays in its phase; the gate must be passed again. */
	REJECTED,

	/** The decision is put off; the project stays in its phase. */
	DEFERRED

}
