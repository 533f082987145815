package io.infrapm.project.portfolio;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.web.ETags;

import org.springframework.stereotype.Service;

/**
 * The use cases of a project's schedule: planning milestones with their dependencies,
 * moving, completing and waiving them, and reading the plan. Members read it; the
 * project's manager plans and changes it; a milestone's owner may also record that it was
 * reached. Each command is one write of the project, with its events.
 * <p>
 * A milestone's revision is its ETag: {@code If-Match} names the revision of the
 * milestone being changed, so changes to different milestones never refuse each other.
 */
@Service
public class ProjectSchedule {

	private final ProjectWrites writes;

	ProjectSchedule(ProjectWrites writes) {
		this.writes = writes;
	}

	/**
	 * Plans a milestone, once per idempotency key and project.
	 * @param projectId the project
	 * @param command the milestone
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the project's manager or a portfolio manager
	 * @return the milestone and whether an earlier request with the same key planned it
	 */
	public Planned plan(UUID projectId, NewMilestone command, String idempotencyKey, Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, command, caller);
		ProjectWrites.Changed<Planned> changed = this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			Optional<Milestone> earlier = ClientRequest.earlier(request, project.milestones(), Milestone::request,
					"milestone");
			if (earlier.isPresent()) {
				return new Planned(earlier.get(), true);
			}
			return new Planned(project.planMilestone(command, request, caller.actor(), now), false);
		});
		return changed.result();
	}

	/**
	 * One page of a project's milestones, by due date.
	 * @param projectId the project
	 * @param status only milestones in this status, or {@code null} for all
	 * @param caller a member
	 * @return the milestones, in order
	 */
	public List<Milestone> milestones(UUID projectId, MilestoneStatus status, Caller caller) {
		return this.writes.read(projectId, caller)
			.project()
			.milestones()
			.stream()
			.filter((m) -> status == null || m.status() == status)
			.sorted(Comparator.comparing(Milestone::dueDate).thenComparing(Milestone::name))
			.toList();
	}

	/**
	 * One milestone.
	 * @param projectId the project
	 * @param milestoneId the milestone
	 * @param caller a member
	 * @return the milestone
	 */
	public Milestone milestone(UUID projectId, UUID milestoneId, Caller caller) {
		return this.writes.read(projectId, caller).project().milestone(milestoneId);
	}

	/**
	 * The plan in order, with slack and critical path.
	 * @param projectId the project
	 * @param caller a member
	 * @return the project and its plan
	 */
	public Schedule schedule(UUID projectId, Caller caller) {
		Project project = this.writes.read(projectId, caller).project();
		return new Schedule(project,
				ScheduleAnalysis.of(project.milestones()).plan(project.plannedStart(), project.plannedFinish()));
	}

	/**
	 * Changes a milestone's attributes or dependencies.
	 * @param projectId the project
	 * @param milestoneId the milestone
	 * @param ifMatch the milestone's ETag as the client saw it (required)
	 * @param change the change
	 * @param caller the manager
	 * @return the milestone after the change
	 */
	public Milestone revise(UUID projectId, UUID milestoneId, String ifMatch, MilestoneChange change, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			ETags.requireCurrent(ifMatch, project.milestone(milestoneId).revision());
			return project.reviseMilestone(milestoneId, change, caller.actor(), now);
		}).result();
	}

	/**
	 * Moves a milestone's due date.
	 * @param projectId the project
	 * @param milestoneId the milestone
	 * @param ifMatch the milestone's ETag, or {@code null}
	 * @param dueDate the new due date
	 * @param reason why
	 * @param caller the manager
	 * @return the milestone after the move
	 */
	public Milestone reschedule(UUID projectId, UUID milestoneId, String ifMatch, LocalDate dueDate, String reason,
			Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			checkIfMatch(ifMatch, project.milestone(milestoneId));
			return project.rescheduleMilestone(milestoneId, dueDate, reason, caller.actor(), now);
		}).result();
	}

	/**
	 * Records that a milestone was reached.
	 * @param projectId the project
	 * @param milestoneId the milestone
	 * @param ifMatch the milestone's ETag, or {@code null}
	 * @param completedOn the date
	 * @param caller the manager or the milestone's owner
	 * @return the milestone after the change
	 */
	public Milestone complete(UUID projectId, UUID milestoneId, String ifMatch, LocalDate completedOn, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			Milestone milestone = project.milestone(milestoneId);
			requireManagerOrOwner(access, milestone, caller);
			checkIfMatch(ifMatch, milestone);
			return project.completeMilestone(milestoneId, completedOn, caller.actor(), now);
		}).result();
	}

	/**
	 * Waives a milestone.
	 * @param projectId the project
	 * @param milestoneId the milestone
	 * @param ifMatch the milestone's ETag, or {@code null}
	 * @param reason why
	 * @param caller the manager
	 * @return the milestone after the change
	 */
	public Milestone waive(UUID projectId, UUID milestoneId, String ifMatch, String reason, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			checkIfMatch(ifMatch, project.milestone(milestoneId));
			return project.waiveMilestone(milestoneId, reason, caller.actor(), now);
		}).result();
	}

	/**
	 * Reports how far the project has come, once per idempotency key.
	 * @param projectId the project
	 * @param submission the figures
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the manager
	 * @return the report and whether an earlier request with the key made it
	 */
	public Reported reportProgress(UUID projectId, ProgressReport.Submission submission, String idempotencyKey,
			Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, submission, caller);
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			Optional<ProgressReport> earlier = ClientRequest.earlier(request, project.progress(),
					ProgressReport::request, "progress report");
			if (earlier.isPresent()) {
				return new Reported(earlier.get(), true);
			}
			return new Reported(project.reportProgress(submission, request, caller.actor(), now), false);
		}).result();
	}

	/**
	 * The progress reports, latest figures first (by as-of date, then by when reported).
	 * @param projectId the project
	 * @param caller a member
	 * @return the reports
	 */
	public List<ProgressReport> progress(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller)
			.project()
			.progress()
			.stream()
			.sorted(Comparator.comparing(ProgressReport::asOf).thenComparing(ProgressReport::reportedAt).reversed())
			.toList();
	}

	private static void requireManagerOrOwner(ProjectAccess access, Milestone milestone, Caller caller) {
		boolean owner = milestone.owner() != null && caller.isAddressedBy(milestone.owner().email());
		if (!access.manage() && !owner) {
			throw new ForbiddenException(null,
					"only the project's manager or the milestone's owner records that it was reached");
		}
	}

	private static void checkIfMatch(String ifMatch, Milestone milestone) {
		if (ifMatch != null) {
			ETags.requireCurrent(ifMatch, milestone.revision());
		}
	}

	/**
	 * The outcome of reporting progress.
	 *
	 * @param report the report
	 * @param replayed {@code true} if an earlier request with the same key made it
	 */
	public record Reported(ProgressReport report, boolean replayed) {
	}

	/**
	 * The outcome of planning a milestone.
	 *
	 * @param milestone the milestone
	 * @param replayed {@code true} if an earlier request with the same key planned it
	 */
	public record Planned(Milestone milestone, boolean replayed) {
	}

	/**
	 * A project's plan.
	 *
	 * @param project the project
	 * @param plan the milestones in order, with slack and critical path
	 */
	public record Schedule(Project project, ScheduleAnalysis.Plan plan) {
	}

}
