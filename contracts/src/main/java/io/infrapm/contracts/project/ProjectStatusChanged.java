package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project was put on hold or resumed. Cancellation and closure have events of their own
 * ({@code ProjectCancelled}, {@code ProjectClosed}).
 *
 * @param projectId the project's id (also the Kafka key)
 * @param previousStatus the status it had
 * @param status the status it has now
 * @param reason why
 * @param changedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.project.ProjectStatusChanged.v1")
public record ProjectStatusChanged(UUID projectId, ProjectStatus previousStatus, ProjectStatus status, String reason,
		Instant changedAt, Actor actor) {
}
