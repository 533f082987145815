package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A delivered deliverable was accepted, or rejected and so is still owed.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param vendorId the vendor
 * @param vendorName the vendor's name
 * @param deliverableId the deliverable
 * @param name what was delivered
 * @param dueDate the date it was due
 * @param deliveredOn the date it was delivered
 * @param accepted whether it was accepted
 * @param late whether it was delivered after its due date
 * @param notes the reviewer's notes, or {@code null}
 * @param revision the vendor's revision after the review
 * @param reviewedAt when it was reviewed
 * @param actor who reviewed it
 */
@EventType("io.infrapm.project.VendorDeliverableReviewed.v1")
public record VendorDeliverableReviewed(UUID projectId, UUID vendorId, String vendorName, UUID deliverableId,
		String name, LocalDate dueDate, LocalDate deliveredOn, boolean accepted, boolean late, String notes,
		int revision, Instant reviewedAt, Actor actor) {
}
