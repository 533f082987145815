package io.infrapm.notification.delivery.mail;

import java.io.UnsupportedEncodingException;

import io.infrapm.notification.delivery.DispatchSettings;
import io.infrapm.notification.delivery.MailGateway;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail over SMTP ({@code spring.mail.*}) with a stable Message-ID.
 */
@Component
class SmtpMailGateway implements MailGateway {

	private final JavaMailSender sender;

	private final DispatchSettings settings;

	SmtpMailGateway(JavaMailSender sender, DispatchSettings settings) {
		this.sender = sender;
		this.settings = settings;
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
