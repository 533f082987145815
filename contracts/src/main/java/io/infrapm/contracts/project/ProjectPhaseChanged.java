package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project entered its next phase through an approved gate.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param previousPhase the phase it left
 * @param phase the phase it is in now
 * @param gateId the approving gate decision
 * @param changedAt when it changed
 * @param actor who approved the gate
 */
@EventType("io.infrapm.project.ProjectPhaseChanged.v1")
public record ProjectPhaseChanged(UUID projectId, ProjectPhase previousPhase, ProjectPhase phase, UUID gateId,
		Instant changedAt, Actor actor) {
}
