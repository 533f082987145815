package io.infrapm.risk.register;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;

/**
 * What assumptions and dependencies of a register have in common: their own document,
 * numbered per project, a title, a description and an owner, a revision, who recorded it
 * and who changed it last.
 */
abstract class RegisterEntry extends AggregateRoot {

	@Id
	private UUID id;

	@Indexed
	private UUID projectId;

	private String number;

	private String title;

	private String description;

	private Person owner;

	private String reason;

	private long revision;

	private Instant recordedAt;

	private Actor recordedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	void recorded(UUID id, UUID projectId, String number, String title, String description, Person owner, Actor actor,
			Instant now) {
		this.id = id;
		this.projectId = projectId;
		this.number = number;
		this.title = RaidText.required("title", title);
		this.description = RaidText.optional(description);
		this.owner = owner;
		this.revision = 1;
		this.recordedAt = now;
		this.recordedBy = actor;
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	/**
	 * The title a change leaves.
	 * @param title the new title, or {@code null}
	 * @return it, stripped, or the title as it is
	 */
	String titleAfter(String title) {
		return (title != null) ? RaidText.required("title", title) : this.title;
	}

	String descriptionAfter(String description) {
		return (description != null) ? RaidText.optional(description) : this.description;
	}

	Person ownerAfter(Person owner) {
		return (owner != null) ? owner : this.owner;
	}

	/**
	 * Requires a reason for a change of status.
	 * @param statusChanges whether the status changes
	 * @param reason the reason given, or {@code null}
	 */
	static void requireReason(boolean statusChanges, String reason) {
		if (statusChanges && RaidText.optional(reason) == null) {
			throw new io.infrapm.platform.problem.RuleViolationException("reason", "a change of status needs a reason");
		}
	}

	/** Takes in the common part of a change, one revision more. */
	void changed(String title, String description, Person owner, boolean statusChanged, String reason, Actor actor,
			Instant now) {
		this.title = title;
		this.description = description;
		this.owner = owner;
		if (statusChanged) {
			this.reason = RaidText.optional(reason);
		}
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
		changed("title", title);
		changed("description", description);
		changed("owner", owner);
		changed("reason", this.reason);
		changed("revision", this.revision);
		changed("updatedAt", now);
		changed("updatedBy", actor);
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

}
