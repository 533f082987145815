package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * An assumption was recorded in a project's register, or changed: what the plan takes for
 * true without proof, whom it is checked by and when.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param assumptionId the assumption's id
 * @param number its number within the project
 * @param title what is assumed
 * @param description more of it, or {@code null}
 * @param owner who checks it, or {@code null}
 * @param validateBy by when it is checked, or {@code null}
 * @param status where it stands now
 * @param previousStatus where it stood before, or {@code null} for a new assumption
 * @param reason why it changed status, or {@code null}
 * @param revision its revision, from 1
 * @param changedAt when
 * @param actor who recorded or changed it
 */
@EventType("io.infrapm.risk.AssumptionChanged.v1")
public record AssumptionChanged(UUID projectId, UUID assumptionId, String number, String title, String description,
		Person owner, LocalDate validateBy, AssumptionStatus status, AssumptionStatus previousStatus, String reason,
		long revision, Instant changedAt, Actor actor) {
}
