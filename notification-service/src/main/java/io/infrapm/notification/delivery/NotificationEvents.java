package io.infrapm.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.notification.NotificationDelivered;
import io.infrapm.contracts.notification.NotificationFailed;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.outbox.OutboxEntry;

/**
 * Maps delivery outcomes onto the contract records of {@code infrapm.notification.v1}.
 * Each outcome happens once per notification, so its event id is derived from the
 * notification id: however often the outcome were recorded, consumers would see one
 * {@code ce_id}.
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
		return OutboxEntry.of(deliveredId(notification.id()),
				new NotificationDelivered(notification.id(), notification.projectId(), notification.channel(),
						notification.recipient(), notification.subject(), notification.cause().eventId(),
						notification.cause().eventType(), at),
				notification.projectId(), notification.id(), at);
	}

	/**
	 * The last attempt failed.
	 * @param notification the notification
	 * @param reason what the channel said
	 * @param at when
	 * @return the outbox entry of {@link NotificationFailed}
	 */
	static OutboxEntry failed(Notification notification, String reason, Instant at) {
		return OutboxEntry.of(failedId(notification.id()),
				new NotificationFailed(notification.id(), notification.projectId(), notification.channel(),
						notification.recipient(), reason, notification.attempts(), true, at),
				notification.projectId(), notification.id(), at);
	}

	static UUID deliveredId(UUID notificationId) {
		return EventIdempotency.derivedId(notificationId, "NotificationDelivered");
	}

	static UUID failedId(UUID notificationId) {
		return EventIdempotency.derivedId(notificationId, "NotificationFailed");
	}

}
