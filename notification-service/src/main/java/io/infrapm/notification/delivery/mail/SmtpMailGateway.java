package io.infrapm.notification.delivery.mail;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.infrapm.notification.delivery.DispatchSettings;
import io.infrapm.notification.delivery.MailGateway;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
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

	/** A kept connection unused this long is checked with a NOOP before it is used. */
	private static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(5);

	/** A kept connection unused this long is closed and opened again. */
	private static final Duration CLOSE_AFTER_IDLE = Duration.ofSeconds(60);

	private final JavaMailSender sender;

	/** Per sender thread, the connection it keeps to the mail server. */
	private final Map<Thread, Connection> connections = new ConcurrentHashMap<>();

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
			MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null, "UTF-8");
			helper.setFrom(InternetAddress.parse(this.settings.from())[0]);
			helper.setTo(new InternetAddress(mail.to(), mail.toName(), "UTF-8"));
			helper.setSubject(mail.subject());
			if (mail.html() != null) {
				// multipart/alternative: clients that show HTML show it, the others the
				// text.
				helper.setText(mail.body(), mail.html());
			}
			else {
				helper.setText(mail.body(), false);
			}
			if (this.sender instanceof JavaMailSenderImpl smtp) {
				sendOverKeptConnection(smtp, message);
			}
			else {
				this.sender.send(message);
			}
		}
		catch (MailException | MessagingException | UnsupportedEncodingException ex) {
			throw new MailNotSentException(ex.getMessage(), ex);
		}
	}

	/**
	 * Sends over this thread's connection to the mail server, opening it if needed: a
	 * connection (TCP, greeting, EHLO, STARTTLS and AUTH if configured) for every message
	 * cost more round trips than the message itself. A connection unused for a while is
	 * checked first (NOOP) and one unused for long is closed; a failed exchange closes
	 * it, so the next message starts on a fresh one. Nothing is retried here: a failure
	 * is the notification's failed attempt, as with a connection per message.
	 */
	private void sendOverKeptConnection(JavaMailSenderImpl smtp, MimeMessage message) throws MessagingException {
		if (message.getSentDate() == null) {
			message.setSentDate(new Date());
		}
		message.saveChanges();
		Thread thread = Thread.currentThread();
		// Sender threads end when the dispatcher stops; their connections go with them.
		this.connections.entrySet().removeIf((kept) -> {
			boolean orphaned = !kept.getKey().isAlive();
			if (orphaned) {
				close(kept.getValue());
			}
			return orphaned;
		});
		Connection connection = this.connections.get(thread);
		long now = System.nanoTime();
		if (connection != null && (now - connection.lastUsed > CLOSE_AFTER_IDLE.toNanos()
				|| (now - connection.lastUsed > CHECK_AFTER_IDLE.toNanos() && !connection.transport.isConnected()))) {
			close(this.connections.remove(thread));
			connection = null;
		}
		if (connection == null) {
			Transport transport = smtp.getSession()
				.getTransport((smtp.getProtocol() != null) ? smtp.getProtocol() : "smtp");
			transport.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
			connection = new Connection(transport);
			this.connections.put(thread, connection);
		}
		try {
			connection.transport.sendMessage(message, message.getAllRecipients());
			connection.lastUsed = System.nanoTime();
		}
		catch (MessagingException | RuntimeException ex) {
			close(this.connections.remove(thread));
			throw ex;
		}
	}

	/**
	 * Closes the kept connections when the service stops (after the dispatcher, which
	 * waits for the mails in flight).
	 */
	@PreDestroy
	void closeConnections() {
		this.connections.values().forEach(SmtpMailGateway::close);
		this.connections.clear();
	}

	private static void close(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.transport.close();
		}
		catch (MessagingException ex) {
			// Gone already; nothing to release.
		}
	}

	/** One sender thread's connection to the mail server. */
	private static final class Connection {

		private final Transport transport;

		private volatile long lastUsed = System.nanoTime();

		Connection(Transport transport) {
			this.transport = transport;
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
