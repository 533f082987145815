package io.infrapm.notification.delivery.mail;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How long one SMTP exchange may take, as the Jakarta Mail timeouts bound it.
 */
class SmtpMailGatewayTests {

	@Test
	void boundsAnExchangeByTheThreeTimeoutsTimesTheSafetyFactor() {
		Duration longest = SmtpMailGateway.longestExchange("smtp", Map.of("mail.smtp.connectiontimeout", "5000",
				"mail.smtp.timeout", "10000", "mail.smtp.writetimeout", "10000"));

		assertThat(longest).isEqualTo(Duration.ofSeconds(25 * SmtpMailGateway.SAFETY_FACTOR));
	}

	@Test
	void readsTheTimeoutsOfTheConfiguredProtocol() {
		Duration longest = SmtpMailGateway.longestExchange("smtps", Map.of("mail.smtps.connectiontimeout", "1000",
				"mail.smtps.timeout", "1000", "mail.smtps.writetimeout", "1000"));

		assertThat(longest).isEqualTo(Duration.ofSeconds(3 * SmtpMailGateway.SAFETY_FACTOR));
	}

	@Test
	void refusesToStartWithoutAWriteTimeoutSinceASendCouldThenHangForever() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SmtpMailGateway.longestExchange("smtp",
					Map.of("mail.smtp.connectiontimeout", "5000", "mail.smtp.timeout", "10000")))
			.withMessageContaining("spring.mail.properties[mail.smtp.writetimeout]");
	}

	@Test
	void refusesAnInfiniteTimeout() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> SmtpMailGateway.longestExchange("smtp",
							Map.of("mail.smtp.connectiontimeout", "0", "mail.smtp.timeout", "10000",
									"mail.smtp.writetimeout", "10000")))
			.withMessageContaining("mail.smtp.connectiontimeout");
	}

}
