package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A milestone will not be reached and no longer needs to be: it counts as done for
 * closing the project, is never reported as missed, and its dependants depend on its own
 * predecessors instead.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone's id within the project
 * @param name the milestone's name
 * @param dueDate the date it was due
 * @param reason why it was waived
 * @param critical whether it was critical
 * @param revision the milestone's revision after the change
 * @param waivedAt when it was waived
 * @param actor who waived it
 */
@EventType("io.infrapm.project.MilestoneWaived.v1")
public record MilestoneWaived(UUID projectId, UUID milestoneId, String name, LocalDate dueDate, String reason,
		boolean critical, int revision, Instant waivedAt, Actor actor) {
}
