package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An open milestone came within one of the alert horizons of its due date (by default 7,
 * 3 and 1 days). Published once per milestone, due date and horizon, and only for the
 * nearest horizon reached: a watch that was down for days does not catch up on the
 * horizons it slept through.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone's id within the project
 * @param name the milestone's name
 * @param dueDate the date it is due
 * @param alertDays the horizon reached, in days before the due date
 * @param daysLeft whole days from the day it was detected to the due date (0 on the day)
 * @param critical whether missing it endangers the project
 * @param cutover whether it is a cutover (a change to live systems)
 * @param owner who is responsible for reaching it, or {@code null}
 * @param alertedAt when the horizon was detected
 * @param actor the service that detected it
 */
@EventType("io.infrapm.project.MilestoneDueSoon.v1")
public record MilestoneDueSoon(UUID projectId, UUID milestoneId, String name, LocalDate dueDate, int alertDays,
		int daysLeft, boolean critical, boolean cutover, Person owner, Instant alertedAt, Actor actor) {
}
