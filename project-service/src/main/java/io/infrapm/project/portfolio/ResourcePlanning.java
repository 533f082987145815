package io.infrapm.project.portfolio;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Resource plans and people's load across projects. A project's manager sets its plan (as
 * a whole, under its ETag), members read it. A person's load over every open project is
 * shown to the person, to portfolio managers and executives, and to the managers of the
 * projects that allocate them; projects the caller may not read appear only in a total,
 * never by name.
 */
@Service
public class ResourcePlanning {

	/** The longest span one load view covers. */
	static final int MAX_VIEW_YEARS = 2;

	private final ProjectWrites writes;

	private final MongoOperations mongo;

	ResourcePlanning(ProjectWrites writes, MongoOperations mongo) {
		this.writes = writes;
		this.mongo = mongo;
	}

	/**
	 * Replaces a project's resource plan.
	 * @param projectId the project
	 * @param ifMatch the plan's ETag as the client saw it (required once the plan exists)
	 * @param lines the new plan
	 * @param caller the manager
	 * @return the project after the change
	 */
	public Project plan(UUID projectId, String ifMatch, List<Allocation.Line> lines, Caller caller) {
		Set<String> emails = lines.stream()
			.map(Allocation.Line::person)
			.filter(Objects::nonNull)
			.map((p) -> p.email().strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			int revision = project.resourcePlan().revision();
			if (revision > 0 || ifMatch != null) {
				ETags.requireCurrent(ifMatch, revision);
			}
			project.planResources(lines, allocationsElsewhere(emails, projectId), caller.actor(), now);
			return null;
		}).project();
	}

	/**
	 * A project's resource plan.
	 * @param projectId the project
	 * @param caller a member
	 * @return the project, whose plan it is
	 */
	public Project plan(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller).project();
	}

	/**
	 * One person's load over every open project.
	 * @param email the person's address
	 * @param from the first day of interest
	 * @param to the last day of interest
	 * @param granularity weeks or months
	 * @param caller the person, a portfolio manager or executive, or the manager of a
	 * project that allocates them
	 * @return the load
	 * @throws NotFoundException if nothing allocates the person or the caller may not see
	 * their load
	 */
	public Load load(String email, LocalDate from, LocalDate to, Workload.Granularity granularity, Caller caller) {
		if (to.isBefore(from)) {
			throw new RuleViolationException("to", "must not be before from");
		}
		if (to.isAfter(from.plusYears(MAX_VIEW_YEARS))) {
			throw new RuleViolationException("to", "must be at most " + MAX_VIEW_YEARS + " years after from");
		}
		List<Project> projects = openProjectsAllocating(email.strip().toLowerCase(Locale.ROOT), null);
		boolean allowed = caller.isAddressedBy(email) || caller.readsWholePortfolio()
				|| projects.stream().anyMatch((p) -> p.members().accessOf(caller).manage());
		if (projects.isEmpty() || !allowed) {
			throw new NotFoundException(null, "no project allocates " + email.strip() + " that you may see");
		}
		Map<UUID, List<Allocation>> byProject = new HashMap<>();
		projects.forEach((p) -> byProject.put(p.id(),
				p.resourcePlan().allocations().stream().filter((a) -> a.allocates(email.strip())).toList()));
		List<Project> visible = projects.stream().filter((p) -> p.members().accessOf(caller).read()).toList();
		String name = projects.get(0)
			.resourcePlan()
			.allocations()
			.stream()
			.filter((a) -> a.allocates(email.strip()))
			.map((a) -> a.person().name())
			.findFirst()
			.orElse(email);
		return new Load(email.strip(), name, Workload.of(byProject, granularity, from, to), visible);
	}

	/** The allocations of these people on other open projects, by address and project. */
	private Map<String, Map<UUID, List<Allocation>>> allocationsElsewhere(Set<String> emails, UUID projectId) {
		Map<String, Map<UUID, List<Allocation>>> elsewhere = new HashMap<>();
		for (String email : emails) {
			Map<UUID, List<Allocation>> byProject = new HashMap<>();
			for (Project other : openProjectsAllocating(email, projectId)) {
				byProject.put(other.id(),
						other.resourcePlan().allocations().stream().filter((a) -> a.allocates(email)).toList());
			}
			elsewhere.put(email, byProject);
		}
		return elsewhere;
	}

	private List<Project> openProjectsAllocating(String email, UUID except) {
		Criteria criteria = Criteria.where("allocatedEmails")
			.is(email)
			.and("status")
			.nin(ProjectStatus.CLOSED, ProjectStatus.CANCELLED);
		if (except != null) {
			criteria = criteria.and("_id").ne(except);
		}
		return this.mongo.find(Query.query(criteria), Project.class);
	}

	/**
	 * A person's load.
	 *
	 * @param email their address
	 * @param name their name as the first plan that allocates them gives it
	 * @param periods the load in each period
	 * @param visible the projects allocating them that the caller may read
	 */
	public record Load(String email, String name, List<Workload.Period> periods, List<Project> visible) {
	}

}
