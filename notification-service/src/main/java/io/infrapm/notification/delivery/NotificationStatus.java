package io.infrapm.notification.delivery;

/**
 * Where a notification is on its way to the recipient.
 */
public enum NotificationStatus {

	/** Waiting to be sent, or to be retried after a failure. */
	PENDING,
	/**
	 * Claimed by one instance, which is handing it to the channel right now. No other
	 * instance sends it unless that claim expires (its sender crashed).
	 */
	SENDING,
	/** Accepted by the channel. */
	SENT,
	/** Given up after the last attempt; a webhook delivery may be re-driven. */
	FAILED,
	/**
	 * A webhook delivery kept back while its subscription is suspended, until the
	 * subscription is re-driven.
	 */
	HELD,
	/** An e-mail waiting for the recipient's digest, due at its next attempt time. */
	BATCHED,
	/**
	 * An e-mail that went out in a digest (the digest's own notification is logged too).
	 */
	DIGESTED

}
