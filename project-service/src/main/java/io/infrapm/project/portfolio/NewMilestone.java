package io.infrapm.project.portfolio;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The command to add a milestone to a project's schedule.
 *
 * @param name the name
 * @param description what reaching it means, or {@code null}
 * @param dueDate the date it is due
 * @param owner who answers for it, or {@code null}
 * @param critical whether missing it endangers the project
 * @param cutover whether it is a cutover
 * @param dependsOn the milestones of the same project it depends on (finish-to-start)
 */
public record NewMilestone(String name, String description, LocalDate dueDate, Person owner, boolean critical,
		boolean cutover, List<UUID> dependsOn) {
}
