package io.infrapm.contracts.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.risk.EscalationLevel;

/**
 * A critical alert went unacknowledged for too long and climbed one step up the ladder
 * (project manager, sponsor, steering committee); the people at the new level are told.
 *
 * @param alertId the alert's id
 * @param projectId the project it concerns (also the Kafka key)
 * @param causeEventId the id of the event that raised the alert
 * @param causeEventType the type of the event that raised the alert
 * @param subject the alert's subject line
 * @param previousLevel the level it was at
 * @param level the level it is at now
 * @param recipients the addresses told at the new level
 * @param unacknowledgedSince when the alert was raised
 * @param raisedAt when it climbed
 * @param actor the service that escalated it
 */
@EventType("io.infrapm.notification.EscalationRaised.v1")
public record EscalationRaised(UUID alertId, UUID projectId, UUID causeEventId, String causeEventType, String subject,
		EscalationLevel previousLevel, EscalationLevel level, List<String> recipients, Instant unacknowledgedSince,
		Instant raisedAt, Actor actor) {
}
