package io.infrapm.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.outbox.PublishesEvents;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message to one recipient through one channel. Its id is derived from the event that
 * caused it and the recipient, so a redelivered event finds it already there and nothing
 * is sent twice.
 */
@Document("notifications")
@CompoundIndex(name = "recipient_created", def = "{'recipient': 1, 'createdAt': -1}")
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
public class Notification implements PublishesEvents {

	@Id
	private UUID id;

	private UUID projectId;

	private Channel channel;

	private String recipient;

	private String recipientName;

	private String subject;

	private String body;

	private Cause cause;

	private NotificationStatus status;

	private int attempts;

	private Instant nextAttemptAt;

	private String claimedBy;

	private Instant claimedUntil;

	private Instant createdAt;

	private Instant sentAt;

	private String lastError;

	@Version
	private Long version;

	private List<OutboxEntry> outbox = new ArrayList<>();

	Notification() {
		// for the mapping layer
	}

	/**
	 * An e-mail waiting to be sent.
	 * @param id the id, derived from the cause and the recipient
	 * @param projectId the project it concerns
	 * @param recipient the recipient's address
	 * @param recipientName the recipient's name
	 * @param subject the subject line
	 * @param body the plain-text body
	 * @param cause the event that caused it
	 * @param now when
	 * @return the notification
	 */
	static Notification email(UUID id, UUID projectId, String recipient, String recipientName, String subject,
			String body, Cause cause, Instant now) {
		Notification notification = new Notification();
		notification.id = Objects.requireNonNull(id, "id");
		notification.projectId = projectId;
		notification.channel = Channel.EMAIL;
		notification.recipient = normalize(recipient);
		notification.recipientName = recipientName;
		notification.subject = subject;
		notification.body = body;
		notification.cause = cause;
		notification.status = NotificationStatus.PENDING;
		notification.nextAttemptAt = now;
		notification.createdAt = now;
		return notification;
	}

	static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	public UUID id() {
		return this.id;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public Channel channel() {
		return this.channel;
	}

	public String recipient() {
		return this.recipient;
	}

	public String recipientName() {
		return this.recipientName;
	}

	public String subject() {
		return this.subject;
	}

	public String body() {
		return this.body;
	}

	public Cause cause() {
		return this.cause;
	}

	public NotificationStatus status() {
		return this.status;
	}

	public int attempts() {
		return this.attempts;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant sentAt() {
		return this.sentAt;
	}

	public String lastError() {
		return this.lastError;
	}

	@Override
	public List<OutboxEntry> outbox() {
		return this.outbox;
	}

}
