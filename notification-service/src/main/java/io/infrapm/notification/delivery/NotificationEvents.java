package io.infrapm.notification.delivery;

import java.time.Instant;

import io.infrapm.contracts.notification.NotificationDelivered;
import io.infrapm.contracts.notification.NotificationFailed;
import io.infrapm.platform.outbox.OutboxEntry;

/**
 * Maps delivery outcomes onto the contract records of {@code infrapm.notification.v1}.
 */
final class NotificationEvents {

	private NotificationEvents() {
	}

	/**
	 * The channel accepted the notification.
	 * @param notification the notification
	 * @param at when
	 * @return the outbox entry of {@link NotificationDelivered}
	 */
	static OutboxEntry delivered(Notification notification, Instant at) {
		return OutboxEntry.of(new NotificationDelivered(notification.id(), notification.projectId(),
				notification.channel(), notification.recipient(), notification.subject(),
				notification.cause().eventId(), notification.cause().eventType(), at), notification.projectId(),
				notification.id(), at);
	}

	/**
	 * The last attempt failed.
	 * @param notification the notification
	 * @param reason what the channel said
	 * @param at when
	 * @return the outbox entry of {@link NotificationFailed}
	 */
	static OutboxEntry failed(Notification notification, String reason, Instant at) {
		return OutboxEntry.of(
				new NotificationFailed(notification.id(), notification.projectId(), notification.channel(),
						notification.recipient(), reason, notification.attempts(), true, at),
				notification.projectId(), notification.id(), at);
	}

}
