package io.infrapm.notification.delivery.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live feeds: each open stream gets the in-app notifications of its recipient as they
 * are written, by whichever instance wrote them. One poller looks, while streams are
 * open, for what was written since the oldest stream's cursor, and sends each stream what
 * is past its own; an id sent is not sent again on that stream. A stream that resumes
 * from a {@code Last-Event-ID} starts at that notification.
 */
@Component
class FeedStream implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FeedStream.class);

	/** Most notifications one poll sends. */
	private static final int BATCH = 500;

	private final Notifications notifications;

	private final Duration poll;

	private final Duration heartbeat;

	private final Duration timeout;

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	private volatile ScheduledExecutorService poller;

	FeedStream(Notifications notifications, @Value("${infrapm.notification.feed.stream-poll:1s}") Duration poll,
			@Value("${infrapm.notification.feed.heartbeat:15s}") Duration heartbeat,
			@Value("${infrapm.notification.feed.stream-timeout:30m}") Duration timeout) {
		this.notifications = notifications;
		this.poll = poll;
		this.heartbeat = heartbeat;
		this.timeout = timeout;
	}

	/**
	 * Opens a stream.
	 * @param recipient whose feed
	 * @param lastEventId the last notification the client saw, or {@code null} to start
	 * with what comes next
	 * @param now the time
	 * @return the stream
	 */
	SseEmitter open(String recipient, UUID lastEventId, Instant now) {
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		// At the precision the store keeps creation times.
		Instant from = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		Set<UUID> seen = new HashSet<>();
		if (lastEventId != null) {
			Notification last = this.notifications.of(lastEventId, recipient);
			from = last.createdAt();
			seen.add(lastEventId);
		}
		Subscription subscription = new Subscription(recipient, emitter, from, seen);
		emitter.onCompletion(() -> this.subscriptions.remove(subscription));
		emitter.onTimeout(() -> this.subscriptions.remove(subscription));
		emitter.onError((ex) -> this.subscriptions.remove(subscription));
		try {
			emitter.send(SseEmitter.event().comment("feed of " + recipient));
		}
		catch (IOException ex) {
			emitter.completeWithError(ex);
			return emitter;
		}
		this.subscriptions.add(subscription);
		return emitter;
	}

	/** Sends every open stream what was written for it since its cursor. */
	void pollOnce() {
		if (this.subscriptions.isEmpty()) {
			return;
		}
		Instant from = this.subscriptions.stream().map((s) -> s.cursor).min(Instant::compareTo).orElseThrow();
		Set<String> recipients = this.subscriptions.stream().map((s) -> s.recipient).collect(Collectors.toSet());
		List<Notification> written;
		try {
			written = this.notifications.feedSince(recipients, from, BATCH);
		}
		catch (DataAccessException ex) {
			log.warn("The live feeds could not be read; trying again at the next poll: {}", ex.getMessage());
			return;
		}
		long now = System.nanoTime();
		for (Subscription subscription : this.subscriptions) {
			subscription.send(written, now, this.heartbeat);
		}
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "feed-stream");
			thread.setDaemon(true);
			return thread;
		});
		started.scheduleWithFixedDelay(this::pollOnce, this.poll.toMillis(), this.poll.toMillis(),
				TimeUnit.MILLISECONDS);
		this.poller = started;
	}

	@Override
	public synchronized void stop() {
		if (this.poller != null) {
			this.poller.shutdownNow();
			this.poller = null;
		}
		this.subscriptions.forEach((s) -> s.emitter.complete());
		this.subscriptions.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.poller != null;
	}

	/** One open stream. */
	private final class Subscription {

		private final String recipient;

		private final SseEmitter emitter;

		/** The creation time of the last notification sent (or of the start). */
		private volatile Instant cursor;

		/** What was sent with the cursor's creation time, so that none goes twice. */
		private final Set<UUID> sentAtCursor;

		private volatile long lastSent = System.nanoTime();

		Subscription(String recipient, SseEmitter emitter, Instant cursor, Set<UUID> sentAtCursor) {
			this.recipient = recipient;
			this.emitter = emitter;
			this.cursor = cursor;
			this.sentAtCursor = sentAtCursor;
		}

		void send(List<Notification> written, long now, Duration heartbeat) {
			try {
				for (Notification notification : written) {
					if (!notification.recipient().equals(this.recipient)
							|| notification.createdAt().isBefore(this.cursor)
							|| this.sentAtCursor.contains(notification.id())) {
						continue;
					}
					this.emitter.send(SseEmitter.event()
						.id(notification.id().toString())
						.name("notification")
						.data(NotificationController.FeedItem.of(notification), MediaType.APPLICATION_JSON));
					if (notification.createdAt().isAfter(this.cursor)) {
						this.cursor = notification.createdAt();
						this.sentAtCursor.clear();
					}
					this.sentAtCursor.add(notification.id());
					this.lastSent = now;
				}
				if (now - this.lastSent > heartbeat.toNanos()) {
					this.emitter.send(SseEmitter.event().comment("still here"));
					this.lastSent = now;
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away.
				FeedStream.this.subscriptions.remove(this);
				this.emitter.completeWithError(ex);
			}
		}

	}

}
