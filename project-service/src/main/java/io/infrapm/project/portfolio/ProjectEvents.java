package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ChangeRequestDecided;
import io.infrapm.contracts.project.ChangeRequestSubmitted;
import io.infrapm.contracts.project.HandoverAccepted;
import io.infrapm.contracts.project.HandoverItem;
import io.infrapm.contracts.project.HandoverProposed;
import io.infrapm.contracts.project.LessonLearnedRecorded;
import io.infrapm.contracts.project.MilestoneCompleted;
import io.infrapm.contracts.project.ChangeFreezeDeclared;
import io.infrapm.contracts.project.ChangeWindowCancelled;
import io.infrapm.contracts.project.ChangeWindowKind;
import io.infrapm.contracts.project.MaintenanceWindowScheduled;
import io.infrapm.contracts.project.IterationCompleted;
import io.infrapm.contracts.project.IterationPlanned;
import io.infrapm.contracts.project.OutageRecorded;
import io.infrapm.contracts.project.OutageUpdated;
import io.infrapm.contracts.project.ServicesChanged;
import io.infrapm.contracts.project.AllocationPeriod;
import io.infrapm.contracts.project.ResourceAllocation;
import io.infrapm.contracts.project.ResourceOverAllocated;
import io.infrapm.contracts.project.ResourcePlanChanged;
import io.infrapm.contracts.project.VendorAdded;
import io.infrapm.contracts.project.VendorDeliverableLate;
import io.infrapm.contracts.project.VendorDeliverablePlanned;
import io.infrapm.contracts.project.VendorDeliverableReviewed;
import io.infrapm.contracts.project.VendorUpdated;
import io.infrapm.contracts.project.MilestoneDueSoon;
import io.infrapm.contracts.project.MilestoneMissed;
import io.infrapm.contracts.project.MilestoneProgress;
import io.infrapm.contracts.project.MilestonePlanned;
import io.infrapm.contracts.project.MilestoneRescheduled;
import io.infrapm.contracts.project.MilestoneUpdated;
import io.infrapm.contracts.project.MilestoneWaived;
import io.infrapm.contracts.project.PhaseGateDecided;
import io.infrapm.contracts.project.ProjectCancelled;
import io.infrapm.contracts.project.ProgressReported;
import io.infrapm.contracts.project.ProjectClosed;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectPhaseChanged;
import io.infrapm.contracts.project.ProjectStatusChanged;
import io.infrapm.contracts.project.ScheduleConflictDetected;
import io.infrapm.contracts.project.ScheduleConflictResolved;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.StakeholderAdded;
import io.infrapm.contracts.project.StakeholderRemoved;
import io.infrapm.contracts.project.StakeholderRoleChanged;
import io.infrapm.contracts.project.StakeholderUpdated;

/**
 * Maps what happened to a project onto the public contract records of
 * {@code infrapm.project.v1}, which the project registers.
 */
final class ProjectEvents {

	private ProjectEvents() {
	}

	/**
	 * The project was created.
	 * @param project the new project
	 * @return the event
	 */
	static ProjectCreated created(Project project) {
		ProjectCreated event = new ProjectCreated(project.id(), project.code(), project.name(), project.category(),
				project.methodology(), project.phase(), person(project.manager()), person(project.sponsor()),
				project.plannedStart(), project.plannedFinish(), project.budget().amount(), project.budget().currency(),
				project.stakeholders()
					.stream()
					.map((s) -> new io.infrapm.contracts.project.Stakeholder(s.id(), s.name(), s.email(), s.role(),
							s.organisation(), s.receivesReports()))
					.toList(),
				project.createdAt(), project.createdBy(), project.description());
		return event;
	}

	/**
	 * The project's attributes were revised; called before the save that increments its
	 * version.
	 * @param project the revised project
	 * @return the event
	 */
	static ProjectUpdated updated(Project project) {
		ProjectUpdated event = new ProjectUpdated(project.id(), project.code(), project.name(), project.category(),
				project.methodology(), person(project.manager()), person(project.sponsor()), project.plannedStart(),
				project.plannedFinish(), project.version() + 1, project.updatedAt(), project.updatedBy(),
				project.description());
		return event;
	}

