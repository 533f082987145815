package io.infrapm.notification.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.contracts.notification.EscalationRaised;
import io.infrapm.contracts.risk.EscalationLevel;
import io.infrapm.notification.audience.Directory;
import io.infrapm.notification.audience.ProjectDirectory;
import io.infrapm.notification.audience.Recipient;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.delivery.Outgoing;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.security.Caller;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The escalation ladder of critical alerts: raised by the router, climbed by the
 * {@link EscalationWatch}, stopped by an acknowledgement.
 * <p>
 * A step first records the notifications of the new level (each once, by an id derived
 * from the step's event), then the step itself under the alert's version. Two instances
 * that take the same step at once record the same notifications, once, and only one of
 * them the step; a crash between the two leaves the step due, and the next sweep takes
 * it, finding the notifications there.
 */
@Service
public class Escalations {

	private static final Logger log = LoggerFactory.getLogger(Escalations.class);

	private static final String STEP_TYPE = EventCatalog.typeOf(EscalationRaised.class);

	/** The rule id escalation notifications name. */
	static final String RULE = "escalation";

	private static final int BATCH = 100;

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final Directory directory;

	private final Notifications notifications;

	private final Messages messages;

	private final EscalationSettings settings;

	private final Clock clock;

	Escalations(MongoOperations mongo, Aggregates aggregates, Directory directory, Notifications notifications,
			Messages messages, EscalationSettings settings, Clock clock) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.directory = directory;
		this.notifications = notifications;
		this.messages = messages;
		this.settings = settings;
		this.clock = clock;
	}

	/** Now, at the precision the store keeps, so answers equal what is read later. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Raises the alert of an event, once.
	 * @param projectId the project
	 * @param cause the event
	 * @param title what happened
	 * @param link where to read more
	 * @return the alert's id
	 */
	UUID raise(UUID projectId, Cause cause, String title, String link) {
		Instant now = now();
		try {
			this.aggregates
				.insert(Alert.raise(projectId, cause, title, link, now, now.plus(this.settings.toSponsorAfter())));
		}
		catch (DuplicateKeyException ex) {
			// Raised by an earlier delivery of the same event.
		}
		return Alert.idOf(cause.eventId());
	}

	/**
	 * Takes every step that is due.
	 * @return how many alerts climbed
	 */
	public int escalateDue() {
		Instant now = now();
		List<Alert> due = this.mongo
			.find(Query.query(Criteria.where("status").is(Alert.Status.OPEN).and("nextEscalationAt").lte(now))
				.with(Sort.by("nextEscalationAt"))
				.limit(BATCH), Alert.class);
		int climbed = 0;
		for (Alert alert : due) {
			if (escalate(alert, now)) {
				climbed++;
			}
		}
		return climbed;
	}

	private boolean escalate(Alert alert, Instant now) {
		EscalationLevel to = alert.nextLevel();
		if (to == null) {
			return false;
		}
		ProjectDirectory project = this.directory.of(alert.projectId()).orElse(null);
		List<Recipient> people = (project != null)
				? Router.audience(List.of(Audience.valueOf(to.name())), project, EventJson.mapper().createObjectNode())
				: List.of();
		UUID stepId = alert.stepEventId(to);
		if (project != null && !people.isEmpty()) {
			List<Outgoing> outgoing = new ArrayList<>();
			for (Recipient person : people) {
				for (Channel channel : List.of(Channel.EMAIL, Channel.IN_APP)) {
					outgoing.add(new Outgoing(person.email(), person.name(), channel, Severity.CRITICAL, List.of(RULE),
							this.messages.escalation(alert, to, project, person), null, null));
				}
			}
			this.notifications.record(new Cause(stepId, STEP_TYPE), alert.projectId(), outgoing, alert.id());
		}
		alert.escalate(people.stream().map(Recipient::email).toList(), now,
				(to == EscalationLevel.SPONSOR) ? now.plus(this.settings.toSteeringCommitteeAfter()) : null);
		try {
			this.aggregates.update(alert);
			return true;
		}
		catch (OptimisticLockingFailureException ex) {
			log.debug("Alert {} was escalated or acknowledged meanwhile by another instance", alert.id());
			return false;
		}
	}

	/**
	 * Acknowledges the alert a notification of the caller belongs to; again, it stays as
	 * the first acknowledgement left it.
	 * @param notificationId one of the caller's notifications
	 * @param caller who acknowledges
	 * @return the alert
	 * @throws NotFoundException if the caller has no such notification
	 * @throws ConflictException if it needs no acknowledgement
	 */
	public Alert acknowledge(UUID notificationId, Caller caller) {
		String recipient = Recipient.normalized(caller.email());
		if (recipient == null) {
			throw new NotFoundException("notificationId", "no notification " + notificationId + " of the caller");
		}
		Notification notification = this.notifications.of(notificationId, recipient);
		if (notification.alertId() == null) {
			throw new ConflictException("notificationId",
					"notification " + notificationId + " is no critical alert and needs no acknowledgement");
		}
		for (int attempt = 1;; attempt++) {
			Alert alert = this.mongo.findById(notification.alertId(), Alert.class);
			if (alert == null) {
				throw new NotFoundException("notificationId",
						"the alert of notification " + notificationId + " is gone");
			}
			if (!alert.acknowledge(notificationId, caller.actor(), now())) {
				return alert;
			}
			try {
				return this.aggregates.update(alert);
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt >= 3) {
					throw ex;
				}
				// It climbed a step meanwhile: acknowledge it where it is now.
			}
		}
	}

	/**
	 * A project's alerts, newest first.
	 * @param projectId the project
	 * @param open only those not acknowledged
	 * @param page from 0
	 * @param size page size
	 * @return the alerts of the page, and how many there are
	 */
	public Page<Alert> ofProject(UUID projectId, boolean open, int page, int size) {
		Criteria criteria = Criteria.where("projectId").is(projectId);
		if (open) {
			criteria = criteria.and("status").is(Alert.Status.OPEN);
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, Alert.class);
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "raisedAt").and(Sort.by("_id")));
		return new PageImpl<>(this.mongo.find(query.with(request), Alert.class), request, total);
	}

}
