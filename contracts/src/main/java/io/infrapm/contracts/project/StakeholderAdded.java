package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * Someone joined a project's stakeholder list: from now on they see the project and are
 * kept informed as their role decides.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param stakeholderId the stakeholder's id within the project
 * @param name the display name
 * @param email the e-mail address, unique within the project
 * @param role the role on the project
 * @param addedAt when they were added
 * @param actor who added them
 * @param organisation the organisation they belong to, or {@code null}
 * @param receivesReports whether the project's status reports go to them; true when an
 * older producer did not say
 */
@EventType("io.infrapm.project.StakeholderAdded.v1")
public record StakeholderAdded(UUID projectId, UUID stakeholderId, String name, String email, StakeholderRole role,
		Instant addedAt, Actor actor, String organisation, Boolean receivesReports) {

	/**
	 * Reads an event published before {@code receivesReports} existed (a boxed type,
	 * since a missing primitive fails the read): such a stakeholder receives reports.
	 */
	public StakeholderAdded {
		receivesReports = (receivesReports == null) || receivesReports;
	}
}
