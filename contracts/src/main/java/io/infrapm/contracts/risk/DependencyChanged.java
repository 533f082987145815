package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * A dependency was recorded in a project's register, or changed: something the project
 * needs from a team, a vendor or someone outside, by a date.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param dependencyId the dependency's id
 * @param number its number within the project
 * @param title what is needed
 * @param description more of it, or {@code null}
 * @param kind whom it is needed from
 * @param counterpart who that is, e.g. the vendor's or the team's name
 * @param owner who follows it up, or {@code null}
 * @param needBy by when it is needed
 * @param status where it stands now
 * @param previousStatus where it stood before, or {@code null} for a new dependency
 * @param reason why it changed status, or {@code null}
 * @param revision its revision, from 1
 * @param changedAt when
 * @param actor who recorded or changed it
 */
@EventType("io.infrapm.risk.DependencyChanged.v1")
public record DependencyChanged(UUID projectId, UUID dependencyId, String number, String title, String description,
		DependencyKind kind, String counterpart, Person owner, LocalDate needBy, DependencyStatus status,
		DependencyStatus previousStatus, String reason, long revision, Instant changedAt, Actor actor) {
}
