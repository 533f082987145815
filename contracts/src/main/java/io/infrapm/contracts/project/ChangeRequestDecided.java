package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * The sponsor or a steering-committee member decided a change request. An approved
 * {@code COST} change carries the amount budget-service rebaselines on; an approved
 * {@code SCHEDULE} change has moved its milestones (each with its
 * {@code MilestoneRescheduled}).
 *
 * @param projectId the project's id (also the Kafka key)
 * @param changeRequestId the change request's id within the project
 * @param number its number within the project
 * @param title what it asked for
 * @param category what it changes
 * @param decision {@code APPROVED}, {@code REJECTED} or {@code DEFERRED} (decided again
 * later)
 * @param reason why
 * @param costImpact what it adds to the cost (negative for a saving)
 * @param currency the ISO 4217 code of the cost impact
 * @param scheduleImpactDays how many days it moves the affected milestones
 * @param affectedMilestones the milestones it moves or touches
 * @param decidedAt when it was decided
 * @param actor who decided
 */
@EventType("io.infrapm.project.ChangeRequestDecided.v1")
public record ChangeRequestDecided(UUID projectId, UUID changeRequestId, String number, String title,
		ChangeCategory category, GateDecision decision, String reason, BigDecimal costImpact, String currency,
		int scheduleImpactDays, List<UUID> affectedMilestones, Instant decidedAt, Actor actor) {
}
