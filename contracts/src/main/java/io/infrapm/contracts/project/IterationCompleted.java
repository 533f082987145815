package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An iteration ended with its outcome and the scope it completed.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param iterationId the iteration
 * @param number its number in the project
 * @param name its name
 * @param start its first day
 * @param end its last day
 * @param outcome what it achieved, in words
 * @param committedPoints the scope committed, or {@code null}
 * @param completedPoints the scope completed, or {@code null}
 * @param completedItems what was completed (backlog items), possibly none
 * @param revision the iteration's revision
 * @param completedAt when it was recorded
 * @param actor who recorded it
 */
@EventType("io.infrapm.project.IterationCompleted.v1")
public record IterationCompleted(UUID projectId, UUID iterationId, int number, String name, LocalDate start,
		LocalDate end, String outcome, BigDecimal committedPoints, BigDecimal completedPoints,
		List<String> completedItems, int revision, Instant completedAt, Actor actor) {
}
