package io.infrapm.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A notification was handed to its channel (accepted by the SMTP server, the webhook
 * receiver or written to the feed).
 *
 * @param notificationId the notification's id
 * @param projectId the project it concerns (also the Kafka key)
 * @param channel the channel it went through
 * @param recipient the recipient's address
 * @param subject the subject line
 * @param causeEventId the id of the event that caused the notification
 * @param causeEventType the type of the event that caused the notification
 * @param deliveredAt when the channel accepted it
 * @param actor the service that delivered it
 */
@EventType("io.infrapm.notification.NotificationDelivered.v1")
public record NotificationDelivered(UUID notificationId, UUID projectId, Channel channel, String recipient,
		String subject, UUID causeEventId, String causeEventType, Instant deliveredAt, Actor actor) {
}