	static StakeholderAdded stakeholderAdded(Project project, Stakeholder added) {
		return new StakeholderAdded(project.id(), added.id(), added.name(), added.email(), added.role(),
				project.updatedAt(), project.updatedBy(), added.organisation(), added.receivesReports());
	}

	static StakeholderUpdated stakeholderUpdated(Project project, Stakeholder after) {
		return new StakeholderUpdated(project.id(), after.id(), after.email(), after.name(), after.organisation(),
				after.receivesReports(), project.updatedAt(), project.updatedBy());
	}

	static StakeholderRoleChanged stakeholderRoleChanged(Project project, Stakeholder before, Stakeholder after) {
		return new StakeholderRoleChanged(project.id(), after.id(), after.email(), before.role(), after.role(),
				project.updatedAt(), project.updatedBy());
	}

	static StakeholderRemoved stakeholderRemoved(Project project, Stakeholder removed) {
		return new StakeholderRemoved(project.id(), removed.id(), removed.email(), removed.role(), project.updatedAt(),
				project.updatedBy());
	}

	static MilestonePlanned milestonePlanned(Project project, Milestone m) {
		return new MilestonePlanned(project.id(), m.id(), m.name(), m.dueDate(), person(m.owner()), m.critical(),
				m.cutover(), m.dependsOn(), m.revision(), m.plannedAt(), m.plannedBy());
	}

	static MilestoneUpdated milestoneUpdated(Project project, Milestone m) {
		return new MilestoneUpdated(project.id(), m.id(), m.name(), m.dueDate(), person(m.owner()), m.critical(),
				m.cutover(), m.dependsOn(), m.revision(), m.updatedAt(), m.updatedBy());
	}

	static MilestoneRescheduled milestoneRescheduled(Project project, Milestone m, LocalDate previous, String reason) {
		return new MilestoneRescheduled(project.id(), m.id(), m.name(), previous, m.dueDate(), reason, m.critical(),
				m.revision(), m.updatedAt(), m.updatedBy());
	}

	static MilestoneCompleted milestoneCompleted(Project project, Milestone m) {
		return new MilestoneCompleted(project.id(), m.id(), m.name(), m.dueDate(), m.completedOn(), m.critical(),
				m.revision(), m.updatedAt(), m.updatedBy());
	}

	static MilestoneWaived milestoneWaived(Project project, Milestone m) {
		return new MilestoneWaived(project.id(), m.id(), m.name(), m.dueDate(), m.waiverReason(), m.critical(),
				m.revision(), m.updatedAt(), m.updatedBy());
	}

	static MilestoneMissed milestoneMissed(Project project, DueDates.Finding finding, LocalDate today, Instant now,
			Actor actor) {
		Milestone m = finding.milestone();
		return new MilestoneMissed(project.id(), m.id(), m.name(), m.dueDate(), m.critical(), m.cutover(),
				person(m.owner()), finding.days(), today, now, actor);
	}

	static MilestoneDueSoon milestoneDueSoon(Project project, DueDates.Finding finding, Instant now, Actor actor) {
		Milestone m = finding.milestone();
		return new MilestoneDueSoon(project.id(), m.id(), m.name(), m.dueDate(), finding.alertDays(), finding.days(),
				m.critical(), m.cutover(), person(m.owner()), now, actor);
	}

	static VendorAdded vendorAdded(Project project, Vendor v) {
		return new VendorAdded(project.id(), v.id(), v.name(), person(v.contact()), v.contractReference(),
				v.serviceLevels(), v.revision(), v.addedAt(), v.addedBy());
	}

	static VendorUpdated vendorUpdated(Project project, Vendor v) {
		return new VendorUpdated(project.id(), v.id(), v.name(), person(v.contact()), v.contractReference(),
				v.serviceLevels(), v.revision(), v.updatedAt(), v.updatedBy());
	}

	static VendorDeliverablePlanned deliverablePlanned(Project project, Vendor v, Deliverable d,
			LocalDate previousDueDate) {
		return new VendorDeliverablePlanned(project.id(), v.id(), v.name(), d.id(), d.name(), d.dueDate(),
				previousDueDate, v.revision(), v.updatedAt(), v.updatedBy());
	}

