package io.infrapm.contracts.project;

/**
 * Whom a status report is written for.
 */
public enum ReportAudience {

	/** The project team: every stakeholder who receives reports. */
	TEAM,

	/** The steering committee and the sponsor. */
	STEERING_COMMITTEE,

	/** The sponsor and the executives. */
	EXECUTIVE

}
