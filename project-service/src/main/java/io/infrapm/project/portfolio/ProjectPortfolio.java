package io.infrapm.project.portfolio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.web.ETags;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * The use cases of the project portfolio: starting, reading and revising projects. Each
 * command is one document write that also records its events in the project's outbox.
 */
@Service
public class ProjectPortfolio {

	private final ProjectRepository projects;

	private final Aggregates aggregates;

	private final Clock clock;

	ProjectPortfolio(ProjectRepository projects, Aggregates aggregates, Clock clock) {
		this.projects = projects;
		this.aggregates = aggregates;
		this.clock = clock;
	}

	/**
	 * Starts a project, once per idempotency key.
	 * @param command the new project
	 * @param idempotencyKey the client's key, or {@code null}
	 * @return the project and whether it was created by an earlier request with the same
	 * key
	 */
	public Initiation initiate(NewProject command, String idempotencyKey) {
		CreationRequest request = (idempotencyKey != null) ? new CreationRequest(idempotencyKey, fingerprint(command))
				: null;
		Optional<Project> earlier = earlierCreation(request);
		if (earlier.isPresent()) {
			return new Initiation(earlier.get(), true);
		}
		String code = Project.normalizeCode(command.plan().code());
		if (this.projects.findByCode(code).isPresent()) {
			throw codeTaken(code);
		}
		Instant now = this.clock.instant();
		List<Stakeholder> stakeholders = command.stakeholders()
			.stream()
			.map((s) -> new Stakeholder(UUID.randomUUID(), s.name().strip(), s.email().strip(), s.role()))
			.toList();
		Project project = Project.initiate(command.plan(), command.budget(), stakeholders, request, now);
		try {
			return new Initiation(this.aggregates.insert(project), false);
		}
		catch (DuplicateKeyException ex) {
			// Lost a race: a concurrent request with the same key or code got there
			// first.
			return earlierCreation(request).map((p) -> new Initiation(p, true)).orElseThrow(() -> codeTaken(code));
		}
	}

	private Optional<Project> earlierCreation(CreationRequest request) {
		if (request == null) {
			return Optional.empty();
		}
		Optional<Project> earlier = this.projects.findByCreationRequestKey(request.key());
		earlier.ifPresent((project) -> {
			if (!project.creationRequest().fingerprint().equals(request.fingerprint())) {
				throw new RuleViolationException("Idempotency-Key",
						"was already used for a different request; use a new key for a new project");
			}
		});
		return earlier;
	}

	/**
	 * Reads a project.
	 * @param id the project id
	 * @return the project
	 * @throws NotFoundException if there is none
	 */
	public Project get(UUID id) {
		return this.projects.findById(id)
			.orElseThrow(() -> new NotFoundException(null, "project " + id + " does not exist"));
	}

	/**
	 * Lists all projects by code.
	 * @return the projects
	 */
	public List<Project> all() {
		return this.projects.findAll(Sort.by("code"));
	}

	/**
	 * Revises a project's attributes and dates.
	 * @param id the project id
	 * @param ifMatch the ETag the client last saw
	 * @param change the change, applied to the current plan
	 * @return the project after the change
	 */
	public Project revise(UUID id, String ifMatch, PlanChange change) {
		Project project = get(id);
		ETags.requireCurrent(ifMatch, project.version());
		project.revise(change.applyTo(project.plan()), this.clock.instant());
		return this.aggregates.update(project);
	}

	private static ConflictException codeTaken(String code) {
		return new ConflictException("code", "a project with code '" + code + "' already exists");
	}

	private static String fingerprint(NewProject command) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(command.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/**
	 * The outcome of starting a project.
	 *
	 * @param project the project
	 * @param replayed {@code true} if an earlier request with the same idempotency key
	 * created it
	 */
	public record Initiation(Project project, boolean replayed) {
	}

	/**
	 * A partial change of a project's plan: {@code null} leaves a value as it is.
	 *
	 * @param plan the new values, any of which may be {@code null}
	 */
	public record PlanChange(ProjectPlan plan) {

		ProjectPlan applyTo(ProjectPlan current) {
			return new ProjectPlan(current.code(), pick(this.plan.name(), current.name()),
					pick(this.plan.category(), current.category()),
					pick(this.plan.methodology(), current.methodology()), pick(this.plan.manager(), current.manager()),
					pick(this.plan.sponsor(), current.sponsor()),
					pick(this.plan.plannedStart(), current.plannedStart()),
					pick(this.plan.plannedFinish(), current.plannedFinish()));
		}

		private static <T> T pick(T changed, T current) {
			return (changed != null) ? changed : current;
		}

	}

}
