package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A milestone was added to a project's schedule.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone's id within the project
 * @param name the milestone's name
 * @param dueDate the date it is due
 * @param owner who answers for it, or {@code null}
 * @param critical whether missing it endangers the project (such misses are escalated)
 * @param cutover whether it is a cutover, which must lie inside a maintenance window and
 * outside every change freeze
 * @param dependsOn the milestones that must be finished before this one (finish-to-start)
 * @param revision the milestone's revision, 1 for a new one; later events of the same
 * milestone carry higher ones
 * @param plannedAt when it was planned
 * @param actor who planned it
 */
@EventType("io.infrapm.project.MilestonePlanned.v1")
public record MilestonePlanned(UUID projectId, UUID milestoneId, String name, LocalDate dueDate, Person owner,
		boolean critical, boolean cutover, List<UUID> dependsOn, int revision, Instant plannedAt, Actor actor) {
}
