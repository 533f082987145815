package io.infrapm.notification.webhook.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.NotificationStatus;
import io.infrapm.notification.webhook.WebhookSubscription;
import io.infrapm.notification.webhook.WebhookSubscriptions;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/webhooks}: standing orders for events, posted as signed CloudEvents to a
 * receiver. A project's manager subscribes to its events, a portfolio manager to any
 * project's or to all. The secret is in the answer to the creation and to a rotation
 * only. A subscription suspended after a delivery failed for good is resumed, and its
 * held and failed deliveries sent again, by {@code POST .../redelivery}.
 */
@RestController
class WebhookController {

	private final WebhookSubscriptions subscriptions;

	WebhookController(WebhookSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	/**
	 * {@code POST /api/webhooks}: 201 with {@code Location} and the secret; once per key.
	 */
	@PostMapping("/api/webhooks")
	ResponseEntity<CreatedView> subscribe(@Valid @RequestBody NewSubscriptionBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		WebhookSubscriptions.Created created = this.subscriptions.create(body.projectId(), body.spec(), idempotencyKey,
				caller);
		return Created
			.at("/api/webhooks/" + created.subscription().id(), created.subscription().version(), created.replayed())
			.body(new CreatedView(SubscriptionView.of(created.subscription()), created.secret()));
	}

	/** The subscriptions the caller may see, oldest first. */
	@GetMapping("/api/webhooks")
	PageView<SubscriptionView> subscriptions(@RequestParam(required = false) UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.subscriptions.page(projectId, caller, page, size), SubscriptionView::of);
	}

	@GetMapping("/api/webhooks/{webhookId}")
	ResponseEntity<SubscriptionView> subscription(@PathVariable UUID webhookId, Caller caller) {
		return withETag(this.subscriptions.get(webhookId, caller));
	}

