package io.infrapm.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * Delivering a notification failed.
 *
 * @param notificationId the notification's id
 * @param projectId the project it concerns (also the Kafka key)
 * @param channel the channel that failed
 * @param recipient the recipient's address
 * @param reason why it failed, as reported by the channel
 * @param attempts how many attempts were made so far
 * @param finalFailure {@code true} if no further attempt will be made
 * @param failedAt when the last attempt failed
 * @param actor the service that tried to deliver it
 */
@EventType("io.infrapm.notification.NotificationFailed.v1")
public record NotificationFailed(UUID notificationId, UUID projectId, Channel channel, String recipient, String reason,
		int attempts, boolean finalFailure, Instant failedAt, Actor actor) {
}
