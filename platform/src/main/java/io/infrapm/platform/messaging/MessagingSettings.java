package io.infrapm.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's consumers treat failures.
 *
 * @param enabled whether the platform's messaging support is on
 * @param initialBackOff the wait after the first failure of a record
 * @param backOffMultiplier how much longer each further wait is
 * @param maxBackOff the longest wait between two attempts; kept well below
 * {@code max.poll.interval.ms}, so that a long outage never makes the consumer leave its
 * group
 * @param unexpectedFailureAttempts how many attempts a record whose failure is neither
 * poison nor transient gets before it is dead-lettered
 * @param deadLetterTimeout how long a dead-letter write may take before it counts as
 * failed (the offset is then not committed and the record is tried again)
 * @param provisioningTimeout how long start-up waits for the broker to create or describe
 * the dead-letter topics before the service refuses to start
 */
@ConfigurationProperties("infrapm.messaging")
public record MessagingSettings(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration initialBackOff,
		@DefaultValue("2.0") double backOffMultiplier, @DefaultValue("5s") Duration maxBackOff,
		@DefaultValue("10") int unexpectedFailureAttempts, @DefaultValue("30s") Duration deadLetterTimeout,
		@DefaultValue("60s") Duration provisioningTimeout) {

	public MessagingSettings {
		if (unexpectedFailureAttempts < 1) {
			throw new IllegalArgumentException("infrapm.messaging.unexpected-failure-attempts must be at least 1");
		}
		if (maxBackOff.compareTo(initialBackOff) < 0) {
			throw new IllegalArgumentException(
					"infrapm.messaging.max-back-off must not be shorter than initial-back-off");
		}
	}

}
