package io.infrapm.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.infrapm.notification.delivery.MailGateway.OutgoingMail;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Sends due notifications, safely with several instances: each notification is claimed
 * with a conditional {@code findAndModify} before it is sent, and its outcome is written
 * with its event in one update. A claim that a crashed instance held expires and the
 * notification is sent again; the stable Message-ID lets mail clients drop that rare
 * duplicate.
 */
@Component
public class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private static final String COLLECTION = "notifications";

	private final MongoOperations mongo;

	private final MailGateway mail;

	private final OutboxRelay relay;

	private final DispatchSettings settings;

	private final String owner;

	private final Clock clock;

	private final MeterRegistry registry;

	private final AtomicBoolean wakeUpPending = new AtomicBoolean();

	private ScheduledExecutorService scheduler;

	Dispatcher(MongoOperations mongo, MailGateway mail, OutboxRelay relay, DispatchSettings settings,
			InstanceIdentity identity, Clock clock, MeterRegistry registry) {
		this.mongo = mongo;
		this.mail = mail;
		this.relay = relay;
		this.settings = settings;
		this.owner = identity.instance();
		this.clock = clock;
		this.registry = registry;
	}

	/**
	 * Dispatches what is due now instead of at the next poll.
	 */
	public void dispatchSoon() {
		ScheduledExecutorService current = this.scheduler;
		if (current != null && this.wakeUpPending.compareAndSet(false, true)) {
			current.execute(() -> {
				this.wakeUpPending.set(false);
				dispatchDue();
			});
		}
	}

	/**
	 * Sends every notification that is due and not claimed by another instance.
	 * @return how many were handled (sent or failed)
	 */
	public int dispatchDue() {
		int handled = 0;
		try {
			Notification next;
			while ((next = claimNext()) != null) {
				deliver(next);
				handled++;
			}
		}
		catch (RuntimeException ex) {
			log.warn("Dispatching notifications failed; retrying at the next poll", ex);
		}
		return handled;
	}

	private Notification claimNext() {
		Instant now = this.clock.instant();
		Query due = Query
			.query(Criteria.where("status")
				.is(NotificationStatus.PENDING)
				.and("nextAttemptAt")
				.lte(now)
				.orOperator(Criteria.where("claimedUntil").is(null), Criteria.where("claimedUntil").lt(now)))
			.with(Sort.by("nextAttemptAt"));
		Update claim = new Update().set("claimedBy", this.owner)
			.set("claimedUntil", now.plus(this.settings.claim()))
			.inc("attempts", 1);
		return this.mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(true), Notification.class);
	}

	private void deliver(Notification notification) {
		Query mine = Query.query(Criteria.where("_id").is(notification.id()).and("claimedBy").is(this.owner));
		Instant now;
		Update outcome;
		OutboxEntry event;
		try {
			this.mail.send(new OutgoingMail("<" + notification.id() + "@infrapm>", notification.recipient(),
					notification.recipientName(), notification.subject(), notification.body()));
			now = this.clock.instant();
			event = NotificationEvents.delivered(notification, now);
			outcome = new Update().set("status", NotificationStatus.SENT).set("sentAt", now).unset("lastError");
			count(notification, "sent");
		}
		catch (RuntimeException ex) {
			now = this.clock.instant();
			boolean last = notification.attempts() >= this.settings.maxAttempts();
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			outcome = new Update().set("lastError", reason);
			if (last) {
				outcome.set("status", NotificationStatus.FAILED);
			}
			else {
				Duration wait = this.settings.retryBackoff()
					.multipliedBy(1L << Math.min(notification.attempts() - 1, 10));
				outcome.set("nextAttemptAt", now.plus(wait));
			}
			event = last ? NotificationEvents.failed(notification, reason, now) : null;
			count(notification, last ? "failed" : "retrying");
			log.warn("Sending notification {} to {} failed (attempt {}): {}", notification.id(),
					notification.recipient(), notification.attempts(), reason);
		}
		outcome.unset("claimedBy").unset("claimedUntil").inc("version", 1);
		if (event != null) {
			outcome.push("outbox", event);
		}
		// findAndModify rather than updateFirst: it answers whether the claim was still
		// ours
		// without exposing the driver's UpdateResult to the domain package.
		boolean stillMine = this.mongo.findAndModify(mine, outcome, Notification.class) != null;
		if (stillMine && event != null) {
			this.relay.publishSoon(COLLECTION, notification.id());
		}
	}

	private void count(Notification notification, String outcome) {
		this.registry
			.counter("infrapm.notifications", "channel", notification.channel().name().toLowerCase(), "outcome",
					outcome)
			.increment();
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "notification-dispatcher");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.pollInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::dispatchDue, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			try {
				// Let a mail in flight finish so its outcome is recorded.
				this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
