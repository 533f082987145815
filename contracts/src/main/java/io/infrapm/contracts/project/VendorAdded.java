package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A vendor was engaged on the project, with its contact and service-level terms.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param vendorId the vendor's id within the project
 * @param name the vendor's name
 * @param contact who to reach at the vendor
 * @param contractReference the contract or purchase-order reference, or {@code null}
 * @param serviceLevels the contract's service-level terms, or {@code null} if it has none
 * @param revision the vendor's revision
 * @param addedAt when it was added
 * @param actor who added it
 */
@EventType("io.infrapm.project.VendorAdded.v1")
public record VendorAdded(UUID projectId, UUID vendorId, String name, Person contact, String contractReference,
		ServiceLevelTerms serviceLevels, int revision, Instant addedAt, Actor actor) {
}
