package io.infrapm.project.portfolio;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;

import org.springframework.stereotype.Service;

/**
 * The iterations of agile and hybrid projects: planned, changed and completed by the
 * project's manager, read by members. An iteration's revision is its ETag.
 */
@Service
public class ProjectIterations {

	private final ProjectWrites writes;

	ProjectIterations(ProjectWrites writes) {
		this.writes = writes;
	}

	/**
	 * Plans an iteration, once per idempotency key and project.
	 * @param projectId the project
	 * @param plan name, days, goal and committed scope
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the manager
	 * @return the iteration and whether an earlier request with the key planned it
	 */
	public Planned plan(UUID projectId, Iteration.Plan plan, String idempotencyKey, Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, plan, caller);
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			Optional<Iteration> earlier = ClientRequest.earlier(request, project.iterations(), Iteration::request,
					"iteration");
			if (earlier.isPresent()) {
				return new Planned(earlier.get(), true);
			}
			return new Planned(project.planIteration(plan, request, caller.actor(), now), false);
		}).result();
	}

	/**
	 * The iterations, by start.
	 * @param projectId the project
	 * @param caller a member
	 * @return the iterations
	 */
	public List<Iteration> iterations(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller)
			.project()
			.iterations()
			.stream()
			.sorted(Comparator.comparing(Iteration::start))
			.toList();
	}

	/**
	 * One iteration.
	 * @param projectId the project
	 * @param iterationId the iteration
	 * @param caller a member
	 * @return the iteration
	 */
	public Iteration iteration(UUID projectId, UUID iterationId, Caller caller) {
		return this.writes.read(projectId, caller).project().iteration(iterationId);
	}

	/**
	 * Changes an iteration not yet completed.
	 * @param projectId the project
	 * @param iterationId the iteration
	 * @param ifMatch its ETag (required)
	 * @param change what changes
	 * @param caller the manager
	 * @return the iteration after the change
	 */
	public Iteration revise(UUID projectId, UUID iterationId, String ifMatch, Iteration.Plan change, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			ETags.requireCurrent(ifMatch, project.iteration(iterationId).revision());
			return project.reviseIteration(iterationId, change, caller.actor(), now);
		}).result();
	}

	/**
	 * Records how an iteration ended.
	 * @param projectId the project
	 * @param iterationId the iteration
	 * @param ifMatch its ETag, or {@code null}
	 * @param outcome what it achieved
	 * @param caller the manager
	 * @return the iteration after the change
	 */
	public Iteration complete(UUID projectId, UUID iterationId, String ifMatch, Iteration.Outcome outcome,
			Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			if (ifMatch != null) {
				ETags.requireCurrent(ifMatch, project.iteration(iterationId).revision());
			}
			return project.completeIteration(iterationId, outcome, caller.actor(), now);
		}).result();
	}

	/**
	 * The outcome of planning an iteration.
	 *
	 * @param iteration the iteration
	 * @param replayed whether an earlier request with the key planned it
	 */
	public record Planned(Iteration iteration, boolean replayed) {
	}

}
