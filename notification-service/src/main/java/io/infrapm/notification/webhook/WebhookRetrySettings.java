package io.infrapm.notification.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a webhook delivery is retried before its subscription is suspended. With the
 * defaults the waits are 30 s, 1, 2, 4, 8, 16 and 32 min, then 1 h four times: a receiver
 * may be away for about five hours before its subscription is suspended.
 *
 * @param backoff the wait after the first failed attempt, doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts attempts before the delivery fails and the subscription is suspended
 * @param noticeInterval how often suspended subscriptions whose owner has not been told
 * yet are looked for (the dispatcher tells them at once; this catches a crash in between)
 */
@ConfigurationProperties("infrapm.notification.webhooks.retry")
public record WebhookRetrySettings(@DefaultValue("30s") Duration backoff, @DefaultValue("1h") Duration maxBackoff,
		@DefaultValue("12") int maxAttempts, @DefaultValue("30s") Duration noticeInterval) {

	public WebhookRetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException(
					"infrapm.notification.webhooks.retry.max-attempts must be at least 1, not " + maxAttempts);
		}
		if (backoff == null || backoff.isNegative() || backoff.isZero() || maxBackoff == null
				|| maxBackoff.compareTo(backoff) < 0) {
			throw new IllegalArgumentException("infrapm.notification.webhooks.retry.backoff (" + backoff
					+ ") must be positive and no longer than max-backoff (" + maxBackoff + ")");
		}
	}

	/**
	 * The wait after a number of failed attempts.
	 * @param attempts how many were made (at least 1)
	 * @return the backoff doubled per earlier failure, at most {@link #maxBackoff()}
	 */
	public Duration after(int attempts) {
		Duration wait = this.backoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}
