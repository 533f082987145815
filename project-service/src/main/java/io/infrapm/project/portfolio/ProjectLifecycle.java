package io.infrapm.project.portfolio;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;

import org.springframework.stereotype.Service;

/**
 * A project's way through its life: gate decisions that move it from phase to phase,
 * taken by its sponsor, a steering-committee member or a portfolio manager; and its
 * status, put on hold and resumed by its manager, cancelled by those who decide.
 */
@Service
public class ProjectLifecycle {

	private final ProjectWrites writes;

	ProjectLifecycle(ProjectWrites writes) {
		this.writes = writes;
	}

	/**
	 * Records a gate decision, once per idempotency key and project.
	 * @param projectId the project
	 * @param command the decision
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the approver: the sponsor, a steering-committee member or a portfolio
	 * manager
	 * @return the decision, whether an earlier request with the same key recorded it, and
	 * the project after it
	 */
	public Decided decideGate(UUID projectId, GateCommand command, String idempotencyKey, Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, command, caller);
		ProjectWrites.Changed<Decided> changed = this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireDecide();
			Optional<GateRecord> earlier = ClientRequest.earlier(request, project.gates(), GateRecord::request,
					"gate decision");
			if (earlier.isPresent()) {
				return new Decided(earlier.get(), true, project);
			}
			GateRecord gate = project.decideGate(command.toPhase(), command.decision(), command.notes(),
					command.conditions(), request, caller.actor(), now);
			return new Decided(gate, false, project);
		});
		return new Decided(changed.result().gate(), changed.result().replayed(), changed.project());
	}

	/**
	 * The project's gate decisions, oldest first.
	 * @param projectId the project
	 * @param caller a member
	 * @return the gate history
	 */
	public List<GateRecord> gates(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller).project().gates();
	}

	/**
	 * One gate decision.
	 * @param projectId the project
	 * @param gateId the decision
	 * @param caller a member
	 * @return the decision
	 */
	public GateRecord gate(UUID projectId, UUID gateId, Caller caller) {
		return gates(projectId, caller).stream()
			.filter((gate) -> gate.id().equals(gateId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(null, "project " + projectId + " has no gate decision " + gateId));
	}

	/**
	 * Puts a project on hold, resumes or cancels it. Asking for the status it has changes
	 * nothing.
	 * @param projectId the project
	 * @param ifMatch the project's ETag, or {@code null}
	 * @param to the new status
	 * @param reason why
	 * @param caller its manager (hold, resume) or one who decides (cancel)
	 * @return the change (or {@code null} if there was none) and the project after it
	 */
	public StatusChanged changeStatus(UUID projectId, String ifMatch, ProjectStatus to, String reason, Caller caller) {
		ProjectWrites.Changed<StatusChange> changed = this.writes.change(projectId, caller, ifMatch == null,
				(project, access, now) -> {
					if (to == ProjectStatus.CANCELLED) {
						access.requireDecide();
					}
					else {
						access.requireManage();
					}
					if (ifMatch != null) {
						ETags.requireCurrent(ifMatch, project.version());
					}
					return project.changeStatus(to, reason, caller.actor(), now);
				});
		return new StatusChanged(changed.result(), changed.project());
	}

	/**
	 * The project's status changes, oldest first.
	 * @param projectId the project
	 * @param caller a member
	 * @return the history
	 */
	public List<StatusChange> statusHistory(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller).project().statusHistory();
	}

	/**
	 * Records a lesson learned.
	 * @param projectId the project
	 * @param title the lesson in a line
	 * @param description what happened and what was learned
	 * @param recommendation what to do next time, or {@code null}
	 * @param caller the manager
	 * @return the lesson
	 */
	public Lesson recordLesson(UUID projectId, String title, String description, String recommendation, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			return project.recordLesson(title, description, recommendation, caller.actor(), now);
		}).result();
	}

	/**
	 * The project's lessons learned, oldest first.
	 * @param projectId the project
	 * @param caller a member
	 * @return the lessons
	 */
	public List<Lesson> lessons(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller).project().lessons();
	}

	/**
	 * One lesson learned.
	 * @param projectId the project
	 * @param lessonId the lesson
	 * @param caller a member
	 * @return the lesson
	 */
	public Lesson lesson(UUID projectId, UUID lessonId, Caller caller) {
		return lessons(projectId, caller).stream()
			.filter((lesson) -> lesson.id().equals(lessonId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(null, "project " + projectId + " has no lesson " + lessonId));
	}

	/**
	 * Proposes or revises the hand-over to operations.
	 * @param projectId the project
	 * @param ifMatch the hand-over's ETag (its revision), or {@code null}
	 * @param proposal the hand-over
	 * @param caller the manager
	 * @return the hand-over
	 */
	public Handover proposeHandover(UUID projectId, String ifMatch, Handover.Proposal proposal, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			if (ifMatch != null) {
				ETags.requireCurrent(ifMatch, project.handover().map(Handover::revision).orElse(0));
			}
			return project.proposeHandover(proposal, caller.actor(), now);
		}).result();
	}

	/**
	 * The hand-over to operations.
	 * @param projectId the project
	 * @param caller a member
	 * @return the hand-over
	 * @throws NotFoundException if none was proposed
	 */
	public Handover handover(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller)
			.project()
			.handover()
			.orElseThrow(() -> new NotFoundException(null, "no hand-over has been proposed for project " + projectId));
	}

	/**
	 * Operations accept the hand-over.
	 * @param projectId the project
	 * @param notes the acceptance notes, or {@code null}
	 * @param caller an {@code OPERATIONS} stakeholder of the project
	 * @return the accepted hand-over
	 */
	public Handover acceptHandover(UUID projectId, String notes, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			boolean operations = project.stakeholders()
				.stream()
				.anyMatch((s) -> s.role() == StakeholderRole.OPERATIONS && caller.isAddressedBy(s.email()));
			if (!operations) {
				throw new ForbiddenException(null,
						"only an OPERATIONS stakeholder of the project accepts its hand-over");
			}
			return project.acceptHandover(notes, caller.actor(), now);
		}).result();
	}

	/**
	 * A gate decision asked for.
	 *
	 * @param toPhase the phase the gate leads to
	 * @param decision the decision
	 * @param notes notes, or {@code null}
	 * @param conditions conditions attached to it
	 */
	public record GateCommand(ProjectPhase toPhase, GateDecision decision, String notes, List<String> conditions) {
	}

	/**
	 * The outcome of a gate decision.
	 *
	 * @param gate the recorded decision
	 * @param replayed whether an earlier request with the same key recorded it
	 * @param project the project after it
	 */
	public record Decided(GateRecord gate, boolean replayed, Project project) {
	}

	/**
	 * The outcome of a status change.
	 *
	 * @param change the change, or {@code null} if the project had that status already
	 * @param project the project after it
	 */
	public record StatusChanged(StatusChange change, Project project) {
	}

}
