package io.infrapm.contracts.notification;

/**
 * The way a notification reaches its recipient.
 */
public enum Channel {

	/** E-mail over SMTP. */
	EMAIL,
	/** A signed HTTP call to a subscriber's endpoint. */
	WEBHOOK,
	/** The recipient's in-app feed. */
	IN_APP

}
