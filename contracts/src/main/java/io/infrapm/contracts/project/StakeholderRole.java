package io.infrapm.contracts.project;

/**
 * The role a stakeholder plays in a project; it decides which messages reach them.
 */
public enum StakeholderRole {

	/** The executive sponsor, accountable for the business case. */
	SPONSOR,
	/** A member of the steering committee. */
	STEERING_COMMITTEE,
	/** C-level executive informed at summary level. */
	EXECUTIVE,
	/** The project manager. */
	PROJECT_MANAGER,
	/** A technical lead or architect. */
	TECHNICAL_LEAD,
	/** An engineer doing the work. */
	ENGINEER,
	/** A vendor or supplier contact. */
	VENDOR,
	/** The operations team that takes over the result. */
	OPERATIONS,
	/** Finance: a controller or business partner who reads the project's budget. */
	FINANCE,
	/** Anyone else who must be kept informed. */
	OTHER

}
