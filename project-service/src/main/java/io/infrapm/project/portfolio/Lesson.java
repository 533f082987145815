package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;

/**
 * A lesson learned on a project.
 *
 * @param id the lesson's id within the project
 * @param title the lesson in a line, unique within the project (ignoring case)
 * @param description what happened and what was learned
 * @param recommendation what to do next time, or {@code null}
 * @param recordedAt when it was recorded
 * @param recordedBy who recorded it
 */
public record Lesson(UUID id, String title, String description, String recommendation, Instant recordedAt,
		Actor recordedBy) {
}
