package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.OutageImpact;

/**
 * A time one of the project's services was out, planned (a maintenance) or not (an
 * incident): part of the {@link Project} aggregate. Each change raises its revision,
 * which is its ETag.
 */
public class Outage {

	private UUID id;

	private String service;

	private boolean planned;

	private OutageImpact impact;

	private Instant start;

	private Instant end;

	private Instant respondedAt;

	private String cause;

	private UUID changeRequestId;

	private UUID milestoneId;

	private int revision;

	private ClientRequest request;

	private Instant recordedAt;

	private Actor recordedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	Outage() {
		// for the mapping layer
	}

	static Outage record(Facts facts, ClientRequest request, Actor actor, Instant now) {
		Outage outage = new Outage();
		outage.id = UUID.randomUUID();
		outage.service = facts.service().strip();
		outage.planned = facts.planned();
		outage.impact = facts.impact();
		outage.start = facts.start();
		outage.end = facts.end();
		outage.respondedAt = facts.respondedAt();
		outage.cause = Texts.blankToNull(facts.cause());
		outage.changeRequestId = facts.changeRequestId();
		outage.milestoneId = facts.milestoneId();
		outage.revision = 1;
		outage.request = request;
		outage.recordedAt = now;
		outage.recordedBy = actor;
		outage.updatedAt = now;
		outage.updatedBy = actor;
		return outage;
	}

	/** Applies what became known; whether anything changed. */
	boolean learn(Update update) {
		boolean changed = false;
		if (update.end() != null && !update.end().equals(this.end)) {
			this.end = update.end();
			changed = true;
		}
		if (update.respondedAt() != null && !update.respondedAt().equals(this.respondedAt)) {
			this.respondedAt = update.respondedAt();
			changed = true;
		}
		if (update.cause() != null && !java.util.Objects.equals(Texts.blankToNull(update.cause()), this.cause)) {
			this.cause = Texts.blankToNull(update.cause());
			changed = true;
		}
		if (update.impact() != null && update.impact() != this.impact) {
			this.impact = update.impact();
			changed = true;
		}
		return changed;
	}

	void touched(Actor actor, Instant now) {
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	/**
	 * When it ended, or {@code now} while it lasts.
	 * @param now the current time
	 * @return the end for measuring
	 */
	Instant endOr(Instant now) {
		return (this.end != null) ? this.end : now;
	}

	public UUID id() {
		return this.id;
	}

	public String service() {
		return this.service;
	}

	public boolean planned() {
		return this.planned;
	}

	public OutageImpact impact() {
		return this.impact;
	}

	public Instant start() {
		return this.start;
	}

	public Instant end() {
		return this.end;
	}

	public Instant respondedAt() {
		return this.respondedAt;
	}

	public String cause() {
		return this.cause;
	}

	public UUID changeRequestId() {
		return this.changeRequestId;
	}

	public UUID milestoneId() {
		return this.milestoneId;
	}

	public int revision() {
		return this.revision;
	}

	ClientRequest request() {
		return this.request;
	}

	public Instant recordedAt() {
		return this.recordedAt;
	}

	public Actor recordedBy() {
		return this.recordedBy;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

	/**
	 * What is recorded of a new outage.
	 *
	 * @param service the service, one of the project's
	 * @param planned whether it was planned
	 * @param impact how badly it hit the service
	 * @param start when it began
	 * @param end when it ended, or {@code null} while it lasts
	 * @param respondedAt when someone responsible responded, or {@code null}
	 * @param cause what caused it, or {@code null}
	 * @param changeRequestId the change request it belongs to, or {@code null}
	 * @param milestoneId the milestone it belongs to, or {@code null}
	 */
	public record Facts(String service, boolean planned, OutageImpact impact, Instant start, Instant end,
			Instant respondedAt, String cause, UUID changeRequestId, UUID milestoneId) {
	}

	/**
	 * What became known of an outage: {@code null} parts stay as they are.
	 *
	 * @param end when it ended
	 * @param respondedAt when someone responsible responded
	 * @param cause what caused it (blank clears it)
	 * @param impact how badly it hit the service
	 */
	public record Update(Instant end, Instant respondedAt, String cause, OutageImpact impact) {
	}

}
