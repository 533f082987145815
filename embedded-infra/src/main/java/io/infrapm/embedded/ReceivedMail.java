package io.infrapm.embedded;

import java.time.Instant;
import java.util.List;

/**
 * One e-mail as the {@link DevMailbox} received it.
 *
 * @param messageId the {@code Message-ID} header without angle brackets, or a generated
 * id if the sender set none
 * @param from the address in the {@code From} header (the envelope sender if there is
 * none)
 * @param recipients the envelope recipients ({@code RCPT TO}), so {@code Bcc} receivers
 * are included
 * @param subject the decoded subject, empty if there is none
 * @param body the text of the message: the plain-text part if there is one, else the HTML
 * part, else empty; with {@code \n} line ends and no trailing white space
 * @param receivedAt when the mailbox accepted the message
 * @param html the HTML part, or {@code null} if the message has none
 */
public record ReceivedMail(String messageId, String from, List<String> recipients, String subject, String body,
		Instant receivedAt, String html) {

	/**
	 * Create a received mail, copying the recipients.
	 * @param messageId the message id
	 * @param from the sender
	 * @param recipients the envelope recipients
	 * @param subject the subject
	 * @param body the text body
	 * @param receivedAt when it arrived
	 * @param html the HTML part, or {@code null}
	 */
	public ReceivedMail {
		recipients = List.copyOf(recipients);
	}

	/**
	 * Whether this mail was sent to the given address (case-insensitively, as mail
	 * addresses are in practice).
	 * @param email the address
	 * @return {@code true} if it is among the recipients
	 */
	public boolean isAddressedTo(String email) {
		return this.recipients.stream().anyMatch((recipient) -> recipient.equalsIgnoreCase(email.trim()));
	}

}
