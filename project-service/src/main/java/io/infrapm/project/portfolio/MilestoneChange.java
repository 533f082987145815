package io.infrapm.project.portfolio;

import java.util.List;
import java.util.UUID;

/**
 * A partial change of a milestone: {@code null} leaves a value as it is. The due date
 * changes only by a reschedule, which needs a reason.
 *
 * @param name the new name
 * @param description the new description
 * @param owner the new owner
 * @param critical whether it is critical
 * @param cutover whether it is a cutover
 * @param dependsOn the new dependencies, replacing the old ones
 */
public record MilestoneChange(String name, String description, Person owner, Boolean critical, Boolean cutover,
		List<UUID> dependsOn) {
}
