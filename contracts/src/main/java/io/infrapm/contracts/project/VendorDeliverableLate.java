package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A vendor's deliverable was not accepted by its due date. Published once per deliverable
 * and due date by project-service's date watch, like {@code MilestoneMissed}.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param vendorId the vendor
 * @param vendorName the vendor's name
 * @param contact who to reach at the vendor
 * @param deliverableId the deliverable
 * @param name what is owed
 * @param dueDate the date it was due
 * @param daysLate whole days since the due date on the day it was detected (at least 1)
 * @param detectedOn the calendar day, in the watch's time zone, it was detected on
 * @param detectedAt when it was detected
 * @param actor the service that detected it
 */
@EventType("io.infrapm.project.VendorDeliverableLate.v1")
public record VendorDeliverableLate(UUID projectId, UUID vendorId, String vendorName, Person contact,
		UUID deliverableId, String name, LocalDate dueDate, int daysLate, LocalDate detectedOn, Instant detectedAt,
		Actor actor) {
}