	/** Changes the URL, event types or description, under the ETag last read. */
	@PutMapping("/api/webhooks/{webhookId}")
	ResponseEntity<SubscriptionView> replace(@PathVariable UUID webhookId, @Valid @RequestBody SubscriptionBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.subscriptions.replace(webhookId, ifMatch, body.spec(), caller));
	}

	/** Deletes the subscription under the ETag last read: 204. */
	@DeleteMapping("/api/webhooks/{webhookId}")
	ResponseEntity<Void> unsubscribe(@PathVariable UUID webhookId,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		this.subscriptions.delete(webhookId, ifMatch, caller);
		return ResponseEntity.noContent().build();
	}

	/** A new secret, shown in this answer only, under the ETag last read. */
	@PostMapping("/api/webhooks/{webhookId}/secret")
	ResponseEntity<CreatedView> rotateSecret(@PathVariable UUID webhookId,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		WebhookSubscriptions.Created rotated = this.subscriptions.rotateSecret(webhookId, ifMatch, caller);
		return ResponseEntity.ok()
			.eTag(ETags.of(rotated.subscription().version()))
			.body(new CreatedView(SubscriptionView.of(rotated.subscription()), rotated.secret()));
	}

	/**
	 * Resumes a suspended subscription and sends its failed and held deliveries again.
	 */
	@PostMapping("/api/webhooks/{webhookId}/redelivery")
	RedeliveryView redeliver(@PathVariable UUID webhookId, Caller caller) {
		return RedeliveryView.of(this.subscriptions.redrive(webhookId, null, caller));
	}

	/**
	 * Sends one failed or held delivery again (resuming the subscription if suspended).
	 */
	@PostMapping("/api/webhooks/{webhookId}/deliveries/{deliveryId}/redelivery")
	RedeliveryView redeliverOne(@PathVariable UUID webhookId, @PathVariable UUID deliveryId, Caller caller) {
		return RedeliveryView.of(this.subscriptions.redrive(webhookId, deliveryId, caller));
	}

	/**
	 * The subscription's deliveries, newest first, with status, attempts and last error.
	 */
	@GetMapping("/api/webhooks/{webhookId}/deliveries")
	PageView<DeliveryView> deliveries(@PathVariable UUID webhookId,
			@RequestParam(required = false) NotificationStatus status,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.subscriptions.deliveries(webhookId, status, caller, page, size), DeliveryView::of);
	}

	private static ResponseEntity<SubscriptionView> withETag(WebhookSubscription subscription) {
		return ResponseEntity.ok().eTag(ETags.of(subscription.version())).body(SubscriptionView.of(subscription));
	}

	private static URI parsed(String url) {
		try {
			return new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new RuleViolationException("url", "'" + url + "' is no URL: " + ex.getReason());
		}
	}

	/**
	 * A new subscription.
	 *
	 * @param url the receiver: {@code https} (or {@code http} where the deployment allows
	 * it), to a host whose addresses are public unless the deployment allows others
	 * @param eventTypes logical event names ({@code RiskEscalated}) or a source's
	 * wildcard ({@code project.*}, {@code risk.*}, {@code budget.*})
	 * @param projectId the project whose events it receives; absent for every project
	 * (portfolio managers only)
	 * @param description what it is for
	 */
	record NewSubscriptionBody(@NotBlank @Size(max = 2000) String url,
			@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> eventTypes, UUID projectId,
			@Size(max = 2000) String description) {

		WebhookSubscription.Spec spec() {
			return new WebhookSubscription.Spec(parsed(this.url), this.description,
					this.eventTypes.stream().map(String::strip).distinct().toList());
		}

	}

	/**
	 * What a subscription asks for, as it may be changed.
	 *
	 * @param url the receiver
	 * @param eventTypes logical event names or a source's wildcard
	 * @param description what it is for
	 */
	record SubscriptionBody(@NotBlank @Size(max = 2000) String url,
			@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> eventTypes,
			@Size(max = 2000) String description) {

		WebhookSubscription.Spec spec() {
			return new WebhookSubscription.Spec(parsed(this.url), this.description,
					this.eventTypes.stream().map(String::strip).distinct().toList());
		}

	}

	/**
	 * A subscription.
	 *
	 * @param id its id
	 * @param projectId its project, or {@code null} for every project
	 * @param url where deliveries are posted
	 * @param eventTypes the events it receives
	 * @param description what it is for, or {@code null}
	 * @param status {@code ACTIVE}, or {@code SUSPENDED} after a delivery failed for good
	 * @param suspendedReason the failed delivery's last answer, while suspended
	 * @param suspendedAt when it was suspended, while suspended
	 * @param version its version ({@code ETag})
	 * @param owner who subscribed, and is told of a suspension
	 * @param createdAt when; it receives events that occurred from then on
	 * @param updatedAt when it last changed
	 * @param updatedBy who changed it
	 */
	record SubscriptionView(UUID id, UUID projectId, String url, List<String> eventTypes, String description,
			WebhookSubscription.Status status, String suspendedReason, Instant suspendedAt, long version, Actor owner,
			Instant createdAt, Instant updatedAt, Actor updatedBy) {

		static SubscriptionView of(WebhookSubscription s) {
			return new SubscriptionView(s.id(), s.projectId(), s.url().toString(), s.eventTypes(), s.description(),
					s.status(), s.suspendedReason(), s.suspendedAt(), s.version(), s.owner(), s.createdAt(),
					s.updatedAt(), s.updatedBy());
		}

	}

	/**
	 * A subscription with its secret, which is shown only here.
	 *
	 * @param subscription the subscription
	 * @param secret the {@code whsec_} secret its deliveries are signed with (Standard
	 * Webhooks)
	 */
	record CreatedView(SubscriptionView subscription, String secret) {
	}

	/**
	 * The outcome of a re-drive.
	 *
	 * @param subscription the subscription, active again
	 * @param redelivered how many deliveries go out again
	 */
	record RedeliveryView(SubscriptionView subscription, long redelivered) {

		static RedeliveryView of(WebhookSubscriptions.Redriven redriven) {
			return new RedeliveryView(SubscriptionView.of(redriven.subscription()), redriven.deliveries());
		}

	}

	/**
	 * One delivery of an event to the subscription.
	 *
	 * @param id the delivery's id: the {@code webhook-id} header of every attempt
	 * @param projectId the event's project
	 * @param cause the event
	 * @param status {@code PENDING}, {@code SENDING}, {@code SENT}, {@code FAILED} or
	 * {@code HELD}
	 * @param attempts attempts so far in this round
	 * @param nextAttemptAt when it is tried next, while pending
	 * @param lastError the receiver's last answer, or why there was none
	 * @param createdAt when it was recorded
	 * @param sentAt when the receiver accepted it, or {@code null}
	 */
	record DeliveryView(UUID id, UUID projectId, Cause cause, NotificationStatus status, int attempts,
			Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {

		static DeliveryView of(Notification n) {
			return new DeliveryView(n.id(), n.projectId(), n.cause(), n.status(), n.attempts(),
					(n.status() == NotificationStatus.PENDING) ? n.nextAttemptAt() : null, n.lastError(), n.createdAt(),
					n.sentAt());
		}

	}

}
