package io.infrapm.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One message to one recipient through one channel. Its id is derived from the event that
 * caused it, the recipient and the channel, so a redelivered event finds it already there
 * and nothing is sent twice. An e-mail waits to be sent; an in-app notification is
 * delivered the moment it is written to the recipient's feed, where it stays unread until
 * they {@linkplain #markRead read} it.
 * <p>
 * Sending it is claimed: the claim sets it {@link NotificationStatus#SENDING} with a
 * token of its own, and only an outcome written under that same token counts. A claim
 * that expired while the notification was still {@code SENDING} means its sender crashed
 * or stalled; it may then be {@linkplain #abandoned taken over} and sent again.
 */
@Document("notifications")
@CompoundIndex(name = "recipient_created", def = "{'recipient': 1, 'createdAt': -1}")
@CompoundIndex(name = "feed", def = "{'recipient': 1, 'channel': 1, 'readAt': 1, 'createdAt': -1}")
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "abandoned", def = "{'status': 1, 'claimedUntil': 1}")
@CompoundIndex(name = "subscription", def = "{'subscriptionId': 1, 'status': 1, 'createdAt': -1}")
public class Notification extends AggregateRoot {

	private static final String STATUS = "status";

	private static final String ATTEMPTS = "attempts";

	private static final String NEXT_ATTEMPT_AT = "nextAttemptAt";

	private static final String CLAIMED_BY = "claimedBy";

	private static final String CLAIM_TOKEN = "claimToken";

	private static final String CLAIMED_UNTIL = "claimedUntil";

	private static final String SENT_AT = "sentAt";

	private static final String LAST_ERROR = "lastError";

	@Id
	private UUID id;

	private UUID projectId;

	private Channel channel;

	private String recipient;

	private String recipientName;

	private String subject;

	private String body;

	private String html;

	private String link;

	private Severity severity;

	private List<String> rules;

	private Cause cause;

	private UUID alertId;

	private UUID subscriptionId;

	/** The digest an e-mail waits for or went out in. */
	private UUID digestId;

	/** What a digest carries: the notifications it delivers. */
	private List<DigestItem> digestOf;

	/** How often it was re-driven after it failed or was held: numbers its failures. */
	private int round;

	private NotificationStatus status;

	private int attempts;

	private Instant nextAttemptAt;

	private String claimedBy;

	private UUID claimToken;

	private Instant claimedUntil;

	private Instant createdAt;

	private Instant sentAt;

	private String lastError;

	private Instant readAt;

	Notification() {
		// for the mapping layer
	}

	/**
	 * A notification an event calls for. An e-mail waits to be sent, from
	 * {@link Outgoing#notBefore()} on if that is set; an in-app one is delivered as it is
	 * written, with its {@code NotificationDelivered}.
	 * @param id the id, derived from the cause, the recipient and the channel
	 * @param projectId the project it concerns
	 * @param outgoing to whom, how and what
	 * @param cause the event that caused it
	 * @param now when
	 * @return the notification
	 */
	static Notification of(UUID id, UUID projectId, Outgoing outgoing, Cause cause, Instant now) {
		return of(id, projectId, outgoing, cause, null, now);
	}

	/**
	 * A notification an event calls for, that belongs to an alert someone must
	 * acknowledge.
	 * @param id the id, derived from the cause, the recipient and the channel
	 * @param projectId the project it concerns
	 * @param outgoing to whom, how and what
	 * @param cause the event that caused it
	 * @param alertId the alert, or {@code null}
	 * @param now when
	 * @return the notification
	 */
	static Notification of(UUID id, UUID projectId, Outgoing outgoing, Cause cause, UUID alertId, Instant now) {
		Notification notification = new Notification();
		notification.alertId = alertId;
		notification.id = Objects.requireNonNull(id, "id");
		notification.projectId = projectId;
		notification.channel = outgoing.channel();
		notification.recipient = normalize(outgoing.recipient());
		notification.recipientName = outgoing.recipientName();
		notification.subject = outgoing.message().subject();
		notification.body = outgoing.message().text();
		notification.html = outgoing.message().html();
		notification.link = outgoing.message().link();
		notification.severity = outgoing.severity();
		notification.rules = List.copyOf(outgoing.rules());
		notification.cause = cause;
		notification.createdAt = now;
		if (outgoing.channel() == Channel.IN_APP) {
			notification.status = NotificationStatus.SENT;
			notification.sentAt = now;
			notification.registerEvent(NotificationEvents.deliveredId(id),
					NotificationEvents.delivered(notification, now), projectId, id, now);
		}
		else if (outgoing.digestAt() != null) {
			notification.status = NotificationStatus.BATCHED;
			notification.nextAttemptAt = outgoing.digestAt();
		}
		else {
			notification.status = NotificationStatus.PENDING;
			notification.nextAttemptAt = (outgoing.notBefore() != null && outgoing.notBefore().isAfter(now))
					? outgoing.notBefore() : now;
		}
		return notification;
	}

	/**
	 * One e-mail that delivers a recipient's batched e-mails at once. Its outcome is
	 * theirs: when it is sent, each of them publishes its {@code NotificationDelivered}
	 * (and, when it fails for good, its {@code NotificationFailed}).
	 * @param id the digest's id, the one its e-mails were marked with
	 * @param recipient the address
	 * @param recipientName the name, or {@code null}
	 * @param message what it says
	 * @param items the e-mails it delivers
	 * @param now when
	 * @return the notification
	 */
	static Notification digest(UUID id, String recipient, String recipientName, Message message,
			List<Notification> items, Instant now) {
		Notification notification = new Notification();
		notification.id = Objects.requireNonNull(id, "id");
		notification.channel = Channel.EMAIL;
		notification.recipient = normalize(recipient);
		notification.recipientName = recipientName;
		notification.subject = message.subject();
		notification.body = message.text();
		notification.html = message.html();
		notification.link = message.link();
		notification.severity = items.stream()
			.map(Notification::severity)
			.reduce(Severity.INFO, (a, b) -> b.atLeast(a) ? b : a);
		notification.rules = items.stream().flatMap((item) -> item.rules().stream()).distinct().toList();
		notification.cause = new Cause(id, DIGEST_CAUSE);
		notification.digestOf = items.stream()
			.map((item) -> new DigestItem(item.id(), item.projectId(), item.subject(), item.cause()))
			.toList();
		notification.createdAt = now;
		notification.status = NotificationStatus.PENDING;
		notification.nextAttemptAt = now;
		return notification;
	}

	/** The cause a digest names: it has no single event behind it. */
	public static final String DIGEST_CAUSE = "io.infrapm.notification.Digest";

	/**
	 * Batched e-mails whose digest is due, not yet given to one.
	 * @param now the time
	 * @return the query
	 */
	static Query batchedDue(Instant now) {
		return Query
			.query(Criteria.where(STATUS)
				.is(NotificationStatus.BATCHED)
				.and(NEXT_ATTEMPT_AT)
				.lte(now)
				.and("digestId")
				.isNull())
			.limit(1000);
	}

	/**
	 * Batched e-mails given to a digest that was not sent yet.
	 * @return the query
	 */
	static Query batchedInDigest() {
		return Query.query(Criteria.where(STATUS).is(NotificationStatus.BATCHED).and("digestId").ne(null)).limit(1000);
	}

	/**
	 * A webhook delivery of one event to one subscription: waiting to be sent, or
	 * {@code HELD} if the subscription is suspended.
	 * @param id the id, derived from the event and the subscription
	 * @param projectId the project the event concerns, or {@code null}
	 * @param subscriptionId the subscription
	 * @param cause the event
	 * @param body the event as a CloudEvent in JSON
	 * @param held whether the subscription is suspended
	 * @param now when
	 * @return the notification
	 */
	static Notification webhook(UUID id, UUID projectId, UUID subscriptionId, Cause cause, String body, boolean held,
			Instant now) {
		Notification notification = new Notification();
		notification.id = Objects.requireNonNull(id, "id");
		notification.projectId = projectId;
		notification.channel = Channel.WEBHOOK;
		notification.subscriptionId = subscriptionId;
		notification.recipient = webhookRecipient(subscriptionId);
		notification.subject = cause.eventType();
		notification.body = body;
		notification.severity = Severity.INFO;
		notification.rules = List.of();
		notification.cause = cause;
		notification.createdAt = now;
		notification.status = held ? NotificationStatus.HELD : NotificationStatus.PENDING;
		notification.nextAttemptAt = now;
		return notification;
	}

	/**
	 * Whom a webhook delivery is to, as the delivery log and its events name it.
	 * @param subscriptionId the subscription
	 * @return {@code webhook:} and the subscription's id
	 */
	public static String webhookRecipient(UUID subscriptionId) {
		return "webhook:" + subscriptionId;
	}

	/**
	 * The notification's id: one per cause, recipient and channel. E-mails keep the form
	 * they had before other channels existed, so a replay after an upgrade finds them.
	 * @param eventId the cause
	 * @param recipient the address
	 * @param channel the channel
	 * @return the id
	 */
	static UUID idOf(UUID eventId, String recipient, Channel channel) {
		String prefix = (channel == Channel.EMAIL) ? "email" : channel.name().toLowerCase(Locale.ROOT);
		return EventIdempotency.derivedId(eventId, prefix + "/" + normalize(recipient));
	}

	/**
	 * The recipient read it in their feed; reading it again changes nothing.
	 * @param at when
	 * @return {@code true} if it was unread
	 */
	boolean markRead(Instant at) {
		if (this.readAt != null) {
			return false;
		}
		this.readAt = at;
		return true;
	}

	/**
	 * An address as notifications are keyed by it.
	 * @param email an address
	 * @return it stripped and in lower case
	 */
	public static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * A subscription's deliveries that failed for good or were held, or one of them.
	 * @param subscriptionId the subscription
	 * @param id one delivery, or {@code null} for all of them
	 * @return the query
	 */
	static Query redrivable(UUID subscriptionId, UUID id) {
		Criteria criteria = Criteria.where("subscriptionId")
			.is(subscriptionId)
			.and(STATUS)
			.in(NotificationStatus.FAILED, NotificationStatus.HELD);
		if (id != null) {
			criteria = criteria.and("_id").is(id);
		}
		return Query.query(criteria);
	}

	/**
	 * Sends failed or held deliveries again from now, with a fresh count of attempts.
	 * @param now the time
	 * @return the update
	 */
	static Update redrive(Instant now) {
		return new Update().set(STATUS, NotificationStatus.PENDING)
			.set(ATTEMPTS, 0)
			.set(NEXT_ATTEMPT_AT, now)
			.inc("round", 1)
			.inc(VERSION_FIELD, 1);
	}

	/**
	 * Notifications waiting for an attempt that is due, oldest due first.
	 * @param now the time
	 * @return the query
	 */
	static Query due(Instant now) {
		return Query.query(Criteria.where(STATUS).is(NotificationStatus.PENDING).and(NEXT_ATTEMPT_AT).lte(now))
			.with(Sort.by(NEXT_ATTEMPT_AT));
	}

	/**
	 * One notification, if it waits for an attempt that is due: looked up by its id, so
	 * that sending a new notification costs no search through all of them.
	 * @param id the notification
	 * @param now the time
	 * @return the query
	 */
	static Query dueById(UUID id, Instant now) {
		return Query.query(
				Criteria.where("_id").is(id).and(STATUS).is(NotificationStatus.PENDING).and(NEXT_ATTEMPT_AT).lte(now));
	}

	/**
	 * Notifications left {@code SENDING} by a claim that has expired: the claim outlasts
	 * the longest possible send, so their sender crashed before it could record the
	 * outcome.
	 * @param now the time
	 * @return the query, longest abandoned first
	 */
	static Query abandoned(Instant now) {
		return Query.query(Criteria.where(STATUS).is(NotificationStatus.SENDING).and(CLAIMED_UNTIL).lt(now))
			.with(Sort.by(CLAIMED_UNTIL));
	}

	/**
	 * Claims a notification for one attempt, which counts as one.
	 * @param owner the claiming instance (for operators; the token is what guards)
	 * @param token new for every claim, so that even the same instance's earlier claim is
	 * told apart
	 * @param until when another instance may take it over
	 * @return the update
	 */
	static Update claim(String owner, UUID token, Instant until) {
		return new Update().set(STATUS, NotificationStatus.SENDING)
			.set(CLAIMED_BY, owner)
			.set(CLAIM_TOKEN, token)
			.set(CLAIMED_UNTIL, until)
			.inc(ATTEMPTS, 1)
			// Like every write of the notification, so that the version the outcome is
			// guarded by is the one of this claim.
			.inc(VERSION_FIELD, 1);
	}

	/**
	 * What the document must still match, besides its id and version, for an outcome of
	 * this attempt to count: still being sent, under the claim it was loaded with. A
	 * claimant whose claim was taken over finds nothing and records nothing. Taken before
	 * the outcome, which ends the claim.
	 * @return the guard
	 */
	Criteria underThisClaim() {
		requireClaimed();
		return Criteria.where(STATUS).is(NotificationStatus.SENDING).and(CLAIM_TOKEN).is(this.claimToken);
	}

	/**
	 * The channel accepted it: {@code SENT}, with {@code NotificationDelivered}.
	 * @param at when
	 */
	void delivered(Instant at) {
		release();
		this.status = NotificationStatus.SENT;
		this.sentAt = at;
		this.lastError = null;
		changed(STATUS, this.status);
		changed(SENT_AT, at);
		changed(LAST_ERROR, null);
		if (this.digestOf != null) {
			for (DigestItem item : this.digestOf) {
				registerEvent(NotificationEvents.deliveredId(item.notificationId()),
						NotificationEvents.delivered(item, this, at), item.projectId(), this.id, at);
			}
			return;
		}
		registerEvent(NotificationEvents.deliveredId(this.id), NotificationEvents.delivered(this, at), this.projectId,
				this.id, at);
	}

	/**
	 * This attempt failed and another will follow: back to {@code PENDING}.
	 * @param reason what the channel said
	 * @param next when the next attempt is due
	 */
	void retryAt(String reason, Instant next) {
		release();
		this.status = NotificationStatus.PENDING;
		this.lastError = reason;
		this.nextAttemptAt = next;
		changed(STATUS, this.status);
		changed(LAST_ERROR, reason);
		changed(NEXT_ATTEMPT_AT, next);
	}

	/**
	 * A webhook delivery whose subscription is suspended: {@code HELD} until it is
	 * re-driven. The attempt it was claimed for does not count.
	 * @param reason why
	 */
	void held(String reason) {
		release();
		this.status = NotificationStatus.HELD;
		this.attempts = Math.max(0, this.attempts - 1);
		this.lastError = reason;
		changed(STATUS, this.status);
		changed(ATTEMPTS, this.attempts);
		changed(LAST_ERROR, reason);
	}

	/**
	 * The last attempt failed: {@code FAILED}, with {@code NotificationFailed}.
	 * @param reason what the channel said
	 * @param at when
	 */
	void givenUp(String reason, Instant at) {
		release();
		this.status = NotificationStatus.FAILED;
		this.lastError = reason;
		changed(STATUS, this.status);
		changed(LAST_ERROR, reason);
		if (this.digestOf != null) {
			for (DigestItem item : this.digestOf) {
				registerEvent(NotificationEvents.failedId(item.notificationId(), 0),
						NotificationEvents.failed(item, this, reason, at), item.projectId(), this.id, at);
			}
			return;
		}
		registerEvent(NotificationEvents.failedId(this.id, this.round), NotificationEvents.failed(this, reason, at),
				this.projectId, this.id, at);
	}

	/**
	 * Every outcome ends the attempt's claim, so that the next attempt needs a new one.
	 */
	private void release() {
		requireClaimed();
		this.claimedBy = null;
		this.claimToken = null;
		this.claimedUntil = null;
		changed(CLAIMED_BY, null);
		changed(CLAIM_TOKEN, null);
		changed(CLAIMED_UNTIL, null);
	}

	private void requireClaimed() {
		if (this.status != NotificationStatus.SENDING || this.claimToken == null) {
			throw new IllegalStateException("Notification " + this.id + " is " + this.status + ", not claimed");
		}
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

	public String html() {
		return this.html;
	}

	public String link() {
		return this.link;
	}

	/**
	 * How urgent it is; notifications from before severities existed are {@code INFO}.
	 * @return the severity
	 */
	public Severity severity() {
		return (this.severity != null) ? this.severity : Severity.INFO;
	}

	/**
	 * The routing rules that called for it.
	 * @return their ids, empty for notifications from before rules existed
	 */
	public List<String> rules() {
		return (this.rules != null) ? this.rules : List.of();
	}

	public Instant readAt() {
		return this.readAt;
	}

	public Instant nextAttemptAt() {
		return this.nextAttemptAt;
	}

	/**
	 * The alert this notification belongs to, which its recipient may acknowledge.
	 * @return the alert's id, or {@code null} if it needs no acknowledgement
	 */
	public UUID alertId() {
		return this.alertId;
	}

	public Cause cause() {
		return this.cause;
	}

	/**
	 * The webhook subscription a delivery goes to.
	 * @return the subscription, or {@code null} for notifications to people
	 */
	public UUID subscriptionId() {
		return this.subscriptionId;
	}

	/**
	 * The digest a batched e-mail waits for or went out in.
	 * @return its id, or {@code null}
	 */
	public UUID digestId() {
		return this.digestId;
	}

	/**
	 * The e-mails a digest delivers.
	 * @return them, empty for a notification that is no digest
	 */
	public List<DigestItem> digestOf() {
		return (this.digestOf != null) ? this.digestOf : List.of();
	}

	/**
	 * One e-mail a digest delivers.
	 *
	 * @param notificationId the e-mail's notification
	 * @param projectId its project
	 * @param subject its subject
	 * @param cause its event
	 */
	public record DigestItem(UUID notificationId, UUID projectId, String subject, Cause cause) {
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

	UUID claimToken() {
		return this.claimToken;
	}

	Instant claimedUntil() {
		return this.claimedUntil;
	}

}
