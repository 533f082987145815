package io.infrapm.notification.delivery.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.infrapm.embedded.DevMailbox;
import io.infrapm.embedded.ReceivedMail;
import io.infrapm.notification.delivery.DispatchSettings;
import io.infrapm.notification.delivery.MailGateway.OutgoingMail;
import io.infrapm.notification.delivery.MailGateway.MailNotSentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail over connections each sender thread keeps to a real SMTP server (the dev mailbox).
 */
class SmtpMailGatewayDeliveryTests {

	private DevMailbox mailbox = DevMailbox.ephemeral();

	private SmtpMailGateway gateway;

	@AfterEach
	void stop() {
		if (this.gateway != null) {
			this.gateway.closeConnections();
		}
		this.mailbox.close();
	}

	@Test
	void deliversEveryMessageOnceWithItsOwnIdFromSeveralThreads() throws Exception {
		this.gateway = gateway(this.mailbox.smtpPort());
		for (int i = 1; i <= 3; i++) {
			this.gateway.send(mail(i));
		}
		CompletableFuture.runAsync(() -> this.gateway.send(mail(4))).get();

		assertThat(this.mailbox.messages()).extracting(ReceivedMail::messageId)
			.containsExactlyInAnyOrder("1@infrapm", "2@infrapm", "3@infrapm", "4@infrapm");
		// Even numbers carry an HTML part beside the text, odd ones text only.
		assertThat(this.mailbox.messages()).allSatisfy((mail) -> assertThat(mail.body()).isEqualTo("Hello"))
			.extracting(ReceivedMail::html)
			.containsExactlyInAnyOrder(null, "<p>Hello <b>2</b></p>", null, "<p>Hello <b>4</b></p>");
	}

	@Test
	void startsOnAFreshConnectionOnceTheServerDroppedTheKeptOne() {
		int port = this.mailbox.smtpPort();
		this.gateway = gateway(port);
		this.gateway.send(mail(1));
		this.mailbox.close();
		this.mailbox = DevMailbox.ephemeral(port, 0);

		// The kept connection is dead: at most that one attempt fails, as a failed
		// attempt of its notification, and the next goes out on a new connection.
		List<Exception> failures = new ArrayList<>();
		for (int attempt = 0; attempt < 2 && this.mailbox.messages().isEmpty(); attempt++) {
			try {
				this.gateway.send(mail(2));
			}
			catch (MailNotSentException ex) {
				failures.add(ex);
			}
		}

		assertThat(failures).hasSizeLessThanOrEqualTo(1);
		assertThat(this.mailbox.messages()).extracting(ReceivedMail::messageId).containsExactly("2@infrapm");
	}

	private static OutgoingMail mail(int number) {
		return new OutgoingMail("<" + number + "@infrapm>", "ada" + number + "@example.com", "Ada",
				"DC-1: message " + number, "Hello", (number % 2 == 0) ? "<p>Hello <b>" + number + "</b></p>" : null);
	}

	private static SmtpMailGateway gateway(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		MailProperties properties = new MailProperties();
		properties.getProperties()
			.putAll(Map.of("mail.smtp.connectiontimeout", "2000", "mail.smtp.timeout", "2000", "mail.smtp.writetimeout",
					"2000"));
		sender.getJavaMailProperties().putAll(properties.getProperties());
		DispatchSettings settings = new DispatchSettings(Duration.ofSeconds(2), null, 5, Duration.ofSeconds(30),
				"InfraPM <noreply@infrapm.local>", 1);
		return new SmtpMailGateway(sender, settings, properties);
	}

}
