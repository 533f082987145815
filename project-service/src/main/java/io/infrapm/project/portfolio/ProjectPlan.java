package io.infrapm.project.portfolio;

import java.time.LocalDate;

import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;

/**
 * What a project is and when it is planned to run.
 *
 * @param code the unique project code
 * @param name the name
 * @param category the kind of infrastructure project
 * @param methodology how it is delivered
 * @param manager the project manager, or {@code null}
 * @param sponsor the executive sponsor, or {@code null}
 * @param plannedStart the planned start
 * @param plannedFinish the planned finish, not before the start
 * @param description what the project is for, or {@code null}
 */
public record ProjectPlan(String code, String name, ProjectCategory category, Methodology methodology, Person manager,
		Person sponsor, LocalDate plannedStart, LocalDate plannedFinish, String description) {
}
