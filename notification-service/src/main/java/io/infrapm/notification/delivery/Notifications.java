package io.infrapm.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Records the notifications events call for, keeps the in-app feed and the delivery log.
 * Dispatching e-mail is the {@link Dispatcher}'s job, so an event is acknowledged without
 * waiting for a mail server.
 */
@Service
public class Notifications {

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final Dispatcher dispatcher;

	private final Clock clock;

	private final MeterRegistry registry;

	Notifications(MongoOperations mongo, Aggregates aggregates, Dispatcher dispatcher, Clock clock,
			MeterRegistry registry) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.dispatcher = dispatcher;
		this.clock = clock;
		this.registry = registry;
	}

	/**
	 * Records the notifications one event calls for, each once: the id of each is derived
	 * from the event id, the recipient and the channel, so a redelivery inserts nothing
	 * new, and one that failed halfway records the rest.
	 * @param cause the event
	 * @param projectId the project concerned
	 * @param outgoing the notifications
	 * @return {@link HandlingOutcome#APPLIED} if any was new
	 */
	public HandlingOutcome record(Cause cause, UUID projectId, List<Outgoing> outgoing) {
		return record(cause, projectId, outgoing, null);
	}

	/**
	 * Records the notifications one event calls for, each once, those of severity
	 * {@code CRITICAL} as part of an alert to acknowledge.
	 * @param cause the event
	 * @param projectId the project concerned
	 * @param outgoing the notifications
	 * @param alertId the alert its critical notifications belong to, or {@code null}
	 * @return {@link HandlingOutcome#APPLIED} if any was new
	 */
	public HandlingOutcome record(Cause cause, UUID projectId, List<Outgoing> outgoing, UUID alertId) {
		Instant now = this.clock.instant();
		List<UUID> mails = new ArrayList<>();
		boolean any = false;
		for (Outgoing one : outgoing) {
			UUID id = Notification.idOf(cause.eventId(), one.recipient(), one.channel());
			try {
				this.aggregates.insert(Notification.of(id, projectId, one, cause,
						(one.severity() == Severity.CRITICAL) ? alertId : null, now));
			}
			catch (DuplicateKeyException ex) {
				continue;
			}
			any = true;
			if (one.channel() == Channel.EMAIL && one.digestAt() != null) {
				this.registry.counter("infrapm.notifications", "channel", "email", "outcome", "batched").increment();
			}
			else if (one.channel() == Channel.EMAIL) {
				mails.add(id);
			}
			else {
				// Delivered as it is written; e-mails are counted by the dispatcher.
				this.registry.counter("infrapm.notifications", "channel", "in_app", "outcome", "sent").increment();
			}
		}
		if (!mails.isEmpty()) {
			this.dispatcher.dispatchSoon(mails);
		}
		return any ? HandlingOutcome.APPLIED : HandlingOutcome.DUPLICATE;
	}

	/**
	 * Records the webhook deliveries one event calls for, each once: the id of each is
	 * derived from the event and the subscription, and it is the {@code webhook-id} the
	 * receiver sees on every attempt.
	 * @param cause the event
	 * @param projectId the project concerned, or {@code null}
	 * @param deliveries one per subscription
	 * @return {@link HandlingOutcome#APPLIED} if any was new
	 */
	public HandlingOutcome recordWebhooks(Cause cause, UUID projectId, List<WebhookDelivery> deliveries) {
		Instant now = this.clock.instant();
		List<UUID> due = new ArrayList<>();
		boolean any = false;
		for (WebhookDelivery delivery : deliveries) {
			UUID id = Notification.idOf(cause.eventId(), Notification.webhookRecipient(delivery.subscriptionId()),
					Channel.WEBHOOK);
			try {
				this.aggregates.insert(Notification.webhook(id, projectId, delivery.subscriptionId(), cause,
						delivery.body(), delivery.held(), now));
			}
			catch (DuplicateKeyException ex) {
				continue;
			}
			any = true;
			if (!delivery.held()) {
				due.add(id);
			}
		}
		if (!due.isEmpty()) {
			this.dispatcher.dispatchSoon(due);
		}
		return any ? HandlingOutcome.APPLIED : HandlingOutcome.DUPLICATE;
	}

	/**
	 * Sends a subscription's failed and held deliveries again, from now on and with a
	 * fresh count of attempts.
	 * @param subscriptionId the subscription
	 * @param id one delivery, or {@code null} for all of them
	 * @return how many go out again
	 */
	public long redrive(UUID subscriptionId, UUID id) {
		Update redrive = Notification.redrive(this.clock.instant());
		List<UUID> redriven = new ArrayList<>();
		for (Notification found : this.mongo.find(Notification.redrivable(subscriptionId, id), Notification.class)) {
			// Each under its state as found, so a delivery taken meanwhile is not sent
			// twice.
			if (this.mongo.findAndModify(Notification.redrivable(subscriptionId, found.id()), redrive,
					Notification.class) != null) {
				redriven.add(found.id());
			}
		}
		if (!redriven.isEmpty()) {
			this.dispatcher.dispatchSoon(redriven);
		}
		return redriven.size();
	}

	/**
	 * The recipients whose digest is due: their batched e-mails due by now that no digest
	 * has taken yet.
	 * @param now the time
	 * @return their addresses
	 */
	public java.util.Set<String> digestsDue(Instant now) {
		java.util.Set<String> recipients = new java.util.LinkedHashSet<>();
		this.mongo.find(Notification.batchedDue(now), Notification.class)
			.forEach((item) -> recipients.add(item.recipient()));
		return recipients;
	}

	/**
	 * Gives a recipient's batched e-mails due by now, that no digest has taken, to a new
	 * digest. Marked first, so that whoever builds the digest later (this instance after
	 * a crash, or another) finds the same e-mails under it, and an e-mail batched after
	 * the marking waits for the next one.
	 * @param recipient the address
	 * @param now the time
	 * @return the new digest's id
	 */
	public UUID openDigest(String recipient, Instant now) {
		UUID digestId = UUID.randomUUID();
		this.mongo.updateMulti(
				Query.query(Criteria.where("recipient")
					.is(Notification.normalize(recipient))
					.and("status")
					.is(NotificationStatus.BATCHED)
					.and("nextAttemptAt")
					.lte(now)
					.and("digestId")
					.isNull()),
				new Update().set("digestId", digestId).inc(Notification.VERSION_FIELD, 1), Notification.class);
		return digestId;
	}

	/**
	 * Moves a recipient's e-mails waiting for a digest, that no digest has taken yet, to
	 * another time: their schedule changed.
	 * @param recipient the address
	 * @param digestAt when their digest is due now
	 */
	public void retimeBatched(String recipient, Instant digestAt) {
		this.mongo.updateMulti(
				Query.query(Criteria.where("recipient")
					.is(Notification.normalize(recipient))
					.and("status")
					.is(NotificationStatus.BATCHED)
					.and("digestId")
					.isNull()),
				new Update().set("nextAttemptAt", digestAt).inc(Notification.VERSION_FIELD, 1), Notification.class);
	}

	/**
	 * The digests opened and not sent yet, with their e-mails, oldest first.
	 * @return digest id to its e-mails
	 */
	public Map<UUID, List<Notification>> openDigests() {
		Map<UUID, List<Notification>> digests = new java.util.LinkedHashMap<>();
		// A bounded look for open digests, then each one whole: a digest is only ever
		// built from all the e-mails marked for it.
		this.mongo
			.find(Notification.batchedInDigest().with(Sort.by("createdAt").and(Sort.by("_id"))), Notification.class)
			.forEach((item) -> digests.putIfAbsent(item.digestId(), List.of()));
		digests.replaceAll((digestId, none) -> itemsOf(digestId));
		return digests;
	}

	/**
	 * Every e-mail marked for a digest that was not sent yet, oldest first.
	 * @param digestId the digest
	 * @return its e-mails
	 */
	public List<Notification> itemsOf(UUID digestId) {
		return this.mongo
			.find(Query.query(Criteria.where("digestId").is(digestId).and("status").is(NotificationStatus.BATCHED))
				.with(Sort.by("createdAt").and(Sort.by("_id"))), Notification.class);
	}

	/**
	 * Records a digest once (a second instance, or a second run after a crash, finds it
	 * there), marks its e-mails delivered in it and sends it.
	 * @param digestId the digest
	 * @param items its e-mails
	 * @param message what it says
	 */
	public void sendDigest(UUID digestId, List<Notification> items, Message message) {
		Notification first = items.get(0);
		List<UUID> carried = items.stream().map(Notification::id).toList();
		try {
			this.aggregates.insert(Notification.digest(digestId, first.recipient(), first.recipientName(), message,
					items, this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			// Built before, by another instance or before a crash: what it carries
			// counts.
			Notification built = this.mongo.findById(digestId, Notification.class);
			carried = built.digestOf().stream().map(Notification.DigestItem::notificationId).toList();
		}
		this.mongo.updateMulti(
				Query.query(Criteria.where("_id").in(carried).and("status").is(NotificationStatus.BATCHED)),
				new Update().set("status", NotificationStatus.DIGESTED).inc(Notification.VERSION_FIELD, 1),
				Notification.class);
		// Anything marked for it that it does not carry waits for the next digest.
		this.mongo.updateMulti(
				Query.query(Criteria.where("digestId").is(digestId).and("status").is(NotificationStatus.BATCHED)),
				new Update().unset("digestId").inc(Notification.VERSION_FIELD, 1), Notification.class);
		this.dispatcher.dispatchSoon(List.of(digestId));
	}

	/**
	 * A webhook subscription's deliveries, newest first.
	 * @param subscriptionId the subscription
	 * @param status only in this state, or {@code null}
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<Notification> ofSubscription(UUID subscriptionId, NotificationStatus status, int page, int size) {
		Criteria criteria = Criteria.where("subscriptionId").is(subscriptionId);
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		return page(criteria, page, size);
	}

	/**
	 * A recipient's in-app feed, newest first.
	 * @param recipient the address
	 * @param unreadOnly only what they have not read
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<Notification> feed(String recipient, boolean unreadOnly, int page, int size) {
		Criteria criteria = Criteria.where("recipient")
			.is(Notification.normalize(recipient))
			.and("channel")
			.is(Channel.IN_APP);
		if (unreadOnly) {
			criteria = criteria.and("readAt").isNull();
		}
		return page(criteria, page, size);
	}

	/**
	 * The delivery log of a recipient: every notification on every channel, newest first.
	 * @param recipient the address
	 * @param channel only this channel, or {@code null}
	 * @param status only in this state, or {@code null}
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<Notification> deliveries(String recipient, Channel channel, NotificationStatus status, int page,
			int size) {
		Criteria criteria = Criteria.where("recipient").is(Notification.normalize(recipient));
		if (channel != null) {
			criteria = criteria.and("channel").is(channel);
		}
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		return page(criteria, page, size);
	}

	private Page<Notification> page(Criteria criteria, int page, int size) {
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, Notification.class);
		List<Notification> items = this.mongo.find(
				query.with(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))),
				Notification.class);
		return new PageImpl<>(items, PageRequest.of(page, size), total);
	}

	/**
	 * The in-app notifications of some recipients written from a time on, oldest first:
	 * what a live feed sends next.
	 * @param recipients the normalized addresses
	 * @param from the earliest creation time wanted
	 * @param limit at most this many
	 * @return the notifications
	 */
	public List<Notification> feedSince(java.util.Collection<String> recipients, Instant from, int limit) {
		return this.mongo.find(Query.query(
				Criteria.where("recipient").in(recipients).and("channel").is(Channel.IN_APP).and("createdAt").gte(from))
			.with(Sort.by("createdAt").and(Sort.by("_id")))
			.limit(limit), Notification.class);
	}

	/**
	 * One of a recipient's notifications, on any channel.
	 * @param id the notification
	 * @param recipient whose it must be
	 * @return the notification
	 * @throws NotFoundException if the recipient has no such notification
	 */
	public Notification of(UUID id, String recipient) {
		Notification notification = this.mongo.findById(id, Notification.class);
		if (notification == null || !notification.recipient().equals(Notification.normalize(recipient))) {
			throw new NotFoundException("notification", "no notification " + id + " to " + recipient);
		}
		return notification;
	}

	/**
	 * Marks one of a recipient's in-app notifications read.
	 * @param id the notification
	 * @param recipient whose it must be
	 * @return the notification, read
	 * @throws NotFoundException if the recipient has no such in-app notification
	 */
	public Notification markRead(UUID id, String recipient) {
		Notification notification = this.mongo.findById(id, Notification.class);
		if (notification == null || notification.channel() != Channel.IN_APP
				|| !notification.recipient().equals(Notification.normalize(recipient))) {
			throw new NotFoundException("notification", "no notification " + id + " in the feed of " + recipient);
		}
		// At the precision the store keeps, so the answer equals what is read later.
		if (notification.markRead(this.clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
			// Only the first reading counts: a second, or one at the same time, finds
			// it read already. An in-app notification is never claimed, so this one
			// field needs no version.
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("readAt").isNull()),
					new Update().set("readAt", notification.readAt()), "notifications");
		}
		return notification;
	}

	/**
	 * One webhook delivery an event calls for.
	 *
	 * @param subscriptionId the subscription
	 * @param held whether the subscription is suspended, so that it waits for a re-drive
	 * @param body the event as a CloudEvent in JSON
	 */
	public record WebhookDelivery(UUID subscriptionId, boolean held, String body) {
	}

}
