package io.infrapm.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.contracts.notification.NotificationDelivered;
import io.infrapm.contracts.notification.NotificationFailed;
import io.infrapm.platform.idempotency.EventIdempotency;

/**
 * Maps delivery outcomes onto the contract records of {@code infrapm.notification.v1}.
 * Each outcome happens once per notification, so its event id is derived from the
 * notification id: however often the outcome were recorded, consumers would see one
 * {@code ce_id}. The {@link Notification} registers them, which numbers them in its own
 * sequence.
 */
final class NotificationEvents {

	/** The author of what notification-service does by itself. */
	static final Actor SERVICE = Actor.service("notification-service");

	private NotificationEvents() {
	}

	/**
	 * The channel accepted the notification.
	 * @param notification the notification
	 * @param at when
	 * @return the event
	 */
	static NotificationDelivered delivered(Notification notification, Instant at) {
		return new NotificationDelivered(notification.id(), notification.projectId(), notification.channel(),
				notification.recipient(), notification.subject(), notification.cause().eventId(),
				notification.cause().eventType(), at, SERVICE);
	}

	/**
	 * The last attempt failed.
	 * @param notification the notification
	 * @param reason what the channel said
	 * @param at when
	 * @return the event
	 */
	static NotificationFailed failed(Notification notification, String reason, Instant at) {
		return new NotificationFailed(notification.id(), notification.projectId(), notification.channel(),
				notification.recipient(), reason, notification.attempts(), true, at, SERVICE);
	}

	/**
	 * An e-mail went out in a digest.
	 * @param item the e-mail
	 * @param digest the digest
	 * @param at when
	 * @return the event
	 */
	static NotificationDelivered delivered(Notification.DigestItem item, Notification digest, Instant at) {
		return new NotificationDelivered(item.notificationId(), item.projectId(), Channel.EMAIL, digest.recipient(),
				item.subject(), item.cause().eventId(), item.cause().eventType(), at, SERVICE);
	}

	/**
	 * The digest an e-mail waited for failed for good.
	 * @param item the e-mail
	 * @param digest the digest
	 * @param reason what the mail server said
	 * @param at when
	 * @return the event
	 */
	static NotificationFailed failed(Notification.DigestItem item, Notification digest, String reason, Instant at) {
		return new NotificationFailed(item.notificationId(), item.projectId(), Channel.EMAIL, digest.recipient(),
				reason, digest.attempts(), true, at, SERVICE);
	}

	static UUID deliveredId(UUID notificationId) {
		return EventIdempotency.derivedId(notificationId, "NotificationDelivered");
	}

	/**
	 * The id of a notification's failure: one per round, since a webhook delivery that
	 * failed for good may be re-driven and fail again.
	 * @param notificationId the notification
	 * @param round how often it was re-driven before
	 * @return the event id
	 */
	static UUID failedId(UUID notificationId, int round) {
		return EventIdempotency.derivedId(notificationId,
				(round == 0) ? "NotificationFailed" : "NotificationFailed/" + round);
	}

}
