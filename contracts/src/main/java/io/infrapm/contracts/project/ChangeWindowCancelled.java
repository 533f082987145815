package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A maintenance window or change freeze was taken off the change calendar.
 *
 * @param windowId the window's id (the Kafka key of a window for every project)
 * @param projectId the project it applied to, or {@code null} for every project
 * @param kind what it was
 * @param name its name
 * @param reason why it was cancelled
 * @param cancelledAt when
 * @param actor who cancelled it
 */
@EventType("io.infrapm.project.ChangeWindowCancelled.v1")
public record ChangeWindowCancelled(UUID windowId, UUID projectId, ChangeWindowKind kind, String name, String reason,
		Instant cancelledAt, Actor actor) {
}
