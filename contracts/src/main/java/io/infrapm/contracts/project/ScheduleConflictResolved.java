package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A schedule conflict of a milestone went away: dates moved, a dependency was dropped, or
 * one of the milestones was completed or waived.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone that was in conflict
 * @param name the milestone's name
 * @param kind what kind of conflict it was
 * @param conflictingMilestoneId the milestone it conflicted with, or {@code null}
 * @param resolvedAt when it went away
 * @param actor whose change resolved it
 * @param windowId the maintenance window or change freeze it is about, or {@code null}
 */
@EventType("io.infrapm.project.ScheduleConflictResolved.v1")
public record ScheduleConflictResolved(UUID projectId, UUID milestoneId, String name, ScheduleConflictKind kind,
		UUID conflictingMilestoneId, Instant resolvedAt, Actor actor, UUID windowId) {
}
