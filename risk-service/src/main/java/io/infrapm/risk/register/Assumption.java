package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.AssumptionChanged;
import io.infrapm.contracts.risk.AssumptionStatus;
import io.infrapm.platform.problem.ConflictException;

import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An assumption of a project's register (the A of RAID): what the plan takes for true
 * without proof, who checks it and by when. Its own document, numbered {@code A-n}; once
 * validated or invalidated it changes no more.
 */
@Document("assumptions")
public class Assumption extends RegisterEntry {

	private LocalDate validateBy;

	private AssumptionStatus status;

	Assumption() {
		// for the mapping layer
	}

	static Assumption record(UUID id, UUID projectId, String number, Details details, Actor actor, Instant now) {
		Assumption assumption = new Assumption();
		assumption.recorded(id, projectId, number, details.title(), details.description(), details.owner(), actor, now);
		assumption.validateBy = details.validateBy();
		assumption.status = AssumptionStatus.OPEN;
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
					"assumption " + number() + " is " + this.status + " and changes no more");
		}
		AssumptionStatus previous = this.status;
		String title = titleAfter(change.title());
		String description = descriptionAfter(change.description());
		Person owner = ownerAfter(change.owner());
		LocalDate validateBy = (change.validateBy() != null) ? change.validateBy() : this.validateBy;
		AssumptionStatus to = (status != null) ? status : previous;
		requireReason(to != previous, reason);
		if (title.equals(title()) && Objects.equals(description, description()) && Objects.equals(owner, owner())
				&& Objects.equals(validateBy, this.validateBy) && to == previous) {
			return false;
		}
		this.validateBy = validateBy;
		this.status = to;
		changed("validateBy", validateBy);
		changed("status", to);
		changed(title, description, owner, to != previous, reason, actor, now);
		publish(previous, actor, now);
		return true;
	}

	private void publish(AssumptionStatus previous, Actor actor, Instant now) {
		registerEvent(new AssumptionChanged(projectId(), id(), number(), title(), description(), owner(),
				this.validateBy, this.status, previous, reason(), revision(), now, actor), projectId(), id(), now);
	}

	public LocalDate validateBy() {
		return this.validateBy;
	}

	public AssumptionStatus status() {
		return this.status;
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
