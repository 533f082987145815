package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * The manager reported how far a project has come as of a date: what budget-service
 * computes earned value from (EV = percent complete × BAC).
 *
 * @param projectId the project's id (also the Kafka key)
 * @param reportId the report's id within the project
 * @param asOf the date the figures hold for
 * @param percentComplete the whole project, from 0 to 100
 * @param milestones per milestone, where reported
 * @param notes the manager's notes, or {@code null}
 * @param reportedAt when it was reported
 * @param actor who reported it
 */
@EventType("io.infrapm.project.ProgressReported.v1")
public record ProgressReported(UUID projectId, UUID reportId, LocalDate asOf, BigDecimal percentComplete,
		List<MilestoneProgress> milestones, String notes, Instant reportedAt, Actor actor) {
}
