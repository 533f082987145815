package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project was stopped for good. Nothing about it changes any more; other services
 * freeze what they keep of it.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param phase the phase it was stopped in
 * @param reason why
 * @param cancelledAt when
 * @param actor who cancelled it
 */
@EventType("io.infrapm.project.ProjectCancelled.v1")
public record ProjectCancelled(UUID projectId, ProjectPhase phase, String reason, Instant cancelledAt, Actor actor) {
}
