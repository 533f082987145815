package io.infrapm.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.risk.EscalationLevel;

/**
 * Someone acknowledged a critical alert: its escalation stops.
 *
 * @param alertId the alert's id
 * @param projectId the project it concerns (also the Kafka key)
 * @param notificationId the notification it was acknowledged on
 * @param causeEventId the id of the event that raised the alert
 * @param causeEventType the type of the event that raised the alert
 * @param level how far up the ladder the alert had climbed
 * @param acknowledgedAt when
 * @param actor who acknowledged it
 */
@EventType("io.infrapm.notification.NotificationAcknowledged.v1")
public record NotificationAcknowledged(UUID alertId, UUID projectId, UUID notificationId, UUID causeEventId,
		String causeEventType, EscalationLevel level, Instant acknowledgedAt, Actor actor) {
}
