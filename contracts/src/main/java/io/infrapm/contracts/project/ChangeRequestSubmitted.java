package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A change request was submitted for the sponsor or the steering committee to decide.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param changeRequestId the change request's id within the project
 * @param number its number within the project, e.g. {@code CR-3}
 * @param title what it asks for, in a line
 * @param category what it changes
 * @param justification why it is needed
 * @param costImpact what it adds to the cost (negative for a saving), in the project's
 * currency
 * @param currency the ISO 4217 code of the cost impact, the project's currency
 * @param scheduleImpactDays how many days it moves the affected milestones (negative to
 * bring them forward)
 * @param affectedMilestones the milestones it moves or touches
 * @param impactIfNotApproved what happens if it is not approved, or {@code null}
 * @param submittedAt when it was submitted
 * @param actor who submitted it
 */
@EventType("io.infrapm.project.ChangeRequestSubmitted.v1")
public record ChangeRequestSubmitted(UUID projectId, UUID changeRequestId, String number, String title,
		ChangeCategory category, String justification, BigDecimal costImpact, String currency, int scheduleImpactDays,
		List<UUID> affectedMilestones, String impactIfNotApproved, Instant submittedAt, Actor actor) {
}
