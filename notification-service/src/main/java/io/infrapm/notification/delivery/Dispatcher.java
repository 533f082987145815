package io.infrapm.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.MailGateway.OutgoingMail;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.outbox.Aggregates;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Sends due notifications, safely with several instances. Each notification is claimed
 * with a conditional {@code findAndModify} that sets it {@code SENDING} under a fresh
 * token, for longer than the longest possible SMTP exchange; its outcome is written, with
 * its event, in one update
 * ({@link Aggregates#update(io.infrapm.platform.outbox.AggregateRoot, Criteria)}) that
 * only succeeds under that same token and the version the claim left. So while one
 * instance sends, no other (and no later poll of its own) sends the same notification,
 * and a claimant that lost its claim records nothing.
 * <p>
 * A claim that expires while the notification is still {@code SENDING} means its sender
 * crashed between claiming and recording the outcome. The notification is then taken over
 * and <em>sent again</em>: the mail server may have accepted it just before the crash,
 * but nobody can know, and a rare duplicate (which mail clients recognise by the stable
 * Message-ID) is better than a notification silently lost. Takeovers are counted as
 * {@code infrapm.notifications{outcome=reclaimed}}.
 */
@Component
public class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final MongoOperations mongo;

	private final MailGateway mail;

	private final WebhookChannel webhooks;

	private final Aggregates aggregates;

	private final DispatchSettings settings;

	private final Duration claim;

	private final String owner;

	private final Clock clock;

	private final MeterRegistry registry;

	/** Notifications recorded since the last wake-up, to be looked up by id. */
	private final Queue<UUID> fresh = new ConcurrentLinkedQueue<>();

	private volatile boolean stopping;

	private volatile ScheduledExecutorService scheduler;

	/** Sends new notifications, several at a time. */
	private volatile ExecutorService senders;

	private final AtomicInteger activeSenders = new AtomicInteger();

	Dispatcher(MongoOperations mongo, MailGateway mail, WebhookChannel webhooks, Aggregates aggregates,
			DispatchSettings settings, InstanceIdentity identity, Clock clock, MeterRegistry registry) {
		this.mongo = mongo;
		this.mail = mail;
		this.webhooks = webhooks;
		this.aggregates = aggregates;
		this.settings = settings;
		this.claim = claim(settings, mail.longestSend(), webhooks.longestSend());
		this.owner = identity.instance();
		this.clock = clock;
		this.registry = registry;
	}

	/**
	 * How long a claim lasts: as configured, or else as long as the longest send on any
	 * channel. Shorter would let another instance take over a mail or a webhook call that
	 * is still under way, so it stops the service from starting.
	 */
	private static Duration claim(DispatchSettings settings, Duration longestMail, Duration longestWebhook) {
		if (settings.claim() == null) {
			return (longestMail.compareTo(longestWebhook) >= 0) ? longestMail : longestWebhook;
		}
		if (settings.claim().compareTo(longestMail) < 0) {
			throw new IllegalStateException("infrapm.notification.dispatch.claim (" + settings.claim()
					+ ") is shorter than the longest SMTP exchange the spring.mail.properties timeouts allow ("
					+ longestMail + "): another instance could take over a mail still being sent and send it twice. "
					+ "Leave the claim unset to derive it, raise it, or lower the mail timeouts.");
		}
		if (settings.claim().compareTo(longestWebhook) < 0) {
			throw new IllegalStateException("infrapm.notification.dispatch.claim (" + settings.claim()
					+ ") is shorter than infrapm.notification.webhooks.total-timeout (" + longestWebhook
					+ "): another instance could take over a webhook call still under way and post it twice. "
					+ "Leave the claim unset to derive it, raise it, or lower the webhook timeout.");
		}
		return settings.claim();
	}

	/**
	 * How long a claim lasts, and so how long shutdown waits for a mail in flight.
	 * @return the claim duration
	 */
	Duration claimDuration() {
		return this.claim;
	}

	/**
	 * Sends new notifications now instead of at the next poll, looking each up by its id.
	 * @param ids the notifications just recorded
	 */
	public void dispatchSoon(Collection<UUID> ids) {
		this.fresh.addAll(ids);
		startSenders();
	}

	/** One more sender per waiting notification, up to the configured number. */
	private void startSenders() {
		ExecutorService current = this.senders;
		int active;
		while (current != null
				&& (active = this.activeSenders.get()) < Math.min(this.settings.senders(), this.fresh.size())) {
			if (!this.activeSenders.compareAndSet(active, active + 1)) {
				continue;
			}
			try {
				current.execute(this::sendFresh);
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: the notification stays PENDING for the next instance
				// that runs, and the caller's event is still acknowledged.
				this.activeSenders.decrementAndGet();
				return;
			}
		}
	}

	private void sendFresh() {
		try {
			dispatchFresh();
		}
		finally {
			this.activeSenders.decrementAndGet();
		}
		if (!this.stopping) {
			// Some may have been queued after this sender looked for the last time.
			startSenders();
		}
	}

	/**
	 * Sends every notification that is due and not claimed by another instance, and takes
	 * over those whose sender crashed. Once {@link #stop()} was called it starts no new
	 * send.
	 * @return how many were handled (sent or failed)
	 */
	public int dispatchDue() {
		int handled = 0;
		try {
			Notification next;
			while (!this.stopping && (next = claimNext()) != null) {
				deliver(next);
				handled++;
			}
		}
		catch (RuntimeException ex) {
			log.warn("Dispatching notifications failed; retrying at the next poll", ex);
		}
		return handled;
	}

	/**
	 * Sends the notifications recorded since the last call, each claimed by its id; one
	 * that another instance (or the poll) has claimed already is skipped.
	 * @return how many were handled
	 */
	int dispatchFresh() {
		int handled = 0;
		try {
			UUID id;
			while (!this.stopping && (id = this.fresh.poll()) != null) {
				Instant now = this.clock.instant();
				Notification claimed = claimOne(Notification.dueById(id, now), now);
				if (claimed != null) {
					deliver(claimed);
					handled++;
				}
			}
		}
		catch (RuntimeException ex) {
			// Whatever is left stays PENDING: the next poll sends it.
			log.warn("Dispatching new notifications failed; retrying at the next poll", ex);
		}
		return handled;
	}

	private Notification claimNext() {
		Instant now = this.clock.instant();
		// Abandoned ones first: they have waited longest, for a whole claim already.
		Notification abandoned = claimOne(Notification.abandoned(now), now);
		if (abandoned != null) {
			count(abandoned, "reclaimed");
			log.warn(
					"Took over notification {} to {}: its claim expired while it was being sent, so its sender "
							+ "crashed; sending it again (attempt {})",
					abandoned.id(), abandoned.recipient(), abandoned.attempts());
			return abandoned;
		}
		return claimOne(Notification.due(now), now);
	}

	/** Claims the first notification the query finds, for one attempt from now. */
	private Notification claimOne(Query query, Instant now) {
		return this.mongo.findAndModify(query, Notification.claim(this.owner, UUID.randomUUID(), now.plus(this.claim)),
				FindAndModifyOptions.options().returnNew(true), Notification.class);
	}

	private void deliver(Notification notification) {
		// Taken before the outcome, which ends the claim in the notification.
		Criteria claim = notification.underThisClaim();
		String result = (notification.channel() == Channel.WEBHOOK) ? post(notification) : mail(notification);
		count(notification, result);
		try {
			// Wakes the relay by itself when the outcome carries an event.
			this.aggregates.update(notification, claim);
		}
		catch (OptimisticLockingFailureException ex) {
			log.warn("Outcome '{}' of notification {} not recorded: its claim expired and another sender took it "
					+ "over", result, notification.id());
		}
	}

	/**
	 * One webhook attempt. A delivery that used up its attempts suspends its subscription
	 * first, then fails: a crash in between leaves it {@code SENDING}, and whoever takes
	 * it over finds the subscription suspended and holds it, so it is never lost.
	 */
	private String post(Notification notification) {
		WebhookChannel.Attempt attempt = this.webhooks.send(notification.subscriptionId(), notification.id(),
				notification.body());
		Instant now = this.clock.instant();
		switch (attempt.outcome()) {
			case DELIVERED -> {
				notification.delivered(now);
				return "sent";
			}
			case HELD -> {
				notification.held(attempt.reason());
				return "held";
			}
			case GONE -> {
				notification.givenUp(attempt.reason(), now);
				return "failed";
			}
			default -> {
				log.warn("Webhook delivery {} to {} failed (attempt {}): {}", notification.id(),
						notification.recipient(), notification.attempts(), attempt.reason());
				if (notification.attempts() >= this.webhooks.maxAttempts()) {
					this.webhooks.suspend(notification.subscriptionId(), notification.projectId(), attempt.reason(),
							now);
					notification.givenUp(attempt.reason(), now);
					return "failed";
				}
				notification.retryAt(attempt.reason(), now.plus(this.webhooks.backoff(notification.attempts())));
				return "retrying";
			}
		}
	}

	private String mail(Notification notification) {
		String result;
		try {
			this.mail.send(new OutgoingMail("<" + notification.id() + "@infrapm>", notification.recipient(),
					notification.recipientName(), notification.subject(), notification.body(), notification.html()));
			notification.delivered(this.clock.instant());
			result = "sent";
		}
		catch (RuntimeException ex) {
			Instant now = this.clock.instant();
			boolean last = notification.attempts() >= this.settings.maxAttempts();
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			if (last) {
				notification.givenUp(reason, now);
			}
			else {
				Duration wait = this.settings.retryBackoff()
					.multipliedBy(1L << Math.min(notification.attempts() - 1, 10));
				notification.retryAt(reason, now.plus(wait));
			}
			result = last ? "failed" : "retrying";
			log.warn("Sending notification {} to {} failed (attempt {}): {}", notification.id(),
					notification.recipient(), notification.attempts(), reason);
		}
		return result;
	}

	private void count(Notification notification, String outcome) {
		this.registry
			.counter("infrapm.notifications", "channel", notification.channel().name().toLowerCase(), "outcome",
					outcome)
			.increment();
	}

	@Override
	public synchronized void start() {
		this.stopping = false;
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "notification-dispatcher");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.pollInterval().toMillis();
		started.scheduleWithFixedDelay(this::dispatchDue, interval, interval, TimeUnit.MILLISECONDS);
		this.scheduler = started;
		AtomicInteger number = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(this.settings.senders(), (task) -> {
			Thread thread = new Thread(task, "notification-sender-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts no new send, and waits until the one in flight has finished and its outcome
	 * is recorded. The wait is bounded by the claim: it outlasts the longest send, and
	 * beyond it another instance may take the notification over, so waiting longer could
	 * not make this instance's outcome count.
	 */
	@Override
	public synchronized void stop() {
		this.stopping = true;
		ScheduledExecutorService current = this.scheduler;
		if (current == null) {
			return;
		}
		ExecutorService sending = this.senders;
		current.shutdown();
		sending.shutdown();
		try {
			long deadline = System.nanoTime() + this.claim.toNanos();
			if (!current.awaitTermination(this.claim.toMillis(), TimeUnit.MILLISECONDS)
					|| !sending.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				log.warn("A notification was still being sent after {}; another instance will take it over",
						this.claim);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.scheduler = null;
		this.senders = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
