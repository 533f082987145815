package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A stakeholder's role on a project changed, and with it what they may do and are told.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param stakeholderId the stakeholder's id within the project
 * @param email the stakeholder's e-mail address
 * @param previousRole the role before
 * @param role the role now
 * @param changedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.project.StakeholderRoleChanged.v1")
public record StakeholderRoleChanged(UUID projectId, UUID stakeholderId, String email, StakeholderRole previousRole,
		StakeholderRole role, Instant changedAt, Actor actor) {
}
