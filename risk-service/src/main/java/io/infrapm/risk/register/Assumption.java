package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.AssumptionChanged;
import io.infrapm.contracts.risk.AssumptionStatus;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An assumption of a project's register (the A of RAID): what the plan takes for true
 * without proof, who checks it and by when. Its own document, numbered {@code A-n}; once
 * validated or invalidated it changes no more.
 */
@Document("assumptions")
public class Assumption extends AggregateRoot {

	@Id
	private UUID id;

	@Indexed
	private UUID projectId;

	private String number;

	private String title;

	private String description;

	private Person owner;

	private LocalDate validateBy;

	private AssumptionStatus status;

	private String reason;

	private long revision;

	private Instant recordedAt;

	private Actor recordedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	Assumption() {
		// for the mapping layer
	}

	static Assumption record(UUID id, UUID projectId, String number, Details details, Actor actor, Instant now) {
		Assumption assumption = new Assumption();
		assumption.id = id;
		assumption.projectId = projectId;
		assumption.number = number;
		assumption.title = RaidText.required("title", details.title());
		assumption.description = RaidText.optional(details.description());
		assumption.owner = details.owner();
		assumption.validateBy = details.validateBy();
		assumption.status = AssumptionStatus.OPEN;
		assumption.revision = 1;
		assumption.recordedAt = now;
		assumption.recordedBy = actor;
		assumption.updatedAt = now;
		assumption.updatedBy = actor;
		assumption.publish(null, actor, now);
		return assumption;
	}

	/**
	 * Changes the assumption; {@code null} fields stay as they are. A change of status
	 * needs a reason; a validated or invalidated assumption changes no more.
	 * @param change what changes
	 * @param status the new status, or {@code null}
	 * @param reason why the status changes, or {@code null}
	 * @param actor who changes it
	 * @param now when
	 * @return whether anything changed
	 */
	boolean change(Details change, AssumptionStatus status, String reason, Actor actor, Instant now) {
		if (this.status != AssumptionStatus.OPEN) {
			throw new ConflictException("status",
					"assumption " + this.number + " is " + this.status + " and changes no more");
		}
		AssumptionStatus previous = this.status;
		String title = (change.title() != null) ? RaidText.required("title", change.title()) : this.title;
		String description = (change.description() != null) ? RaidText.optional(change.description())
				: this.description;
		Person owner = (change.owner() != null) ? change.owner() : this.owner;
		LocalDate validateBy = (change.validateBy() != null) ? change.validateBy() : this.validateBy;
		AssumptionStatus to = (status != null) ? status : this.status;
		if (to != previous && RaidText.optional(reason) == null) {
			throw new RuleViolationException("reason", "a change of status needs a reason");
		}
		if (title.equals(this.title) && Objects.equals(description, this.description)
				&& Objects.equals(owner, this.owner) && Objects.equals(validateBy, this.validateBy) && to == previous) {
			return false;
		}
		this.title = title;
		this.description = description;
		this.owner = owner;
		this.validateBy = validateBy;
		this.status = to;
		this.reason = (to != previous) ? RaidText.optional(reason) : this.reason;
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
		changed("title", title);
		changed("description", description);
		changed("owner", owner);
		changed("validateBy", validateBy);
		changed("status", to);
		changed("reason", this.reason);
		changed("revision", this.revision);
		changed("updatedAt", now);
		changed("updatedBy", actor);
		publish(previous, actor, now);
		return true;
	}

	private void publish(AssumptionStatus previous, Actor actor, Instant now) {
		registerEvent(
				new AssumptionChanged(this.projectId, this.id, this.number, this.title, this.description, this.owner,
						this.validateBy, this.status, previous, this.reason, this.revision, now, actor),
				this.projectId, this.id, now);
	}

	public UUID id() {
		return this.id;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public String number() {
		return this.number;
	}

	public String title() {
		return this.title;
	}

	public String description() {
		return this.description;
	}

	public Person owner() {
		return this.owner;
	}

	public LocalDate validateBy() {
		return this.validateBy;
	}

	public AssumptionStatus status() {
		return this.status;
	}

	public String reason() {
		return this.reason;
	}

	public long revision() {
		return this.revision;
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
	 * What an assumption is; for a change, {@code null} fields stay as they are.
	 *
	 * @param title what is assumed
	 * @param description more of it
	 * @param owner who checks it
	 * @param validateBy by when
	 */
	public record Details(String title, String description, Person owner, LocalDate validateBy) {
	}

}
