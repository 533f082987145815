package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * Someone left a project's stakeholder list: unless they are its manager or sponsor, they
 * no longer see the project.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param stakeholderId the stakeholder's id within the project
 * @param email the e-mail address they had on the project
 * @param role the role they had
 * @param removedAt when they were removed
 * @param actor who removed them
 */
@EventType("io.infrapm.project.StakeholderRemoved.v1")
public record StakeholderRemoved(UUID projectId, UUID stakeholderId, String email, StakeholderRole role,
		Instant removedAt, Actor actor) {
}
