package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A milestone's date stopped fitting the schedule. Published once when the conflict
 * arises; {@code ScheduleConflictResolved} follows when it goes away.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone in conflict
 * @param name the milestone's name
 * @param dueDate its due date
 * @param kind what kind of conflict
 * @param conflictingMilestoneId the milestone it conflicts with (for {@code DEPENDENCY}),
 * or {@code null}
 * @param detail the conflict in words
 * @param detectedAt when it was detected
 * @param actor whose change caused it
 * @param windowId the maintenance window or change freeze it is about, or {@code null}
 */
@EventType("io.infrapm.project.ScheduleConflictDetected.v1")
public record ScheduleConflictDetected(UUID projectId, UUID milestoneId, String name, LocalDate dueDate,
		ScheduleConflictKind kind, UUID conflictingMilestoneId, String detail, Instant detectedAt, Actor actor,
		UUID windowId) {
}
