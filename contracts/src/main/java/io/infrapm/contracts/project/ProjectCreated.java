package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project was created. Carries everything other services need to keep their own copy.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param code the project's unique, human-readable code, e.g. {@code DC-2027-01}
 * @param name the project's name
 * @param category the kind of infrastructure project
 * @param methodology how the project is delivered
 * @param phase the phase the project starts in
 * @param manager the project manager, or {@code null} if not yet named
 * @param sponsor the executive sponsor, or {@code null} if not yet named
 * @param plannedStart the planned start date
 * @param plannedFinish the planned finish date
 * @param budgetAmount the approved budget, which becomes the budget at completion (BAC)
 * @param currency the ISO 4217 currency code of the budget
 * @param stakeholders the stakeholders named at creation
 * @param createdAt when the project was created
 * @param actor who created it
 * @param description what the project is for, or {@code null}
 */
@EventType("io.infrapm.project.ProjectCreated.v1")
public record ProjectCreated(UUID projectId, String code, String name, ProjectCategory category,
		Methodology methodology, ProjectPhase phase, Person manager, Person sponsor, LocalDate plannedStart,
		LocalDate plannedFinish, BigDecimal budgetAmount, String currency, List<Stakeholder> stakeholders,
		Instant createdAt, Actor actor, String description) {
}
