package io.infrapm.project.portfolio.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.project.portfolio.Money;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ProjectPortfolio.Visible;
import io.infrapm.project.portfolio.Stakeholder;

/**
 * A project as the API shows it.
 */
record ProjectView(UUID id, String code, String name, String description, ProjectCategory category,
		Methodology methodology, ProjectPhase phase, ProjectStatus status, Person manager, Person sponsor,
		LocalDate plannedStart, LocalDate plannedFinish, Money budget, List<Stakeholder> stakeholders, long version,
		Instant createdAt, Person createdBy, Instant updatedAt, Person updatedBy) {

	static ProjectView of(Visible visible) {
		return of(visible.project(), visible.access());
	}

	/** A vendor sees the project but not its money: {@code budget} is {@code null}. */
	static ProjectView of(Project project, ProjectAccess access) {
		return new ProjectView(project.id(), project.code(), project.name(), project.description(), project.category(),
				project.methodology(), project.phase(), project.status(), project.manager(), project.sponsor(),
				project.plannedStart(), project.plannedFinish(), access.budget() ? project.budget() : null,
				project.stakeholders(), project.version(), project.createdAt(), author(project.createdBy()),
				project.updatedAt(), author(project.updatedBy()));
	}

	/**
	 * Who made a change, as people read it; {@code null} for changes made before authors
	 * were kept.
	 */
	static Person author(Actor actor) {
		return (actor != null) ? new Person(actor.name(), actor.email()) : null;
	}

}
