package io.infrapm.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A development SMTP server that keeps every message it receives, so that a developer (or
 * a test) can read what the platform would have sent.
 * <p>
 * It listens for SMTP on the loopback interface and accepts any sender and recipient. In
 * persistent mode each message is written as an {@code .eml} file (the message exactly as
 * received, preceded by {@code Return-Path} and one {@code Delivered-To} header per
 * envelope recipient, as a delivering mail server would add) and the directory is read
 * back on start. In ephemeral mode messages are kept in memory only.
 * <p>
 * A tiny read-only HTTP API on a second port serves the index as JSON:
 * {@code GET /api/messages} and {@code GET /api/messages?to=ada@example.com}.
 */
public final class DevMailbox implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DevMailbox.class);

	/** Larger messages are refused rather than held in memory. */
	private static final int MAX_MESSAGE_SIZE = 25 * 1024 * 1024;

	private static final String EML_SUFFIX = ".eml";

	private final Path directory;

	private final List<ReceivedMail> messages = new CopyOnWriteArrayList<>();

	private final Session session = Session.getInstance(new Properties());

	private final SMTPServer smtpServer;

	private final MailboxHttpApi httpApi;

	private final Duration startupTime;

	private volatile boolean closed;

	private DevMailbox(Path directory, int smtpPort, int httpPort) {
		long started = System.nanoTime();
		BrokerLogging.quiet();
		this.directory = directory;
		if (directory != null) {
			reload();
		}
		this.smtpServer = SMTPServer.port(smtpPort)
			.bindAddress(Ports.loopback())
			.hostName("localhost")
			.softwareName("InfraPM dev mailbox")
			.maxMessageSize(MAX_MESSAGE_SIZE)
			.messageHandlerFactory(this::newMessageHandler)
			.build();
		try {
			this.smtpServer.start();
		}
		catch (Exception ex) {
			throw new EmbeddedInfrastructureException(
					"Dev mailbox could not listen for SMTP on 127.0.0.1:" + smtpPort + ": " + ex.getMessage(), ex);
		}
		try {
			this.httpApi = new MailboxHttpApi(this, httpPort);
		}
		catch (RuntimeException ex) {
			this.smtpServer.stop();
			throw ex;
		}
		this.startupTime = Duration.ofNanos(System.nanoTime() - started);
		logger.info("Dev mailbox: SMTP on 127.0.0.1:{}, HTTP on {} ({})", smtpPort(), httpUrl(),
				(directory != null) ? directory : "in memory");
	}

	/**
	 * Start a mailbox that writes every message to {@code directory} and reads the
	 * messages already there.
	 * @param directory where {@code .eml} files are kept (created if missing)
	 * @param smtpPort the SMTP port (2525 for the local platform)
	 * @param httpPort the HTTP API port (8025 for the local platform)
	 * @return the running mailbox
	 */
	public static DevMailbox persistent(Path directory, int smtpPort, int httpPort) {
		Path absolute = directory.toAbsolutePath();
		try {
			Files.createDirectories(absolute);
		}
		catch (IOException ex) {
			throw new EmbeddedInfrastructureException("Dev mailbox could not create " + absolute, ex);
		}
		return new DevMailbox(absolute, smtpPort, httpPort);
	}

	/**
	 * Start a mailbox on free loopback ports that keeps messages in memory only.
	 * @return the running mailbox
	 */
	public static DevMailbox ephemeral() {
		return ephemeral(0, 0);
	}

	/**
	 * Start a mailbox on the given loopback ports that keeps messages in memory only.
	 * @param smtpPort the SMTP port, or {@code 0} for a free one
	 * @param httpPort the HTTP API port, or {@code 0} for a free one
	 * @return the running mailbox
	 */
	public static DevMailbox ephemeral(int smtpPort, int httpPort) {
		return new DevMailbox(null, smtpPort, httpPort);
	}

	/**
	 * Every message received so far (including those reloaded from disk), oldest first.
	 * @return an immutable snapshot
	 */
	public List<ReceivedMail> messages() {
		return List.copyOf(this.messages);
	}

	/**
	 * The messages whose envelope recipients include {@code email}, compared
	 * case-insensitively, oldest first.
	 * @param email the recipient address
	 * @return an immutable snapshot
	 */
	public List<ReceivedMail> messagesTo(String email) {
		return this.messages.stream().filter((mail) -> mail.isAddressedTo(email)).toList();
	}

	/**
	 * The host that mail clients connect to.
	 * @return {@code 127.0.0.1}
	 */
	public String smtpHost() {
		return "127.0.0.1";
	}

	/**
	 * The port that the SMTP server listens on.
	 * @return the port
	 */
	public int smtpPort() {
		return this.smtpServer.getPortAllocated();
	}

	/**
	 * The port of the read-only HTTP API.
	 * @return the port
	 */
	public int httpPort() {
		return this.httpApi.port();
	}

	/**
	 * The base address of the HTTP API.
	 * @return e.g. {@code http://127.0.0.1:8025}
	 */
	public String httpUrl() {
		return "http://127.0.0.1:" + httpPort();
	}

	/**
	 * How long the mailbox took to start, including reading the stored messages.
	 * @return the start-up time
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Stop both servers. Messages on disk stay. Calling this more than once has no
	 * further effect.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.httpApi.stop();
		this.smtpServer.stop();
	}

	private MessageHandler newMessageHandler(MessageContext context) {
		return new Delivery();
	}

	private void accept(String envelopeFrom, List<String> recipients, byte[] data) throws IOException {
		Instant receivedAt = Instant.now();
		String id = UUID.randomUUID().toString();
		byte[] eml = withDeliveryHeaders(envelopeFrom, recipients, data);
		ReceivedMail mail = parse(eml, id, receivedAt);
		if (this.directory != null) {
			// Written to a temporary name first and moved, so a reload never sees half a
			// file.
			String name = receivedAt.toEpochMilli() + "-" + id;
			Path temporary = this.directory.resolve(name + ".tmp");
			Files.write(temporary, eml);
			Files.move(temporary, this.directory.resolve(name + EML_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
		}
		this.messages.add(mail);
		logger.info("Dev mailbox received \"{}\" for {}", mail.subject(), recipients);
	}

	private static byte[] withDeliveryHeaders(String envelopeFrom, List<String> recipients, byte[] data) {
		StringBuilder headers = new StringBuilder();
		headers.append("Return-Path: <").append((envelopeFrom != null) ? envelopeFrom : "").append(">\r\n");
		for (String recipient : recipients) {
			headers.append("Delivered-To: ").append(recipient).append("\r\n");
		}
		ByteArrayOutputStream eml = new ByteArrayOutputStream(headers.length() + data.length);
		eml.writeBytes(headers.toString().getBytes(StandardCharsets.US_ASCII));
		eml.writeBytes(data);
		return eml.toByteArray();
	}

	private void reload() {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.directory, "*" + EML_SUFFIX)) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Dev mailbox could not read " + this.directory, ex);
		}
		// File names start with the arrival time in epoch milliseconds, so name order is
		// arrival order.
		files.sort(null);
		for (Path file : files) {
			String name = file.getFileName().toString();
			String stem = name.substring(0, name.length() - EML_SUFFIX.length());
			int dash = stem.indexOf('-');
			try {
				Instant receivedAt = (dash > 0) ? Instant.ofEpochMilli(Long.parseLong(stem.substring(0, dash)))
						: Files.getLastModifiedTime(file).toInstant();
				String id = (dash > 0) ? stem.substring(dash + 1) : stem;
				this.messages.add(parse(Files.readAllBytes(file), id, receivedAt));
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Dev mailbox skipped {}, which it cannot read: {}", file, ex.toString());
			}
		}
		if (!files.isEmpty()) {
			logger.info("Dev mailbox reloaded {} messages from {}", this.messages.size(), this.directory);
		}
	}

	private ReceivedMail parse(byte[] eml, String fallbackId, Instant receivedAt) throws IOException {
		try {
			MimeMessage message = new MimeMessage(this.session, new ByteArrayInputStream(eml));
			String messageId = message.getMessageID();
			messageId = (messageId != null) ? messageId.trim().replaceAll("^<|>$", "") : fallbackId;
			String[] deliveredTo = message.getHeader("Delivered-To");
			List<String> recipients = (deliveredTo != null) ? List.of(deliveredTo).stream().map(String::trim).toList()
					: List.of();
			String subject = (message.getSubject() != null) ? message.getSubject() : "";
			return new ReceivedMail(messageId, sender(message), recipients, subject, text(message), receivedAt,
					html(message));
		}
		catch (MessagingException ex) {
			throw new IOException("Not a readable e-mail message: " + ex.getMessage(), ex);
		}
	}

	private static String sender(MimeMessage message) throws MessagingException {
		Address[] from;
		try {
			from = message.getFrom();
		}
		catch (MessagingException ex) {
			// A malformed From header must not lose the message.
			from = null;
		}
		if (from != null && from.length > 0) {
			return (from[0] instanceof InternetAddress address) ? address.getAddress() : from[0].toString();
		}
		String returnPath = message.getHeader("Return-Path", null);
		return (returnPath != null) ? returnPath.trim().replaceAll("^<|>$", "") : "";
	}

	/**
	 * The readable text of a message: its plain-text part if it has one, else its HTML
	 * part. Attachments are skipped. Line ends are normalised to {@code \n}; the line end
	 * that SMTP transport appends is dropped with any other trailing white space.
	 */
	private static String text(Part message) throws MessagingException, IOException {
		String text = findText(message, "text/plain");
		if (text == null) {
			text = findText(message, "text/html");
		}
		return (text != null) ? text.replace("\r\n", "\n").stripTrailing() : "";
	}

	/** The HTML part of a message, normalised as {@link #text} is, or {@code null}. */
	private static String html(Part message) throws MessagingException, IOException {
		String html = findText(message, "text/html");
		return (html != null) ? html.replace("\r\n", "\n").stripTrailing() : null;
	}

	private static String findText(Part part, String mimeType) throws MessagingException, IOException {
		if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return null;
		}
		if (part.isMimeType(mimeType)) {
			Object content = part.getContent();
			return (content instanceof String string) ? string : null;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart bodyPart = multipart.getBodyPart(i);
				String text = findText(bodyPart, mimeType);
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	/**
	 * One SMTP transaction: the envelope is collected first, the message data arrives
	 * last.
	 */
	private final class Delivery implements MessageHandler {

		private String from;

		private final List<String> recipients = new ArrayList<>();

		@Override
		public void from(String from) throws RejectException {
			this.from = from;
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			this.recipients.add(recipient);
		}

		@Override
		public String data(InputStream data) throws RejectException, TooMuchDataException, IOException {
			if (DevMailbox.this.closed) {
				throw new RejectException(421, "Dev mailbox is shutting down");
			}
			try {
				accept(this.from, List.copyOf(this.recipients), data.readAllBytes());
			}
			catch (IOException ex) {
				logger.warn("Dev mailbox could not store a message for {}", this.recipients, ex);
				throw new RejectException(451, "Could not store the message: " + ex.getMessage());
			}
			return null;
		}

		@Override
		public void done() {
		}

	}

}
