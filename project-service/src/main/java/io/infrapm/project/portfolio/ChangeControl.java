package io.infrapm.project.portfolio;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.project.GateDecision;
import io.infrapm.platform.security.Caller;

import org.springframework.stereotype.Service;

/**
 * A project's change requests: submitted by its manager, decided by its sponsor, a
 * steering-committee member or a portfolio manager. An approved schedule change moves its
 * milestones in the same write.
 */
@Service
public class ChangeControl {

	private final ProjectWrites writes;

	ChangeControl(ProjectWrites writes) {
		this.writes = writes;
	}

	/**
	 * Submits a change request, once per idempotency key and project.
	 * @param projectId the project
	 * @param submission what it asks for
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the manager
	 * @return the change request and whether an earlier request with the key submitted it
	 */
	public Submitted submit(UUID projectId, ChangeRequest.Submission submission, String idempotencyKey, Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, submission, caller);
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			Optional<ChangeRequest> earlier = ClientRequest.earlier(request, project.changeRequests(),
					ChangeRequest::request, "change request");
			if (earlier.isPresent()) {
				return new Submitted(earlier.get(), true);
			}
			return new Submitted(project.submitChangeRequest(submission, request, caller.actor(), now), false);
		}).result();
	}

	/**
	 * Decides a change request.
	 * @param projectId the project
	 * @param changeRequestId the change request
	 * @param decision the decision
	 * @param reason why
	 * @param caller the sponsor, a steering-committee member or a portfolio manager
	 * @return the change request after the decision
	 */
	public ChangeRequest decide(UUID projectId, UUID changeRequestId, GateDecision decision, String reason,
			Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireDecide();
			return project.decideChangeRequest(changeRequestId, decision, reason, caller.actor(), now);
		}).result();
	}

	/**
	 * The project's change requests, in the order submitted.
	 * @param projectId the project
	 * @param open {@code true} for the undecided (or deferred) only, {@code false} for
	 * the decided only, {@code null} for all
	 * @param caller a member
	 * @return the change requests
	 */
	public List<ChangeRequest> changeRequests(UUID projectId, Boolean open, Caller caller) {
		return this.writes.read(projectId, caller)
			.project()
			.changeRequests()
			.stream()
			.filter((c) -> open == null || c.open() == open)
			.toList();
	}

	/**
	 * One change request.
	 * @param projectId the project
	 * @param changeRequestId the change request
	 * @param caller a member
	 * @return the change request
	 */
	public ChangeRequest changeRequest(UUID projectId, UUID changeRequestId, Caller caller) {
		return this.writes.read(projectId, caller).project().changeRequest(changeRequestId);
	}

	/**
	 * The outcome of submitting a change request.
	 *
	 * @param changeRequest the change request
	 * @param replayed whether an earlier request with the same key submitted it
	 */
	public record Submitted(ChangeRequest changeRequest, boolean replayed) {
	}

}