	static VendorDeliverableReviewed deliverableReviewed(Project project, Vendor v, Deliverable d) {
		Deliverable.Review review = d.reviews().get(d.reviews().size() - 1);
		return new VendorDeliverableReviewed(project.id(), v.id(), v.name(), d.id(), d.name(), d.dueDate(),
				review.deliveredOn(), review.accepted(), review.deliveredOn().isAfter(d.dueDate()), review.notes(),
				v.revision(), review.at(), review.by());
	}

	static VendorDeliverableLate deliverableLate(Project project, Vendor v, Deliverable d, int daysLate,
			LocalDate today, Instant now, Actor actor) {
		return new VendorDeliverableLate(project.id(), v.id(), v.name(), person(v.contact()), d.id(), d.name(),
				d.dueDate(), daysLate, today, now, actor);
	}

	static ResourcePlanChanged resourcePlanChanged(Project project, ResourcePlan plan) {
		return new ResourcePlanChanged(project.id(), plan.allocations()
			.stream()
			.map((a) -> new ResourceAllocation(a.id(), a.role(), person(a.person()), a.from(), a.to(), a.percent()))
			.toList(), plan.revision(), plan.updatedAt(), plan.updatedBy());
	}

	static ResourceOverAllocated overAllocated(Project project, Person who, Workload.Overload overload, Actor actor,
			Instant now) {
		return new ResourceOverAllocated(project.id(), who.email(), who.name(),
				overload.periods().stream().map((p) -> new AllocationPeriod(p.start(), p.end(), p.percent())).toList(),
				overload.projects(), now, actor);
	}

	static ServicesChanged servicesChanged(Project project, ServiceCatalogue catalogue) {
		return new ServicesChanged(project.id(), catalogue.services(), catalogue.revision(), catalogue.updatedAt(),
				catalogue.updatedBy());
	}

	static OutageRecorded outageRecorded(Project project, Outage o) {
		return new OutageRecorded(project.id(), o.id(), o.service(), o.planned(), o.impact(), o.start(), o.end(),
				o.respondedAt(), o.cause(), o.changeRequestId(), o.milestoneId(), o.revision(), o.recordedAt(),
				o.recordedBy());
	}

	static OutageUpdated outageUpdated(Project project, Outage o) {
		return new OutageUpdated(project.id(), o.id(), o.service(), o.planned(), o.impact(), o.start(), o.end(),
				o.respondedAt(), o.cause(), o.changeRequestId(), o.milestoneId(), o.revision(), o.updatedAt(),
				o.updatedBy());
	}

	static IterationPlanned iterationPlanned(Project project, Iteration i, Actor actor, Instant now) {
		return new IterationPlanned(project.id(), i.id(), i.number(), i.name(), i.start(), i.end(), i.goal(),
				i.committedPoints(), i.revision(), now, actor);
	}

	static IterationCompleted iterationCompleted(Project project, Iteration i) {
		return new IterationCompleted(project.id(), i.id(), i.number(), i.name(), i.start(), i.end(), i.outcome(),
				i.committedPoints(), i.completedPoints(), i.completedItems(), i.revision(), i.completedAt(),
				i.completedBy());
	}

	static ScheduleConflictDetected conflictDetected(Project project, Milestone m, ScheduleConflict conflict,
			Actor actor) {
		return new ScheduleConflictDetected(project.id(), m.id(), m.name(), m.dueDate(), conflict.kind(),
				conflict.withMilestoneId(), conflict.detail(), conflict.since(), actor, conflict.windowId());
	}

	static ScheduleConflictResolved conflictResolved(Project project, Milestone m, ScheduleConflict conflict,
			Actor actor, Instant now) {
		return new ScheduleConflictResolved(project.id(), m.id(), m.name(), conflict.kind(), conflict.withMilestoneId(),
				now, actor, conflict.windowId());
	}

	/**
	 * A window was put on the calendar.
	 * @param w the window
	 * @return {@code MaintenanceWindowScheduled} or {@code ChangeFreezeDeclared}
	 */
	static Record windowScheduled(ChangeWindow w) {
		if (w.kind() == ChangeWindowKind.MAINTENANCE_WINDOW) {
			return new MaintenanceWindowScheduled(w.id(), w.projectId(), w.name(), w.reason(), w.startInstant(),
					w.endInstant(), w.timeZone(), w.repeatsWeeklyUntil(), w.scheduledAt(), w.scheduledBy());
		}
		return new ChangeFreezeDeclared(w.id(), w.projectId(), w.name(), w.reason(), w.startInstant(), w.endInstant(),
				w.timeZone(), w.repeatsWeeklyUntil(), w.scheduledAt(), w.scheduledBy());
	}

