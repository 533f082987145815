package io.infrapm.notification.delivery;

import java.time.Duration;

/**
 * The port e-mail leaves through.
 */
public interface MailGateway {

	/**
	 * Hands one message to the mail server.
	 * @param message the message
	 * @throws MailNotSentException if the server did not accept it
	 */
	void send(OutgoingMail message);

	/**
	 * The longest one {@link #send} can take before it returns or fails, however slow the
	 * server. A claim on a notification must outlast it, or another instance could take
	 * over a mail that is still being sent and send it a second time.
	 * @return the bound
	 */
	Duration longestSend();

	/**
	 * A message ready to send.
	 *
	 * @param messageId a stable id, the same on every attempt, so mail clients can drop a
	 * duplicate
	 * @param to the recipient's address
	 * @param toName the recipient's name
	 * @param subject the subject line
	 * @param body the plain-text body
	 * @param html the HTML body, or {@code null} for text only
	 */
	record OutgoingMail(String messageId, String to, String toName, String subject, String body, String html) {
	}

	/**
	 * The mail server refused or could not be reached.
	 */
	class MailNotSentException extends RuntimeException {

		/**
		 * Creates the exception.
		 * @param message what the server said
		 * @param cause the failure
		 */
		public MailNotSentException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
