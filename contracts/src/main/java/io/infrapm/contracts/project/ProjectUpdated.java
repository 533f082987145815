package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's descriptive attributes changed. Carries the new values of all of them, so a
 * consumer can replace its copy without knowing which field changed.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param code the project's unique code
 * @param name the project's name
 * @param category the kind of infrastructure project
 * @param methodology how the project is delivered
 * @param manager the project manager, or {@code null}
 * @param sponsor the executive sponsor, or {@code null}
 * @param plannedStart the planned start date
 * @param plannedFinish the planned finish date
 * @param version the project's version after the change
 * @param updatedAt when the change was made
 * @param actor who made it
 * @param description what the project is for, or {@code null}
 */
@EventType("io.infrapm.project.ProjectUpdated.v1")
public record ProjectUpdated(UUID projectId, String code, String name, ProjectCategory category,
		Methodology methodology, Person manager, Person sponsor, LocalDate plannedStart, LocalDate plannedFinish,
		long version, Instant updatedAt, Actor actor, String description) {
}
