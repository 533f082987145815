package io.infrapm.notification.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.notification.EscalationRaised;
import io.infrapm.contracts.notification.NotificationAcknowledged;
import io.infrapm.contracts.risk.EscalationLevel;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A critical notification that someone must acknowledge. Raised once per event (its id is
 * derived from the event's), it starts at the project manager's level; while nobody
 * acknowledges it, it climbs to the sponsor and then to the steering committee, each step
 * with its {@code EscalationRaised}; an acknowledgement stops it, with
 * {@code NotificationAcknowledged}. Every change is one write guarded by the version, so
 * two instances never take the same step twice, and the time of the next step is stored,
 * so a restart loses no timer.
 */
@Document(Alert.COLLECTION)
public class Alert extends AggregateRoot {

	/** The collection of alerts. */
	public static final String COLLECTION = "alerts";

	private static final Actor SERVICE = Actor.service("notification-service");

	@Id
	private UUID id;

	private UUID projectId;

	private Cause cause;

	private String title;

	private String link;

	private EscalationLevel level;

	private Status status;

	private Instant raisedAt;

	private Instant nextEscalationAt;

	private Instant acknowledgedAt;

	private Actor acknowledgedBy;

	private UUID acknowledgedOn;

	private List<Step> steps = new ArrayList<>();

	Alert() {
		// for the mapping layer
	}

	/**
	 * The id of the alert an event raises.
	 * @param eventId the event
	 * @return the id
	 */
	public static UUID idOf(UUID eventId) {
		return EventIdempotency.derivedId(eventId, "alert");
	}

	static Alert raise(UUID projectId, Cause cause, String title, String link, Instant now, Instant firstStep) {
		Alert alert = new Alert();
		alert.id = idOf(cause.eventId());
		alert.projectId = projectId;
		alert.cause = cause;
		alert.title = title;
		alert.link = link;
		alert.level = EscalationLevel.PROJECT_MANAGER;
		alert.status = Status.OPEN;
		alert.raisedAt = now;
		alert.nextEscalationAt = firstStep;
		return alert;
	}

	/**
	 * The level above the current one.
	 * @return it, or {@code null} at the top
	 */
	EscalationLevel nextLevel() {
		return switch (this.level) {
			case PROJECT_MANAGER -> EscalationLevel.SPONSOR;
			case SPONSOR -> EscalationLevel.STEERING_COMMITTEE;
			case STEERING_COMMITTEE -> null;
		};
	}

	/**
	 * The id of the event of the step to a level, also the cause of its notifications.
	 * @param to the level
	 * @return the id
	 */
	UUID stepEventId(EscalationLevel to) {
		return EventIdempotency.derivedId(this.id, "EscalationRaised/" + to);
	}

	/**
	 * Climbs one step.
	 * @param recipients the addresses told at the new level
	 * @param now when
	 * @param next when the step after is due, or {@code null} if this is the top
	 */
	void escalate(List<String> recipients, Instant now, Instant next) {
		EscalationLevel previous = this.level;
		this.level = nextLevel();
		this.nextEscalationAt = next;
		this.steps.add(new Step(this.level, now, List.copyOf(recipients)));
		changed("level", this.level);
		changed("nextEscalationAt", next);
		changed("steps", this.steps);
		registerEvent(stepEventId(this.level),
				new EscalationRaised(this.id, this.projectId, this.cause.eventId(), this.cause.eventType(), this.title,
						previous, this.level, List.copyOf(recipients), this.raisedAt, now, SERVICE),
				this.projectId, this.id, now);
	}

	/**
	 * Someone told of it acknowledged it.
	 * @param notificationId on which notification
	 * @param by who
	 * @param now when
	 * @return {@code false} if it had been acknowledged before
	 */
	boolean acknowledge(UUID notificationId, Actor by, Instant now) {
		if (this.status == Status.ACKNOWLEDGED) {
			return false;
		}
		this.status = Status.ACKNOWLEDGED;
		this.acknowledgedAt = now;
		this.acknowledgedBy = by;
		this.acknowledgedOn = notificationId;
		this.nextEscalationAt = null;
		changed("status", this.status);
		changed("acknowledgedAt", now);
		changed("acknowledgedBy", by);
		changed("acknowledgedOn", notificationId);
		changed("nextEscalationAt", null);
		registerEvent(EventIdempotency.derivedId(this.id, "NotificationAcknowledged"),
				new NotificationAcknowledged(this.id, this.projectId, notificationId, this.cause.eventId(),
						this.cause.eventType(), this.level, now, by),
				this.projectId, this.id, now);
		return true;
	}

	public UUID id() {
		return this.id;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public Cause cause() {
		return this.cause;
	}

	public String title() {
		return this.title;
	}

	public String link() {
		return this.link;
	}

	public EscalationLevel level() {
		return this.level;
	}

	public Status status() {
		return this.status;
	}

	public Instant raisedAt() {
		return this.raisedAt;
	}

	public Instant nextEscalationAt() {
		return this.nextEscalationAt;
	}

	public Instant acknowledgedAt() {
		return this.acknowledgedAt;
	}

	public Actor acknowledgedBy() {
		return this.acknowledgedBy;
	}

	public UUID acknowledgedOn() {
		return this.acknowledgedOn;
	}

	public List<Step> steps() {
		return List.copyOf(this.steps);
	}

	/** Whether an alert still climbs. */
	public enum Status {

		/** Nobody acknowledged it yet. */
		OPEN,
		/** Someone acknowledged it; it climbs no further. */
		ACKNOWLEDGED

	}

	/**
	 * One step up the ladder.
	 *
	 * @param level the level reached
	 * @param at when
	 * @param recipients who was told
	 */
	public record Step(EscalationLevel level, Instant at, List<String> recipients) {
	}

}
