package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An agile or hybrid project planned an iteration, or changed one not yet completed;
 * carries it as it now is.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param iterationId the iteration's id within the project
 * @param number its number in the project, from 1
 * @param name its name (e.g. {@code Sprint 4})
 * @param start its first day
 * @param end its last day
 * @param goal what it is to achieve, or {@code null}
 * @param committedPoints the scope committed, in the team's points, or {@code null}
 * @param revision the iteration's revision
 * @param plannedAt when it was planned or changed
 * @param actor who planned or changed it
 */
@EventType("io.infrapm.project.IterationPlanned.v1")
public record IterationPlanned(UUID projectId, UUID iterationId, int number, String name, LocalDate start,
		LocalDate end, String goal, BigDecimal committedPoints, int revision, Instant plannedAt, Actor actor) {
}
