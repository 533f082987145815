package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A vendor owes the project a deliverable by a date; also published when its name or due
 * date changes.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param vendorId the vendor
 * @param vendorName the vendor's name
 * @param deliverableId the deliverable's id within the vendor
 * @param name what is to be delivered
 * @param dueDate the date it is due
 * @param previousDueDate the date it was due before this change, or {@code null} when
 * first planned
 * @param revision the vendor's revision after the change
 * @param plannedAt when it was planned or changed
 * @param actor who planned or changed it
 */
@EventType("io.infrapm.project.VendorDeliverablePlanned.v1")
public record VendorDeliverablePlanned(UUID projectId, UUID vendorId, String vendorName, UUID deliverableId,
		String name, LocalDate dueDate, LocalDate previousDueDate, int revision, Instant plannedAt, Actor actor) {
}
