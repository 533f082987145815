package io.infrapm.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.HandlingOutcome;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

/**
 * Records the notifications events call for and lists them by recipient. Dispatching is
 * the {@link Dispatcher}'s job, so an event is acknowledged without waiting for a mail
 * server.
 */
@Service
public class Notifications {

	private final MongoOperations mongo;

	private final NotificationRepository repository;

	private final Dispatcher dispatcher;

	private final Clock clock;

	Notifications(MongoOperations mongo, NotificationRepository repository, Dispatcher dispatcher, Clock clock) {
		this.mongo = mongo;
		this.repository = repository;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/**
	 * Records e-mails caused by one event, each once: the id of each is derived from the
	 * event id and the recipient, so a redelivery inserts nothing new.
	 * @param cause the event
	 * @param projectId the project concerned
	 * @param mails the messages
	 * @return {@link HandlingOutcome#APPLIED} if any was new
	 */
	public HandlingOutcome recordEmails(Cause cause, UUID projectId, List<Mail> mails) {
		Instant now = this.clock.instant();
		List<UUID> recorded = new ArrayList<>();
		for (Mail mail : mails) {
			UUID id = EventIdempotency.derivedId(cause.eventId(), "email/" + Notification.normalize(mail.to()));
			Notification notification = Notification.email(id, projectId, mail.to(), mail.toName(), mail.subject(),
					mail.body(), cause, now);
			if (EventIdempotency.insertOnce(this.mongo, notification) == HandlingOutcome.APPLIED) {
				recorded.add(id);
			}
		}
		if (!recorded.isEmpty()) {
			this.dispatcher.dispatchSoon(recorded);
		}
		return recorded.isEmpty() ? HandlingOutcome.DUPLICATE : HandlingOutcome.APPLIED;
	}

	/**
	 * A recipient's notifications, newest first.
	 * @param recipient the address
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<Notification> to(String recipient, int page, int size) {
		return this.repository.findByRecipientOrderByCreatedAtDesc(Notification.normalize(recipient),
				PageRequest.of(page, size));
	}

	/**
	 * An e-mail to record.
	 *
	 * @param to the address
	 * @param toName the recipient's name
	 * @param subject the subject line
	 * @param body the plain-text body
	 */
	public record Mail(String to, String toName, String subject, String body) {
	}

}
