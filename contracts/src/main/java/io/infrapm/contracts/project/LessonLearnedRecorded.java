package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A lesson learned was recorded on a project, for later projects to read.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param lessonId the lesson's id within the project
 * @param title the lesson in a line
 * @param description what happened and what was learned
 * @param recommendation what to do next time, or {@code null}
 * @param recordedAt when it was recorded
 * @param actor who recorded it
 */
@EventType("io.infrapm.project.LessonLearnedRecorded.v1")
public record LessonLearnedRecorded(UUID projectId, UUID lessonId, String title, String description,
		String recommendation, Instant recordedAt, Actor actor) {
}
