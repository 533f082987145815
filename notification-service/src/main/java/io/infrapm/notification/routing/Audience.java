package io.infrapm.notification.routing;

import io.infrapm.contracts.project.StakeholderRole;

/**
 * Whom a routing rule addresses on the project an event concerns.
 */
public enum Audience {

	/** Everyone on the project: manager, sponsor and every stakeholder. */
	TEAM,
	/**
	 * The people the event itself names: the stakeholders of a new project, a stakeholder
	 * just added, the owner of a milestone, risk or action.
	 */
	SUBJECT,
	/** The project's manager, and stakeholders in that role. */
	PROJECT_MANAGER,
	/** The project's sponsor, and stakeholders in that role. */
	SPONSOR,
	/** Stakeholders on the steering committee. */
	STEERING_COMMITTEE,
	/** Executive stakeholders. */
	EXECUTIVE,
	/** Technical leads. */
	TECHNICAL_LEAD,
	/** Engineers. */
	ENGINEER,
	/** Vendors' people. */
	VENDOR,
	/** Operations. */
	OPERATIONS,
	/** Finance. */
	FINANCE,
	/** Stakeholders of any other role. */
	OTHER;

	/**
	 * The stakeholder role this audience is, if it is one.
	 * @return the role, or {@code null} for {@link #TEAM} and {@link #SUBJECT}
	 */
	public StakeholderRole role() {
		return switch (this) {
			case TEAM, SUBJECT -> null;
			default -> StakeholderRole.valueOf(name());
		};
	}

}
