package io.infrapm.notification.delivery.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.NotificationStatus;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;
import io.infrapm.platform.web.PageView;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications}: each person's in-app feed; {@code /api/deliveries}: the
 * delivery log of every channel. Each person reads their own; a portfolio manager may
 * name another {@code recipient}.
 */
@RestController
class NotificationController {

	private final Notifications notifications;

	private final FeedStream stream;

	private final Clock clock;

	NotificationController(Notifications notifications, FeedStream stream, Clock clock) {
		this.notifications = notifications;
		this.stream = stream;
		this.clock = clock;
	}

	/**
	 * The caller's feed, live (server-sent events {@code notification}, each with the
	 * notification's id): what is written from now on, or, with {@code Last-Event-ID},
	 * from after that notification, so a client that lost its connection misses nothing.
	 */
	@GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) UUID lastEventId, Caller caller) {
		return this.stream.open(Notification.normalize(whose(null, caller)), lastEventId, this.clock.instant());
	}

	/**
	 * The caller's in-app feed, newest first; {@code ?unread=true} for what they have not
	 * read.
	 */
	@GetMapping("/api/notifications")
	PageView<FeedItem> feed(@RequestParam(required = false) @Size(min = 1, max = 320) @Email String recipient,
			@RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.notifications.feed(whose(recipient, caller), unread, page, size), FeedItem::of);
	}

	/**
	 * Marks one notification of the caller's feed read; again, it stays as it was.
	 */
	@PostMapping("/api/notifications/{notificationId}/read")
	FeedItem read(@PathVariable UUID notificationId, Caller caller) {
		return FeedItem.of(this.notifications.markRead(notificationId, whose(null, caller)));
	}

	/**
	 * The delivery log: every notification to the recipient on every channel, with its
	 * status, attempts and last error, newest first.
	 */
	@GetMapping("/api/deliveries")
	PageView<DeliveryView> deliveries(@RequestParam(required = false) @Size(min = 1, max = 320) @Email String recipient,
			@RequestParam(required = false) Channel channel, @RequestParam(required = false) NotificationStatus status,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.notifications.deliveries(whose(recipient, caller), channel, status, page, size),
				DeliveryView::of);
	}

	private static String whose(String recipient, Caller caller) {
		String whose = (recipient != null) ? recipient : caller.email();
		if (whose == null) {
			throw new RuleViolationException("recipient", "must be given: the caller's token has no e-mail address");
		}
		if (!caller.isAddressedBy(whose) && !caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
			throw new ForbiddenException("recipient",
					"only a portfolio manager may read another person's notifications");
		}
		return whose;
	}

	/**
	 * One notification of a feed.
	 *
	 * @param id its id
	 * @param projectId the project it concerns
	 * @param recipient whose feed it is in
	 * @param severity how urgent
	 * @param subject its subject
	 * @param text what it says
	 * @param link where to read more, or {@code null}
	 * @param rules the routing rules that called for it
	 * @param cause the event that caused it
	 * @param createdAt when it arrived
	 * @param readAt when it was read, or {@code null}
	 */
	record FeedItem(UUID id, UUID projectId, String recipient, Severity severity, String subject, String text,
			String link, List<String> rules, Cause cause, Instant createdAt, Instant readAt) {

		static FeedItem of(Notification n) {
			return new FeedItem(n.id(), n.projectId(), n.recipient(), n.severity(), n.subject(), n.body(), n.link(),
					n.rules(), n.cause(), n.createdAt(), n.readAt());
		}

	}

	/**
	 * One delivery.
	 *
	 * @param id the notification's id (also the e-mail's Message-ID)
	 * @param projectId the project it concerns
	 * @param channel the channel
	 * @param recipient the recipient
	 * @param severity how urgent
	 * @param subject its subject
	 * @param status where it stands
	 * @param attempts attempts so far
	 * @param nextAttemptAt when it is tried next (a held e-mail: when the recipient's
	 * quiet hours end; a batched one: when its digest goes out), or {@code null}
	 * @param lastError what the channel said last, or {@code null}
	 * @param rules the routing rules that called for it
	 * @param cause the event that caused it
	 * @param createdAt when it was recorded
	 * @param sentAt when the channel accepted it, or {@code null}
	 * @param digestId the digest a batched e-mail waits for or went out in, or
	 * {@code null}
	 */
	record DeliveryView(UUID id, UUID projectId, Channel channel, String recipient, Severity severity, String subject,
			NotificationStatus status, int attempts, Instant nextAttemptAt, String lastError, List<String> rules,
			Cause cause, Instant createdAt, Instant sentAt, UUID digestId) {

		static DeliveryView of(Notification n) {
			return new DeliveryView(n.id(), n.projectId(), n.channel(), n.recipient(), n.severity(), n.subject(),
					n.status(), n.attempts(),
					(n.status() == NotificationStatus.PENDING || n.status() == NotificationStatus.BATCHED)
							? n.nextAttemptAt() : null,
					n.lastError(), n.rules(), n.cause(), n.createdAt(), n.sentAt(), n.digestId());
		}

	}

}
