package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.DependencyChanged;
import io.infrapm.contracts.risk.DependencyKind;
import io.infrapm.contracts.risk.DependencyStatus;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A dependency of a project's register (the D of RAID): something the project needs from
 * another team, a vendor or someone outside, by a date. Its own document, numbered
 * {@code D-n}; once delivered or cancelled it changes no more.
 */
@Document("dependencies")
public class Dependency extends AggregateRoot {

	@Id
	private UUID id;

	@Indexed
	private UUID projectId;

	private String number;

	private String title;

	private String description;

	private DependencyKind kind;

	private String counterpart;

	private Person owner;

	private LocalDate needBy;

	private DependencyStatus status;

	private String reason;

	private long revision;

	private Instant recordedAt;

	private Actor recordedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	Dependency() {
		// for the mapping layer
	}

	static Dependency record(UUID id, UUID projectId, String number, Details details, Actor actor, Instant now) {
		Dependency dependency = new Dependency();
		dependency.id = id;
		dependency.projectId = projectId;
		dependency.number = number;
		dependency.title = RaidText.required("title", details.title());
		dependency.description = RaidText.optional(details.description());
		dependency.kind = Objects.requireNonNull(details.kind(), "kind");
		dependency.counterpart = RaidText.required("counterpart", details.counterpart());
		dependency.owner = details.owner();
		dependency.needBy = Objects.requireNonNull(details.needBy(), "needBy");
		dependency.status = DependencyStatus.OPEN;
		dependency.revision = 1;
		dependency.recordedAt = now;
		dependency.recordedBy = actor;
		dependency.updatedAt = now;
		dependency.updatedBy = actor;
		dependency.publish(null, actor, now);
		return dependency;
	}

	/**
	 * Changes the dependency; {@code null} fields stay as they are. A change of status
	 * needs a reason; a delivered or cancelled dependency changes no more.
	 * @param change what changes
	 * @param status the new status, or {@code null}
	 * @param reason why the status changes, or {@code null}
	 * @param actor who changes it
	 * @param now when
	 * @return whether anything changed
	 */
	boolean change(Details change, DependencyStatus status, String reason, Actor actor, Instant now) {
		if (this.status == DependencyStatus.DELIVERED || this.status == DependencyStatus.CANCELLED) {
			throw new ConflictException("status",
					"dependency " + this.number + " is " + this.status + " and changes no more");
		}
		DependencyStatus previous = this.status;
		String title = (change.title() != null) ? RaidText.required("title", change.title()) : this.title;
		String description = (change.description() != null) ? RaidText.optional(change.description())
				: this.description;
		DependencyKind kind = (change.kind() != null) ? change.kind() : this.kind;
		String counterpart = (change.counterpart() != null) ? RaidText.required("counterpart", change.counterpart())
				: this.counterpart;
		Person owner = (change.owner() != null) ? change.owner() : this.owner;
		LocalDate needBy = (change.needBy() != null) ? change.needBy() : this.needBy;
		DependencyStatus to = (status != null) ? status : this.status;
		if (to != previous && RaidText.optional(reason) == null) {
			throw new RuleViolationException("reason", "a change of status needs a reason");
		}
		if (title.equals(this.title) && Objects.equals(description, this.description) && kind == this.kind
				&& counterpart.equals(this.counterpart) && Objects.equals(owner, this.owner)
				&& needBy.equals(this.needBy) && to == previous) {
			return false;
		}
		this.title = title;
		this.description = description;
		this.kind = kind;
		this.counterpart = counterpart;
		this.owner = owner;
		this.needBy = needBy;
		this.status = to;
		this.reason = (to != previous) ? RaidText.optional(reason) : this.reason;
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
		changed("title", title);
		changed("description", description);
		changed("kind", kind);
		changed("counterpart", counterpart);
		changed("owner", owner);
		changed("needBy", needBy);
		changed("status", to);
		changed("reason", this.reason);
		changed("revision", this.revision);
		changed("updatedAt", now);
		changed("updatedBy", actor);
		publish(previous, actor, now);
		return true;
	}

	private void publish(DependencyStatus previous, Actor actor, Instant now) {
		registerEvent(new DependencyChanged(this.projectId, this.id, this.number, this.title, this.description,
				this.kind, this.counterpart, this.owner, this.needBy, this.status, previous, this.reason, this.revision,
				now, actor), this.projectId, this.id, now);
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

	public DependencyKind kind() {
		return this.kind;
	}

	public String counterpart() {
		return this.counterpart;
	}

	public LocalDate needBy() {
		return this.needBy;
	}

	public DependencyStatus status() {
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
	 * What a dependency is; for a change, {@code null} fields stay as they are.
	 *
	 * @param title what is needed
	 * @param description more of it
	 * @param kind whom it is needed from
	 * @param counterpart who that is
	 * @param owner who follows it up
	 * @param needBy by when it is needed
	 */
	public record Details(String title, String description, DependencyKind kind, String counterpart, Person owner,
			LocalDate needBy) {
	}

}
