package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A stakeholder's name, organisation or wish for status reports changed; their role is
 * told by {@code StakeholderRoleChanged}. The payload carries the stakeholder as they are
 * now.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param stakeholderId the stakeholder's id within the project
 * @param email the stakeholder's e-mail address
 * @param name the display name now
 * @param organisation the organisation now, or {@code null}
 * @param receivesReports whether the project's status reports go to them now
 * @param updatedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.project.StakeholderUpdated.v1")
public record StakeholderUpdated(UUID projectId, UUID stakeholderId, String email, String name, String organisation,
		boolean receivesReports, Instant updatedAt, Actor actor) {
}
