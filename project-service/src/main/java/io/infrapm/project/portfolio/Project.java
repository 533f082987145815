package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An IT-infrastructure project: what it is, when it is planned, what it may cost and who
 * must be kept informed. The aggregate root of project-service: each transition records
 * the fields it changed and registers its event, and both are written in one update of
 * the project's document.
 */
@Document("projects")
public class Project extends AggregateRoot {

	@Id
	private UUID id;

	@Indexed(unique = true)
	private String code;

	private String name;

	private ProjectCategory category;

	private Methodology methodology;

	private ProjectPhase phase;

	private Person manager;

	private Person sponsor;

	private LocalDate plannedStart;

	private LocalDate plannedFinish;

	private Money budget;

	private List<Stakeholder> stakeholders = new ArrayList<>();

	private CreationRequest creationRequest;

	private Instant createdAt;

	private Instant updatedAt;

	Project() {
		// for the mapping layer
	}

	/**
	 * Starts a project in its initiation phase.
	 * @param plan what the project is and when it runs
	 * @param budget the approved budget
	 * @param stakeholders who must be kept informed
	 * @param creationRequest the client's idempotency key, or {@code null}
	 * @param now the current time
	 * @return the new project
	 */
	static Project initiate(ProjectPlan plan, Money budget, List<Stakeholder> stakeholders,
			CreationRequest creationRequest, Instant now) {
		Project project = new Project();
		project.id = UUID.randomUUID();
		project.code = normalizeCode(plan.code());
		project.phase = ProjectPhase.INITIATION;
		project.apply(plan);
		project.budget = Objects.requireNonNull(budget, "budget");
		project.stakeholders = new ArrayList<>(requireDistinctEmails(stakeholders));
		project.creationRequest = creationRequest;
		project.createdAt = now;
		project.updatedAt = now;
		project.registerEvent(ProjectEvents.created(project), project.id, project.id, now);
		return project;
	}

	/**
	 * Changes the project's descriptive attributes and dates.
	 * @param revised the new values (the code cannot change)
	 * @param now the current time
	 * @return whether anything changed
	 */
	boolean revise(ProjectPlan revised, Instant now) {
		ProjectPlan current = plan();
		ProjectPlan next = new ProjectPlan(this.code, revised.name(), revised.category(), revised.methodology(),
				revised.manager(), revised.sponsor(), revised.plannedStart(), revised.plannedFinish());
		if (current.equals(next)) {
			return false;
		}
		apply(next);
		this.updatedAt = now;
		changed("name", this.name);
		changed("category", this.category);
		changed("methodology", this.methodology);
		changed("manager", this.manager);
		changed("sponsor", this.sponsor);
		changed("plannedStart", this.plannedStart);
		changed("plannedFinish", this.plannedFinish);
		changed("updatedAt", this.updatedAt);
		registerEvent(ProjectEvents.updated(this), this.id, this.id, now);
		return true;
	}

	private void apply(ProjectPlan plan) {
		if (plan.plannedFinish().isBefore(plan.plannedStart())) {
			throw new RuleViolationException("plannedFinish",
					"must not be before plannedStart (" + plan.plannedStart() + ")");
		}
		this.name = plan.name().strip();
		this.category = plan.category();
		this.methodology = plan.methodology();
		this.manager = plan.manager();
		this.sponsor = plan.sponsor();
		this.plannedStart = plan.plannedStart();
		this.plannedFinish = plan.plannedFinish();
	}

	/**
	 * The project's current descriptive attributes.
	 * @return the plan
	 */
	public ProjectPlan plan() {
		return new ProjectPlan(this.code, this.name, this.category, this.methodology, this.manager, this.sponsor,
				this.plannedStart, this.plannedFinish);
	}

	static String normalizeCode(String code) {
		return code.strip().toUpperCase(Locale.ROOT);
	}

	private static List<Stakeholder> requireDistinctEmails(List<Stakeholder> stakeholders) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < stakeholders.size(); i++) {
			if (!seen.add(stakeholders.get(i).email().toLowerCase(Locale.ROOT))) {
				throw new RuleViolationException("stakeholders[" + i + "].email",
						"'" + stakeholders.get(i).email() + "' is already a stakeholder of this project");
			}
		}
		return stakeholders;
	}

	public UUID id() {
		return this.id;
	}

	public String code() {
		return this.code;
	}

	public String name() {
		return this.name;
	}

	public ProjectCategory category() {
		return this.category;
	}

	public Methodology methodology() {
		return this.methodology;
	}

	public ProjectPhase phase() {
		return this.phase;
	}

	public Person manager() {
		return this.manager;
	}

	public Person sponsor() {
		return this.sponsor;
	}

	public LocalDate plannedStart() {
		return this.plannedStart;
	}

	public LocalDate plannedFinish() {
		return this.plannedFinish;
	}

	public Money budget() {
		return this.budget;
	}

	public List<Stakeholder> stakeholders() {
		return List.copyOf(this.stakeholders);
	}

	CreationRequest creationRequest() {
		return this.creationRequest;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

}
