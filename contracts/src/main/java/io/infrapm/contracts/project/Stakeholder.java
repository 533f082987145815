package io.infrapm.contracts.project;

import java.util.UUID;

/**
 * A stakeholder of a project as carried in project events.
 *
 * @param stakeholderId the stakeholder's id within the project
 * @param name the display name
 * @param email the e-mail address messages are sent to
 * @param role the role, which decides what the stakeholder is told
 * @param organisation the organisation they belong to (a department, a vendor, a
 * customer), or {@code null}
 * @param receivesReports whether the project's status reports go to them; true when an
 * older producer did not say
 */
public record Stakeholder(UUID stakeholderId, String name, String email, StakeholderRole role, String organisation,
		Boolean receivesReports) {

	/**
	 * Reads an event published before {@code receivesReports} existed (a boxed type,
	 * since a missing primitive fails the read): such a stakeholder receives reports.
	 */
	public Stakeholder {
		receivesReports = (receivesReports == null) || receivesReports;
	}
}
