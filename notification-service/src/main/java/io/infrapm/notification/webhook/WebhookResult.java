package io.infrapm.notification.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one webhook attempt, for the delivery log and the retry decision.
 *
 * @param delivered whether the receiver answered 2xx; anything else is a failure
 * @param status the HTTP status received, or {@code 0} if none was (refused address,
 * connection failure, timeout)
 * @param reason a short explanation, e.g. {@code HTTP 204}, {@code HTTP 500},
 * {@code redirect refused}, {@code timed out waiting for the response}
 * @param took how long the attempt took
 */
public record WebhookResult(boolean delivered, int status, String reason, Duration took) {

	public WebhookResult {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(took, "took");
		if (delivered && (status < 200 || status > 299)) {
			throw new IllegalArgumentException("only a 2xx answer is a delivery, not " + status);
		}
	}

	static WebhookResult answered(int status, Duration took) {
		if (status >= 200 && status <= 299) {
			return new WebhookResult(true, status, "HTTP " + status, took);
		}
		if (status >= 300 && status <= 399) {
			// Following it would let the receiver point the service anywhere.
			return new WebhookResult(false, status, "redirect refused", took);
		}
		return new WebhookResult(false, status, "HTTP " + status, took);
	}

	static WebhookResult failed(String reason, Duration took) {
		return new WebhookResult(false, 0, reason, took);
	}

}
