package io.infrapm.notification.delivery.mail;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Map;

import io.infrapm.notification.delivery.DispatchSettings;
import io.infrapm.notification.delivery.MailGateway;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail over SMTP ({@code spring.mail.*}) with a stable Message-ID. Its
 * {@linkplain #longestSend() longest send} comes from the Jakarta Mail timeouts in
 * {@code spring.mail.properties}; without all three of them a send could hang forever, so
 * the service does not start.
 */
@Component
class SmtpMailGateway implements MailGateway {

	/**
	 * How many times the sum of the three timeouts one exchange may take. The read
	 * timeout bounds each wait for one server reply, not the exchange, and one message
	 * takes about ten replies (greeting, EHLO, STARTTLS and EHLO again, AUTH, MAIL FROM,
	 * RCPT TO, DATA, end of data, QUIT), each after a write.
	 */
	static final int SAFETY_FACTOR = 10;

	private static final String[] TIMEOUTS = { "connectiontimeout", "timeout", "writetimeout" };

	private final JavaMailSender sender;

	private final DispatchSettings settings;

	private final Duration longestSend;

	SmtpMailGateway(JavaMailSender sender, DispatchSettings settings, MailProperties mail) {
		this.sender = sender;
		this.settings = settings;
		this.longestSend = longestExchange(mail.getProtocol(), mail.getProperties());
	}

	/**
	 * The longest one SMTP exchange can take under the given Jakarta Mail properties.
	 * @param protocol {@code smtp} or {@code smtps}
	 * @param properties the {@code spring.mail.properties}
	 * @return connection, read and write timeout together, times {@link #SAFETY_FACTOR}
	 * @throws IllegalStateException if a timeout is missing or not positive, since
	 * Jakarta Mail then waits forever
	 */
	static Duration longestExchange(String protocol, Map<String, String> properties) {
		Duration sum = Duration.ZERO;
		for (String timeout : TIMEOUTS) {
			String name = "mail." + protocol + "." + timeout;
			String value = properties.get(name);
			long millis;
			try {
				millis = (value != null) ? Long.parseLong(value.strip()) : 0;
			}
			catch (NumberFormatException ex) {
				millis = 0;
			}
			if (millis <= 0) {
				throw new IllegalStateException("spring.mail.properties[" + name + "] must be a positive number of "
						+ "milliseconds, not " + value + ": without it Jakarta Mail may wait forever, and no claim on "
						+ "a notification being sent could be long enough");
			}
			sum = sum.plusMillis(millis);
		}
		return sum.multipliedBy(SAFETY_FACTOR);
	}

	@Override
	public Duration longestSend() {
		return this.longestSend;
	}

	@Override
	public void send(OutgoingMail mail) {
		try {
			MimeMessage message = new StableIdMessage(this.sender.createMimeMessage(), mail.messageId());
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setFrom(InternetAddress.parse(this.settings.from())[0]);
			helper.setTo(new InternetAddress(mail.to(), mail.toName(), "UTF-8"));
			helper.setSubject(mail.subject());
			helper.setText(mail.body(), false);
			this.sender.send(message);
		}
		catch (MailException | MessagingException | UnsupportedEncodingException ex) {
			throw new MailNotSentException(ex.getMessage(), ex);
		}
	}

	/**
	 * Keeps the Message-ID we chose: Jakarta Mail would otherwise replace it with a
	 * random one on every save, and a retried message would not be recognisable as the
	 * same.
	 */
	private static final class StableIdMessage extends MimeMessage {

		private final String messageId;

		StableIdMessage(MimeMessage template, String messageId) {
			super(template.getSession());
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
