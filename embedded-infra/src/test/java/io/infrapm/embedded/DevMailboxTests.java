package io.infrapm.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DevMailbox} receives real SMTP, keeps what it receives and serves it over HTTP.
 */
class DevMailboxTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path directory;

	@Test
	void keepsAMessageSentOverSmtpAndReloadsItAfterARestart() throws Exception {
		Instant before = Instant.now();
		try (DevMailbox mailbox = DevMailbox.persistent(this.directory, Ports.free(), Ports.free())) {
			send(mailbox, "You were added to project DC-2027-01", "Hello Ada,\r\nyou were added as engineer.",
					"ada@example.com", "grace@example.com");

			assertThat(mailbox.messages()).singleElement().satisfies((mail) -> {
				assertThat(mail.from()).isEqualTo("noreply@infrapm.example");
				assertThat(mail.recipients()).containsExactly("ada@example.com", "grace@example.com");
				assertThat(mail.subject()).isEqualTo("You were added to project DC-2027-01");
				assertThat(mail.body()).isEqualTo("Hello Ada,\nyou were added as engineer.");
				assertThat(mail.messageId()).isNotBlank().doesNotContain("<", ">");
				assertThat(mail.receivedAt()).isBetween(before, Instant.now());
			});
			assertThat(mailbox.messagesTo("ADA@example.com")).hasSize(1);
			assertThat(mailbox.messagesTo("grace@example.com")).as("Bcc recipients are kept").hasSize(1);
			assertThat(mailbox.messagesTo("pat@example.com")).isEmpty();
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.map(Path::toString)).singleElement().asString().endsWith(".eml");
		}

		try (DevMailbox mailbox = DevMailbox.persistent(this.directory, Ports.free(), Ports.free())) {
			assertThat(mailbox.messagesTo("ada@example.com")).singleElement().satisfies((mail) -> {
				assertThat(mail.subject()).isEqualTo("You were added to project DC-2027-01");
				assertThat(mail.recipients()).containsExactly("ada@example.com", "grace@example.com");
				assertThat(mail.receivedAt())
					.isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
			});
			send(mailbox, "Second", "More", "ada@example.com");
			assertThat(mailbox.messagesTo("ada@example.com")).extracting(ReceivedMail::subject)
				.containsExactly("You were added to project DC-2027-01", "Second");
		}
	}

	@Test
	void servesItsMessagesAsJsonOverHttp() throws Exception {
		try (DevMailbox mailbox = DevMailbox.ephemeral()) {
			send(mailbox, "Risk \"R-7\" escalated", "Line one\nwith a tab\tand ünïcödé", "ada@example.com");
			send(mailbox, "Budget at 80 %", "BAC consumed", "grace@example.com");

			HttpResponse<String> all = get(mailbox.httpUrl() + "/api/messages");
			assertThat(all.statusCode()).isEqualTo(200);
			assertThat(all.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
			assertThat(all.body()).contains("\"subject\":\"Risk \\\"R-7\\\" escalated\"")
				.contains("\"body\":\"Line one\\nwith a tab\\tand ünïcödé\"")
				.contains("\"subject\":\"Budget at 80 %\"");

			HttpResponse<String> toAda = get(mailbox.httpUrl() + "/api/messages?to=ada%40example.com");
			assertThat(toAda.body()).contains("\"recipients\":[\"ada@example.com\"]").doesNotContain("Budget");

			assertThat(get(mailbox.httpUrl() + "/api/messages?to=nobody@example.com").body().trim()).isEqualTo("[]");
			assertThat(get(mailbox.httpUrl() + "/elsewhere").statusCode()).isEqualTo(404);
			HttpResponse<String> delete = this.http.send(
					HttpRequest.newBuilder(URI.create(mailbox.httpUrl() + "/api/messages")).DELETE().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(delete.statusCode()).isEqualTo(405);
			assertThat(mailbox.messages()).hasSize(2);
		}
	}

	@Test
	void readsThePlainTextPartOfAMultipartMessage() throws Exception {
		try (DevMailbox mailbox = DevMailbox.ephemeral()) {
			MimeMessage message = newMessage(mailbox, "Weekly digest", "ada@example.com");
			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart plain = new MimeBodyPart();
			plain.setText("3 risks need attention", "UTF-8");
			MimeBodyPart html = new MimeBodyPart();
			html.setContent("<p>3 risks need <b>attention</b></p>", "text/html; charset=UTF-8");
			alternative.addBodyPart(html);
			alternative.addBodyPart(plain);
			message.setContent(alternative);
			Transport.send(message);

			assertThat(mailbox.messagesTo("ada@example.com")).singleElement()
				.extracting(ReceivedMail::body)
				.isEqualTo("3 risks need attention");
		}
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void send(DevMailbox mailbox, String subject, String text, String to, String... bcc)
			throws Exception {
		MimeMessage message = newMessage(mailbox, subject, to);
		for (String address : bcc) {
			message.addRecipient(Message.RecipientType.BCC, new InternetAddress(address));
		}
		message.setText(text, "UTF-8");
		Transport.send(message);
	}

	private static MimeMessage newMessage(DevMailbox mailbox, String subject, String to) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", mailbox.smtpHost());
		properties.put("mail.smtp.port", Integer.toString(mailbox.smtpPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("noreply@infrapm.example", "InfraPM"));
		message.setRecipients(Message.RecipientType.TO,
				List.of(new InternetAddress(to)).toArray(new InternetAddress[0]));
		message.setSubject(subject, "UTF-8");
		return message;
	}

}
