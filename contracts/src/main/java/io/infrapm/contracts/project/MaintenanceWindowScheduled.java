package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A maintenance window was put on the change calendar: changes to live systems may be
 * made inside it, and cutovers of the projects it applies to are expected inside one.
 *
 * @param windowId the window's id (the Kafka key of a window for every project)
 * @param projectId the project it applies to, or {@code null} for every project
 * @param name its name
 * @param reason why it exists, or {@code null}
 * @param start when its first occurrence begins
 * @param end when its first occurrence ends
 * @param timeZone the time zone its local times are in (an IANA id such as Europe/Berlin)
 * @param repeatsWeeklyUntil the last day a weekly repetition may begin on, or
 * {@code null} if it happens once
 * @param scheduledAt when it was put on the calendar
 * @param actor who put it there
 */
@EventType("io.infrapm.project.MaintenanceWindowScheduled.v1")
public record MaintenanceWindowScheduled(UUID windowId, UUID projectId, String name, String reason, Instant start,
		Instant end, String timeZone, LocalDate repeatsWeeklyUntil, Instant scheduledAt, Actor actor) {
}
