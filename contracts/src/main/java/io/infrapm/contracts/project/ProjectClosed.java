package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project passed its last gate: its result is handed over and it is closed. Nothing
 * about it changes any more; other services freeze what they keep of it.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param gateId the approving gate decision
 * @param closedAt when
 * @param actor who approved the last gate
 */
@EventType("io.infrapm.project.ProjectClosed.v1")
public record ProjectClosed(UUID projectId, UUID gateId, Instant closedAt, Actor actor) {
}
