package io.infrapm.project.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.project.ScheduleConflictKind;

/**
 * Everything the health rules judge a project by, as of one day: its own facts, as
 * project-service holds them, and the signals from risk and budget events.
 *
 * @param today the day of the assessment
 * @param milestones the open milestones
 * @param lateDeliverables the vendor deliverables reported late
 * @param conflicts the open schedule conflicts
 * @param openChangeRequests the change requests waiting for a decision
 * @param signals the signals from risk and budget events
 */
public record HealthFacts(LocalDate today, List<OpenMilestone> milestones, List<LateDeliverable> lateDeliverables,
		List<Conflict> conflicts, List<WaitingChange> openChangeRequests, ProjectSignals signals) {

	public HealthFacts {
		milestones = List.copyOf(milestones);
		lateDeliverables = List.copyOf(lateDeliverables);
		conflicts = List.copyOf(conflicts);
		openChangeRequests = List.copyOf(openChangeRequests);
	}

	/**
	 * An open milestone.
	 *
	 * @param name its name
	 * @param critical whether it is on the critical path
	 * @param dueDate when it is due
	 * @param missed whether its due date passed (as the date watch reported)
	 * @param slipDays how many days it moved past its first due date (0 if not)
	 */
	public record OpenMilestone(String name, boolean critical, LocalDate dueDate, boolean missed, long slipDays) {
	}

	/**
	 * A vendor deliverable reported late.
	 *
	 * @param vendor the vendor's name
	 * @param name the deliverable's name
	 * @param dueDate when it was due
	 */
	public record LateDeliverable(String vendor, String name, LocalDate dueDate) {
	}

	/**
	 * An open schedule conflict.
	 *
	 * @param milestone the milestone's name
	 * @param kind what kind
	 * @param detail what it is, in a sentence
	 */
	public record Conflict(String milestone, ScheduleConflictKind kind, String detail) {
	}

	/**
	 * A change request waiting for a decision.
	 *
	 * @param number its number
	 * @param title what it asks for
	 * @param submittedAt when it was submitted
	 */
	public record WaitingChange(String number, String title, Instant submittedAt) {
	}

}
