package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A milestone got a new due date, for a stated reason.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone's id within the project
 * @param name the milestone's name
 * @param previousDueDate the date it was due until now
 * @param dueDate the new due date
 * @param reason why it moved
 * @param critical whether missing it endangers the project
 * @param revision the milestone's revision after the change
 * @param rescheduledAt when it was moved
 * @param actor who moved it
 */
@EventType("io.infrapm.project.MilestoneRescheduled.v1")
public record MilestoneRescheduled(UUID projectId, UUID milestoneId, String name, LocalDate previousDueDate,
		LocalDate dueDate, String reason, boolean critical, int revision, Instant rescheduledAt, Actor actor) {
}
