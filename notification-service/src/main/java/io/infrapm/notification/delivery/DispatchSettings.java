package io.infrapm.notification.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are dispatched.
 *
 * @param pollInterval how often due notifications are looked for (new ones are also
 * dispatched right away)
 * @param claim how long one instance holds a notification it is sending before another
 * may take it over; unset, it is the longest SMTP exchange the mail timeouts allow
 * ({@link MailGateway#longestSend()}); set shorter than that, the service refuses to
 * start
 * @param maxAttempts attempts before a notification is given up
 * @param retryBackoff the wait after the first failure, doubled after each further one
 * @param from the sender of e-mails
 * @param senders how many new notifications are sent at the same time (each over a
 * connection of its own to the mail server)
 */
@ConfigurationProperties("infrapm.notification.dispatch")
public record DispatchSettings(@DefaultValue("2s") Duration pollInterval, Duration claim,
		@DefaultValue("5") int maxAttempts, @DefaultValue("30s") Duration retryBackoff,
		@DefaultValue("InfraPM <noreply@infrapm.local>") String from, @DefaultValue("4") int senders) {

	public DispatchSettings {
		if (senders < 1) {
			throw new IllegalArgumentException(
					"infrapm.notification.dispatch.senders must be at least 1, not " + senders);
		}
	}
}
