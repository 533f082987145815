package io.infrapm.contracts.risk;

/**
 * Who a risk is escalated to, up the project's ladder.
 */
public enum EscalationLevel {

	/** The project's manager. */
	PROJECT_MANAGER,

	/** The project's sponsor. */
	SPONSOR,

	/** The project's steering committee. */
	STEERING_COMMITTEE

}
