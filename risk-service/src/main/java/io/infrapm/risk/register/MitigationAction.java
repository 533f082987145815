package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.ActionStatus;

/**
 * One action of a risk's response: what is done, by whom, by when.
 *
 * @param id its id
 * @param title what is done
 * @param owner who does it, or {@code null}
 * @param dueDate by when
 * @param status where it stands
 * @param plannedAt when it was planned
 * @param plannedBy who planned it
 * @param updatedAt when it last changed
 * @param updatedBy who changed it
 * @param overdueReportedFor the due date whose passing was reported, or {@code null}
 */
public record MitigationAction(UUID id, String title, Person owner, LocalDate dueDate, ActionStatus status,
		Instant plannedAt, Actor plannedBy, Instant updatedAt, Actor updatedBy, LocalDate overdueReportedFor) {

	/**
	 * Whether the action is still to be done and its due date passed unreported.
	 * @param today the day
	 * @return {@code true} if it is to be reported overdue now
	 */
	boolean overdueUnreported(LocalDate today) {
		return this.status.pending() && this.dueDate.isBefore(today) && !this.dueDate.equals(this.overdueReportedFor);
	}

	MitigationAction reportedOverdue() {
		return new MitigationAction(this.id, this.title, this.owner, this.dueDate, this.status, this.plannedAt,
				this.plannedBy, this.updatedAt, this.updatedBy, this.dueDate);
	}

	/**
	 * A change of an action; {@code null} fields stay as they are.
	 *
	 * @param title what is done
	 * @param owner who does it
	 * @param dueDate by when
	 * @param status where it stands
	 */
	public record Change(String title, Person owner, LocalDate dueDate, ActionStatus status) {
	}

}
