package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A milestone's name, owner, flags or dependencies changed. Carries all of them, so a
 * consumer can replace its copy.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone's id within the project
 * @param name the milestone's name
 * @param dueDate the date it is due (changed only by {@code MilestoneRescheduled})
 * @param owner who answers for it, or {@code null}
 * @param critical whether missing it endangers the project
 * @param cutover whether it is a cutover
 * @param dependsOn the milestones that must be finished before this one
 * @param revision the milestone's revision after the change
 * @param updatedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.project.MilestoneUpdated.v1")
public record MilestoneUpdated(UUID projectId, UUID milestoneId, String name, LocalDate dueDate, Person owner,
		boolean critical, boolean cutover, List<UUID> dependsOn, int revision, Instant updatedAt, Actor actor) {
}