	static ChangeWindowCancelled windowCancelled(ChangeWindow w) {
		return new ChangeWindowCancelled(w.id(), w.projectId(), w.kind(), w.name(), w.cancelReason(), w.cancelledAt(),
				w.cancelledBy());
	}

	static PhaseGateDecided gateDecided(Project project, GateRecord gate) {
		return new PhaseGateDecided(project.id(), gate.id(), gate.fromPhase(), gate.toPhase(), gate.decision(),
				gate.notes(), gate.conditions(), gate.decidedAt(), gate.approver());
	}

	static ProjectPhaseChanged phaseChanged(Project project, GateRecord gate) {
		return new ProjectPhaseChanged(project.id(), gate.fromPhase(), gate.toPhase(), gate.id(), gate.decidedAt(),
				gate.approver());
	}

	static ProjectStatusChanged statusChanged(Project project, StatusChange change) {
		return new ProjectStatusChanged(project.id(), change.from(), change.to(), change.reason(), change.at(),
				change.by());
	}

	static ProjectCancelled cancelled(Project project, StatusChange change) {
		return new ProjectCancelled(project.id(), project.phase(), change.reason(), change.at(), change.by());
	}

	static ProjectClosed closed(Project project, GateRecord gate) {
		return new ProjectClosed(project.id(), gate.id(), gate.decidedAt(), gate.approver());
	}

	static LessonLearnedRecorded lessonRecorded(Project project, Lesson lesson) {
		return new LessonLearnedRecorded(project.id(), lesson.id(), lesson.title(), lesson.description(),
				lesson.recommendation(), lesson.recordedAt(), lesson.recordedBy());
	}

	static HandoverProposed handoverProposed(Project project, Handover handover) {
		return new HandoverProposed(project.id(), handover.receivingTeam(), handover.supportModel(),
				handover.goLiveDate(), handover.runbookUrl(), items(handover), handover.revision(),
				handover.proposedAt(), handover.proposedBy());
	}

	static HandoverAccepted handoverAccepted(Project project, Handover handover) {
		return new HandoverAccepted(project.id(), handover.receivingTeam(), handover.supportModel(),
				handover.goLiveDate(), handover.runbookUrl(), items(handover), handover.revision(),
				handover.acceptanceNotes(), handover.acceptedAt(), handover.acceptedBy());
	}

	static ChangeRequestSubmitted changeRequestSubmitted(Project project, ChangeRequest c) {
		return new ChangeRequestSubmitted(project.id(), c.id(), c.number(), c.title(), c.category(), c.justification(),
				c.costImpact(), project.budget().currency(), c.scheduleImpactDays(), c.affectedMilestones(),
				c.impactIfNotApproved(), c.submittedAt(), c.submittedBy());
	}

	static ChangeRequestDecided changeRequestDecided(Project project, ChangeRequest c) {
		return new ChangeRequestDecided(project.id(), c.id(), c.number(), c.title(), c.category(), c.status(),
				c.decisionReason(), c.costImpact(), project.budget().currency(), c.scheduleImpactDays(),
				c.affectedMilestones(), c.decidedAt(), c.decidedBy());
	}

	static ProgressReported progressReported(Project project, ProgressReport report) {
		return new ProgressReported(project.id(), report.id(), report.asOf(), report.percentComplete(),
				report.milestones()
					.stream()
					.map((m) -> new MilestoneProgress(m.milestoneId(), m.percentComplete()))
					.toList(),
				report.notes(), report.reportedAt(), report.reportedBy());
	}

	private static List<HandoverItem> items(Handover handover) {
		return handover.openItems()
			.stream()
			.map((item) -> new HandoverItem(item.description(), person(item.owner()), item.dueDate()))
			.toList();
	}

	private static io.infrapm.contracts.project.Person person(Person person) {
		return (person != null) ? new io.infrapm.contracts.project.Person(person.name(), person.email()) : null;
	}

}
