package io.infrapm.project.portfolio.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.project.portfolio.Money;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.Stakeholder;

/**
 * A project as the API shows it.
 */
record ProjectView(UUID id, String code, String name, ProjectCategory category, Methodology methodology,
		ProjectPhase phase, Person manager, Person sponsor, LocalDate plannedStart, LocalDate plannedFinish,
		Money budget, List<Stakeholder> stakeholders, long version, Instant createdAt, Instant updatedAt) {

	static ProjectView of(Project project) {
		return new ProjectView(project.id(), project.code(), project.name(), project.category(), project.methodology(),
				project.phase(), project.manager(), project.sponsor(), project.plannedStart(), project.plannedFinish(),
				project.budget(), project.stakeholders(), project.version(), project.createdAt(), project.updatedAt());
	}

}
