package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A milestone was reached.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone's id within the project
 * @param name the milestone's name
 * @param dueDate the date it was due
 * @param completedOn the date it was reached, which may be after its due date
 * @param critical whether it was critical
 * @param revision the milestone's revision after the change
 * @param completedAt when its completion was recorded
 * @param actor who recorded it
 */
@EventType("io.infrapm.project.MilestoneCompleted.v1")
public record MilestoneCompleted(UUID projectId, UUID milestoneId, String name, LocalDate dueDate,
		LocalDate completedOn, boolean critical, int revision, Instant completedAt, Actor actor) {
}
