package io.infrapm.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What the {@link Dispatcher} needs of webhook subscriptions to deliver to them: one
 * signed attempt, the retry policy, and the suspension of a subscription whose delivery
 * failed for good. Implemented where the subscriptions live, so that this package knows
 * nothing of them.
 */
public interface WebhookChannel {

	/**
	 * The longest one attempt may take, which a claim on a delivery must outlast.
	 * @return the duration
	 */
	Duration longestSend();

	/**
	 * How many attempts a delivery gets before it fails for good.
	 * @return at least 1
	 */
	int maxAttempts();

	/**
	 * The wait before the next attempt.
	 * @param attempts how many were made so far (at least 1)
	 * @return the wait, growing with each attempt
	 */
	Duration backoff(int attempts);

	/**
	 * Makes one attempt to deliver, under the delivery's id (the same on every attempt).
	 * @param subscriptionId the subscription
	 * @param deliveryId the delivery (the notification's id)
	 * @param body the CloudEvent as JSON
	 * @return what became of it
	 */
	Attempt send(UUID subscriptionId, UUID deliveryId, String body);

	/**
	 * Suspends a subscription whose delivery used up its attempts, so that its later
	 * deliveries are held instead of failing one by one. Suspending one that is suspended
	 * already changes nothing.
	 * @param subscriptionId the subscription
	 * @param projectId the project of the delivery that failed, which the owner's notice
	 * is filed under
	 * @param reason why its delivery failed
	 * @param at when
	 */
	void suspend(UUID subscriptionId, UUID projectId, String reason, Instant at);

	/**
	 * The outcome of one attempt.
	 *
	 * @param outcome what happened
	 * @param reason for the delivery log
	 */
	record Attempt(Outcome outcome, String reason) {

		/** Whether the attempt reached the receiver, and what comes next. */
		public enum Outcome {

			/** The receiver answered 2xx. */
			DELIVERED,
			/** It did not; another attempt may follow. */
			FAILED,
			/** The subscription is suspended: the delivery waits for a re-drive. */
			HELD,
			/** The subscription was deleted: nobody will ever take the delivery. */
			GONE

		}

	}

}
