package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A milestone's due date passed while it was neither completed nor waived. Published once
 * per milestone and due date by project-service's date watch; a milestone rescheduled and
 * then missed again is published again, with its new due date.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param milestoneId the milestone's id within the project
 * @param name the milestone's name
 * @param dueDate the date it was due
 * @param critical whether missing it endangers the project
 * @param cutover whether it is a cutover (a change to live systems)
 * @param owner who is responsible for reaching it, or {@code null}
 * @param daysLate whole days since the due date on the day it was detected (at least 1)
 * @param detectedOn the calendar day, in the watch's time zone, it was detected on
 * @param detectedAt when it was detected
 * @param actor the service that detected it
 */
@EventType("io.infrapm.project.MilestoneMissed.v1")
public record MilestoneMissed(UUID projectId, UUID milestoneId, String name, LocalDate dueDate, boolean critical,
		boolean cutover, Person owner, int daysLate, LocalDate detectedOn, Instant detectedAt, Actor actor) {
}
