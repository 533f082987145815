package io.infrapm.project.portfolio.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.ScheduleConflictKind;
import io.infrapm.project.portfolio.Milestone;
import io.infrapm.project.portfolio.MilestoneStatus;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.ScheduleConflict;

/**
 * A milestone as the API shows it, with its reschedule history and open conflicts:
 * {@code missed} once the date watch reported its current due date missed (until it is
 * completed, waived or moved), {@code dueAlertsSent} the alert horizons (days before the
 * due date) already reported for the current due date.
 */
record MilestoneView(UUID id, String name, String description, LocalDate dueDate, Person owner, boolean critical,
		boolean cutover, List<UUID> dependsOn, MilestoneStatus status, LocalDate completedOn, String waiverReason,
		boolean missed, List<Integer> dueAlertsSent, List<RescheduleView> reschedules, List<ConflictView> conflicts,
		int revision, Instant plannedAt, Person plannedBy, Instant updatedAt, Person updatedBy) {

	static MilestoneView of(Milestone m) {
		return new MilestoneView(m.id(), m.name(), m.description(), m.dueDate(), m.owner(), m.critical(), m.cutover(),
				m.dependsOn(), m.status(), m.completedOn(), m.waiverReason(), m.reportedMissed(), m.alertsReported(),
				m.reschedules()
					.stream()
					.map((r) -> new RescheduleView(r.previousDueDate(), r.dueDate(), r.reason(), r.at(),
							ProjectView.author(r.by())))
					.toList(),
				ConflictView.of(m.conflicts()), m.revision(), m.plannedAt(), ProjectView.author(m.plannedBy()),
				m.updatedAt(), ProjectView.author(m.updatedBy()));
	}

	/** One move of the due date. */
	record RescheduleView(LocalDate previousDueDate, LocalDate dueDate, String reason, Instant at, Person by) {
	}

	/** A conflict of the milestone's date with the schedule. */
	record ConflictView(ScheduleConflictKind kind, UUID withMilestoneId, UUID windowId, String detail, Instant since) {

		static List<ConflictView> of(List<ScheduleConflict> conflicts) {
			return conflicts.stream()
				.map((c) -> new ConflictView(c.kind(), c.withMilestoneId(), c.windowId(), c.detail(), c.since()))
				.toList();
		}

	}

}
