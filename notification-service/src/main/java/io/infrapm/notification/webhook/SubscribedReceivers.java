package io.infrapm.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.notification.delivery.WebhookChannel;
import io.infrapm.notification.webhook.WebhookSubscription.Status;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Delivers to the receivers of webhook subscriptions for the dispatcher: looks the
 * subscription up at every attempt (so a corrected URL or a rotated secret applies to
 * deliveries already waiting), signs the CloudEvent with its secret and posts it through
 * the {@link WebhookSender}.
 */
@Component
class SubscribedReceivers implements WebhookChannel {

	private final MongoOperations mongo;

	private final WebhookSender sender;

	private final WebhookRetrySettings retry;

	private final ApplicationEventPublisher events;

	SubscribedReceivers(MongoOperations mongo, WebhookSender sender, WebhookRetrySettings retry,
			ApplicationEventPublisher events) {
		this.mongo = mongo;
		this.sender = sender;
		this.retry = retry;
		this.events = events;
	}

	@Override
	public Duration longestSend() {
		return this.sender.longestSend();
	}

	@Override
	public int maxAttempts() {
		return this.retry.maxAttempts();
	}

	@Override
	public Duration backoff(int attempts) {
		return this.retry.after(attempts);
	}

	@Override
	public Attempt send(UUID subscriptionId, UUID deliveryId, String body) {
		WebhookSubscription subscription;
		try {
			subscription = this.mongo.findById(subscriptionId, WebhookSubscription.class);
		}
		catch (RuntimeException ex) {
			return new Attempt(Attempt.Outcome.FAILED, "subscription could not be read: " + ex.getMessage());
		}
		if (subscription == null) {
			return new Attempt(Attempt.Outcome.GONE, "subscription " + subscriptionId + " was deleted");
		}
		if (subscription.status() == Status.SUSPENDED) {
			return new Attempt(Attempt.Outcome.HELD, "subscription suspended: " + subscription.suspendedReason());
		}
		WebhookResult result = this.sender.send(subscription.url(), subscription.secret(), deliveryId.toString(), body);
		return new Attempt(result.delivered() ? Attempt.Outcome.DELIVERED : Attempt.Outcome.FAILED, result.reason());
	}

	@Override
	public void suspend(UUID subscriptionId, UUID projectId, String reason, Instant at) {
		WebhookSubscription suspended = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(subscriptionId).and("status").is(Status.ACTIVE)),
				new Update().set("status", Status.SUSPENDED)
					.set("suspendedReason", reason)
					.set("suspendedAt", at)
					.set("suspendedOn", projectId)
					.set("ownerUntold", true)
					.inc("suspensions", 1)
					.inc("version", 1),
				WebhookSubscription.class);
		if (suspended != null) {
			this.events.publishEvent(new Suspended(subscriptionId));
		}
	}

	/**
	 * A subscription was suspended just now, and its owner is to be told.
	 *
	 * @param subscriptionId the subscription
	 */
	record Suspended(UUID subscriptionId) {
	}

}
