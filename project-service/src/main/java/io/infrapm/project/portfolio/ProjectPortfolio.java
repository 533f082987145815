package io.infrapm.project.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.function.BiFunction;

import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.web.ETags;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

	private final ProjectWrites writes;

	private final MongoOperations mongo;

	ProjectPortfolio(ProjectRepository projects, Aggregates aggregates, Clock clock, ProjectWrites writes,
			MongoOperations mongo) {
		this.projects = projects;
		this.aggregates = aggregates;
		this.clock = clock;
		this.writes = writes;
		this.mongo = mongo;
	}

	/**
	 * Starts a project, once per idempotency key. Project managers start their own
	 * projects: one who names no manager becomes it, and only a portfolio manager may
	 * name someone else.
	 * @param proposed the new project
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller who starts it
	 * @return the project and whether it was created by an earlier request with the same
	 * key
	 */
	public Initiation initiate(NewProject proposed, String idempotencyKey, Caller caller) {
		NewProject command = managedBy(proposed, caller);
		CreationRequest request = (idempotencyKey != null)
				? new CreationRequest(idempotencyKey, RequestFingerprints.of(command, caller)) : null;
		Optional<Project> earlier = earlierCreation(request);
		if (earlier.isPresent()) {
			return new Initiation(earlier.get(), true);
		}
		String code = Project.normalizeCode(command.plan().code());
		if (this.projects.findByCode(code).isPresent()) {
			throw codeTaken(code);
		}
		Instant now = this.clock.instant();
		List<Stakeholder> stakeholders = command.stakeholders().stream().map(Stakeholder::of).toList();
		Project project = Project.initiate(command.plan(), command.budget(), stakeholders, request, caller.actor(),
				now);
		try {
			return new Initiation(this.aggregates.insert(project), false);
		}
		catch (DuplicateKeyException ex) {
			// Lost a race: a concurrent request with the same key or code got there
			// first.
			return earlierCreation(request).map((p) -> new Initiation(p, true)).orElseThrow(() -> codeTaken(code));
		}
	}

	private static NewProject managedBy(NewProject command, Caller caller) {
		boolean portfolio = caller.has(PlatformRole.PORTFOLIO_MANAGER);
		if (!portfolio && !caller.has(PlatformRole.PROJECT_MANAGER)) {
			throw new ForbiddenException(null, "only project managers and portfolio managers start projects");
		}
		Person manager = command.plan().manager();
		if (manager == null && !portfolio) {
			if (caller.email() == null) {
				throw new RuleViolationException("manager", "must be named: the caller's token has no e-mail address");
			}
			ProjectPlan plan = command.plan();
			return new NewProject(new ProjectPlan(plan.code(), plan.name(), plan.category(), plan.methodology(),
					new Person(caller.name(), caller.email()), plan.sponsor(), plan.plannedStart(),
					plan.plannedFinish(), plan.description()), command.budget(), command.stakeholders());
		}
		if (manager != null && !portfolio && !caller.isAddressedBy(manager.email())) {
			throw new ForbiddenException("manager.email",
					"only a portfolio manager may start a project for another manager; leave it out to manage it yourself");
		}
		return command;
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
	 * Reads a project the caller may see.
	 * @param id the project id
	 * @param caller who asks
	 * @return the project and what the caller may do on it
	 * @throws NotFoundException if there is none, or the caller may not see it
	 */
	public Visible get(UUID id, Caller caller) {
		return this.writes.read(id, caller);
	}

	/**
	 * Lists the projects the caller may see: all of them for portfolio managers and
	 * executives, the ones they belong to for everyone else; narrowed and sorted by the
	 * filter.
	 * @param caller who asks
	 * @param filter which projects, in which order
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<Visible> visibleTo(Caller caller, ProjectFilter filter, int page, int size) {
		PageRequest request = PageRequest.of(page, size, filter.sort());
		List<Criteria> criteria = new ArrayList<>();
		if (!caller.readsWholePortfolio()) {
			if (caller.email() == null) {
				return Page.empty(request);
			}
			criteria.add(Criteria.where("memberEmails").is(caller.email()));
		}
		if (filter.status() == ProjectStatus.ACTIVE) {
			// Projects written before status was kept are active.
			criteria.add(new Criteria().orOperator(Criteria.where("status").is(ProjectStatus.ACTIVE),
					Criteria.where("status").exists(false)));
		}
		else if (filter.status() != null) {
			criteria.add(Criteria.where("status").is(filter.status()));
		}
		if (filter.phase() != null) {
			criteria.add(Criteria.where("phase").is(filter.phase()));
		}
		if (filter.category() != null) {
			criteria.add(Criteria.where("category").is(filter.category()));
		}
		if (filter.managerEmail() != null) {
			criteria.add(Criteria.where("manager.email")
				.regex("^" + Pattern.quote(filter.managerEmail().strip()) + "$", "i"));
		}
		Query query = criteria.isEmpty() ? new Query() : new Query(new Criteria().andOperator(criteria));
		long total = this.mongo.count(query, Project.class);
		List<Project> found = this.mongo.find(Query.of(query).with(request), Project.class);
		return new PageImpl<>(found, request, total)
			.map((project) -> new Visible(project, project.members().accessOf(caller)));
	}

	/**
	 * Revises a project's attributes and dates.
	 * @param id the project id
	 * @param ifMatch the ETag the client last saw
	 * @param change the change, applied to the current plan
	 * @param caller who revises it: its manager or a portfolio manager
	 * @return the project after the change
	 */
	public Visible revise(UUID id, String ifMatch, PlanChange change, Caller caller) {
		Visible current = get(id, caller);
		current.access().requireManage();
		Project project = current.project();
		ETags.requireCurrent(ifMatch, project.version());
		project.revise(change.applyTo(project.plan()), caller.actor(), this.clock.instant());
		Project revised = this.aggregates.update(project);
		return new Visible(revised, revised.members().accessOf(caller));
	}

	/**
	 * Adds a stakeholder to a project.
	 * @param projectId the project
	 * @param ifMatch the ETag the client last saw, or {@code null} to add to whatever the
	 * list holds now
	 * @param added who, with which role
	 * @param caller its manager or a portfolio manager
	 * @return the stakeholder and the project after the change
	 */
	public StakeholderChange addStakeholder(UUID projectId, String ifMatch, NewProject.NewStakeholder added,
			Caller caller) {
		return changeStakeholders(projectId, ifMatch, caller,
				(project, now) -> project.addStakeholder(added, caller.actor(), now));
	}

	/**
	 * Revises a stakeholder: another role, name or organisation, or whether status
	 * reports go to them.
	 * @param projectId the project
	 * @param stakeholderId the stakeholder
	 * @param ifMatch the ETag the client last saw, or {@code null}
	 * @param revision what changes
	 * @param caller its manager or a portfolio manager
	 * @return the stakeholder and the project after the change
	 */
	public StakeholderChange reviseStakeholder(UUID projectId, UUID stakeholderId, String ifMatch,
			Stakeholder.Revision revision, Caller caller) {
		return changeStakeholders(projectId, ifMatch, caller,
				(project, now) -> project.reviseStakeholder(stakeholderId, revision, caller.actor(), now));
	}

	/**
	 * Takes a stakeholder off a project's list.
	 * @param projectId the project
	 * @param stakeholderId the stakeholder
	 * @param ifMatch the ETag the client last saw, or {@code null}
	 * @param caller its manager or a portfolio manager
	 * @return the removed stakeholder and the project after the change
	 */
	public StakeholderChange removeStakeholder(UUID projectId, UUID stakeholderId, String ifMatch, Caller caller) {
		return changeStakeholders(projectId, ifMatch, caller, (project, now) -> {
			Stakeholder removed = project.stakeholder(stakeholderId);
			project.removeStakeholder(stakeholderId, caller.actor(), now);
			return removed;
		});
	}

	/**
	 * Applies a change of the stakeholder list. Without {@code If-Match} a change that
	 * lost a race with another writer is applied again to the fresh project: it does not
	 * depend on what the client saw.
	 */
	private StakeholderChange changeStakeholders(UUID projectId, String ifMatch, Caller caller,
			BiFunction<Project, Instant, Stakeholder> change) {
		ProjectWrites.Changed<Stakeholder> changed = this.writes.change(projectId, caller, ifMatch == null,
				(project, access, now) -> {
					access.requireManage();
					if (ifMatch != null) {
						ETags.requireCurrent(ifMatch, project.version());
					}
					return change.apply(project, now);
				});
		return new StakeholderChange(changed.result(), changed.project());
	}

	private static ConflictException codeTaken(String code) {
		return new ConflictException("code", "a project with code '" + code + "' already exists");
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
	 * A project with what the caller may do on it.
	 *
	 * @param project the project
	 * @param access the caller's access
	 */
	public record Visible(Project project, ProjectAccess access) {
	}

	/**
	 * The outcome of a change of the stakeholder list.
	 *
	 * @param stakeholder the stakeholder added, changed or removed
	 * @param project the project after the change
	 */
	public record StakeholderChange(Stakeholder stakeholder, Project project) {
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
					pick(this.plan.plannedFinish(), current.plannedFinish()),
					pick(this.plan.description(), current.description()));
		}

		private static <T> T pick(T changed, T current) {
			return (changed != null) ? changed : current;
		}

	}

}
