package io.infrapm.notification.delivery;

/**
 * Where a notification is on its way to the recipient.
 */
public enum NotificationStatus {

	/** Waiting to be sent, or to be retried after a failure. */
	PENDING,
	/** Accepted by the channel. */
	SENT,
	/** Given up after the last attempt. */
	FAILED

}
