package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.DependencyChanged;
import io.infrapm.contracts.risk.DependencyKind;
import io.infrapm.contracts.risk.DependencyOverdue;
import io.infrapm.contracts.risk.DependencyStatus;
import io.infrapm.platform.problem.ConflictException;

import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A dependency of a project's register (the D of RAID): something the project needs from
 * another team, a vendor or someone outside, by a date. Its own document, numbered
 * {@code D-n}; once delivered or cancelled it changes no more.
 */
@Document("dependencies")
public class Dependency extends RegisterEntry {

	private DependencyKind kind;

	private String counterpart;

	private LocalDate needBy;

	private DependencyStatus status;

	/** The need-by date whose passing was reported, or {@code null}. */
	private LocalDate overdueReportedFor;

	Dependency() {
		// for the mapping layer
	}

	static Dependency record(UUID id, UUID projectId, String number, Details details, Actor actor, Instant now) {
		Dependency dependency = new Dependency();
		dependency.recorded(id, projectId, number, details.title(), details.description(), details.owner(), actor, now);
		dependency.kind = Objects.requireNonNull(details.kind(), "kind");
		dependency.counterpart = RaidText.required("counterpart", details.counterpart());
		dependency.needBy = Objects.requireNonNull(details.needBy(), "needBy");
		dependency.status = DependencyStatus.OPEN;
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
					"dependency " + number() + " is " + this.status + " and changes no more");
		}
		DependencyStatus previous = this.status;
		String title = titleAfter(change.title());
		String description = descriptionAfter(change.description());
		Person owner = ownerAfter(change.owner());
		DependencyKind kind = (change.kind() != null) ? change.kind() : this.kind;
		String counterpart = (change.counterpart() != null) ? RaidText.required("counterpart", change.counterpart())
				: this.counterpart;
		LocalDate needBy = (change.needBy() != null) ? change.needBy() : this.needBy;
		DependencyStatus to = (status != null) ? status : previous;
		requireReason(to != previous, reason);
		if (title.equals(title()) && Objects.equals(description, description()) && Objects.equals(owner, owner())
				&& kind == this.kind && counterpart.equals(this.counterpart) && needBy.equals(this.needBy)
				&& to == previous) {
			return false;
		}
		this.kind = kind;
		this.counterpart = counterpart;
		this.needBy = needBy;
		this.status = to;
		changed("kind", kind);
		changed("counterpart", counterpart);
		changed("needBy", needBy);
		changed("status", to);
		changed(title, description, owner, to != previous, reason, actor, now);
		publish(previous, actor, now);
		return true;
	}

	/**
	 * Whether the dependency is still awaited.
	 * @return whether it is {@code OPEN} or {@code AT_RISK}
	 */
	public boolean awaited() {
		return this.status == DependencyStatus.OPEN || this.status == DependencyStatus.AT_RISK;
	}

	/**
	 * Reports a need-by date that passed while the dependency is still awaited, once per
	 * date: a later need-by date is reported again when it passes. The report changes no
	 * revision; it is written under the document's version with its event.
	 * @param today the day, in the watch's time zone
	 * @param now when
	 * @return whether it was reported now
	 */
	boolean reportOverdue(LocalDate today, Instant now) {
		if (!awaited() || !this.needBy.isBefore(today) || this.needBy.equals(this.overdueReportedFor)) {
			return false;
		}
		this.overdueReportedFor = this.needBy;
		changed("overdueReportedFor", this.needBy);
		registerEvent(
				new DependencyOverdue(projectId(), id(), number(), title(), this.kind, this.counterpart, owner(),
						this.status, this.needBy, (int) ChronoUnit.DAYS.between(this.needBy, today), today, now),
				projectId(), id(), now);
		return true;
	}

	private void publish(DependencyStatus previous, Actor actor, Instant now) {
		registerEvent(
				new DependencyChanged(projectId(), id(), number(), title(), description(), this.kind, this.counterpart,
						owner(), this.needBy, this.status, previous, reason(), revision(), now, actor),
				projectId(), id(), now);
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

	/**
	 * The need-by date whose passing was reported.
	 * @return it, or {@code null} if none was
	 */
	public LocalDate overdueReportedFor() {
		return this.overdueReportedFor;
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
