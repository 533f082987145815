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
import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.ProjectMembers;

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

	/**
	 * The addresses of everyone who belongs to the project (manager, sponsor,
	 * stakeholders), lower case: what a member's list of projects is found by.
	 */
	@Indexed
	private Set<String> memberEmails = new HashSet<>();

	private CreationRequest creationRequest;

	private Instant createdAt;

	private Actor createdBy;

	private Instant updatedAt;

	private Actor updatedBy;

	Project() {
		// for the mapping layer
	}

	/**
	 * Starts a project in its initiation phase.
	 * @param plan what the project is and when it runs
	 * @param budget the approved budget
	 * @param stakeholders who must be kept informed
	 * @param creationRequest the client's idempotency key, or {@code null}
	 * @param actor who starts it
	 * @param now the current time
	 * @return the new project
	 */
	static Project initiate(ProjectPlan plan, Money budget, List<Stakeholder> stakeholders,
			CreationRequest creationRequest, Actor actor, Instant now) {
		Project project = new Project();
		project.id = UUID.randomUUID();
		project.code = normalizeCode(plan.code());
		project.phase = ProjectPhase.INITIATION;
		project.apply(plan);
		project.budget = Objects.requireNonNull(budget, "budget");
		project.stakeholders = new ArrayList<>(requireDistinctEmails(stakeholders));
		project.memberEmails = project.currentMemberEmails();
		project.creationRequest = creationRequest;
		project.createdAt = now;
		project.createdBy = actor;
		project.updatedAt = now;
		project.updatedBy = actor;
		project.registerEvent(ProjectEvents.created(project), project.id, project.id, now);
		return project;
	}

	/**
	 * Changes the project's descriptive attributes and dates.
	 * @param revised the new values (the code cannot change)
	 * @param actor who revises it
	 * @param now the current time
	 * @return whether anything changed
	 */
	boolean revise(ProjectPlan revised, Actor actor, Instant now) {
		ProjectPlan current = plan();
		ProjectPlan next = new ProjectPlan(this.code, revised.name(), revised.category(), revised.methodology(),
				revised.manager(), revised.sponsor(), revised.plannedStart(), revised.plannedFinish());
		if (current.equals(next)) {
			return false;
		}
		apply(next);
		this.memberEmails = currentMemberEmails();
		changed("name", this.name);
		changed("category", this.category);
		changed("methodology", this.methodology);
		changed("manager", this.manager);
		changed("sponsor", this.sponsor);
		changed("plannedStart", this.plannedStart);
		changed("plannedFinish", this.plannedFinish);
		changed("memberEmails", this.memberEmails);
		touched(actor, now);
		registerEvent(ProjectEvents.updated(this), this.id, this.id, now);
		return true;
	}

	/**
	 * Adds someone to the stakeholder list.
	 * @param name the display name
	 * @param email the address, not yet on the list
	 * @param role the role
	 * @param actor who adds them
	 * @param now the current time
	 * @return the new stakeholder
	 */
	Stakeholder addStakeholder(String name, String email, StakeholderRole role, Actor actor, Instant now) {
		if (stakeholderByEmail(email) != null) {
			throw new ConflictException("email", "'" + email.strip() + "' is already a stakeholder of this project");
		}
		Stakeholder added = new Stakeholder(UUID.randomUUID(), name.strip(), email.strip(), role);
		this.stakeholders.add(added);
		stakeholdersChanged(actor, now);
		registerEvent(ProjectEvents.stakeholderAdded(this, added), this.id, this.id, now);
		return added;
	}

	/**
	 * Gives a stakeholder another role.
	 * @param stakeholderId the stakeholder
	 * @param role the new role
	 * @param actor who changes it
	 * @param now the current time
	 * @return the stakeholder after the change
	 */
	Stakeholder changeStakeholderRole(UUID stakeholderId, StakeholderRole role, Actor actor, Instant now) {
		Stakeholder current = stakeholder(stakeholderId);
		if (current.role() == role) {
			return current;
		}
		Stakeholder changed = new Stakeholder(current.id(), current.name(), current.email(), role);
		this.stakeholders.set(this.stakeholders.indexOf(current), changed);
		stakeholdersChanged(actor, now);
		registerEvent(ProjectEvents.stakeholderRoleChanged(this, current, changed), this.id, this.id, now);
		return changed;
	}

	/**
	 * Takes someone off the stakeholder list.
	 * @param stakeholderId the stakeholder
	 * @param actor who removes them
	 * @param now the current time
	 */
	void removeStakeholder(UUID stakeholderId, Actor actor, Instant now) {
		Stakeholder removed = stakeholder(stakeholderId);
		this.stakeholders.remove(removed);
		stakeholdersChanged(actor, now);
		registerEvent(ProjectEvents.stakeholderRemoved(this, removed), this.id, this.id, now);
	}

	/**
	 * One stakeholder.
	 * @param stakeholderId the stakeholder's id
	 * @return the stakeholder
	 * @throws NotFoundException if the project has none of that id
	 */
	public Stakeholder stakeholder(UUID stakeholderId) {
		return this.stakeholders.stream()
			.filter((s) -> s.id().equals(stakeholderId))
			.findFirst()
			.orElseThrow(
					() -> new NotFoundException(null, "project " + this.id + " has no stakeholder " + stakeholderId));
	}

	/**
	 * Who belongs to the project, for deciding what a caller may do on it.
	 * @return the members
	 */
	public ProjectMembers members() {
		return ProjectMembers.of(this.id, (this.manager != null) ? this.manager.email() : null,
				(this.sponsor != null) ? this.sponsor.email() : null,
				this.stakeholders.stream().map((s) -> new ProjectMembers.Member(s.email(), s.role())).toList());
	}

	private Stakeholder stakeholderByEmail(String email) {
		return this.stakeholders.stream()
			.filter((s) -> s.email().equalsIgnoreCase(email.strip()))
			.findFirst()
			.orElse(null);
	}

	private void stakeholdersChanged(Actor actor, Instant now) {
		this.memberEmails = currentMemberEmails();
		changed("stakeholders", this.stakeholders);
		changed("memberEmails", this.memberEmails);
		touched(actor, now);
	}

	private void touched(Actor actor, Instant now) {
		this.updatedAt = now;
		this.updatedBy = actor;
		changed("updatedAt", this.updatedAt);
		changed("updatedBy", this.updatedBy);
	}

	private Set<String> currentMemberEmails() {
		Set<String> emails = new HashSet<>();
		if (this.manager != null) {
			emails.add(this.manager.email().toLowerCase(Locale.ROOT));
		}
		if (this.sponsor != null) {
			emails.add(this.sponsor.email().toLowerCase(Locale.ROOT));
		}
		this.stakeholders.forEach((s) -> emails.add(s.email().toLowerCase(Locale.ROOT)));
		return emails;
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

	public Actor createdBy() {
		return this.createdBy;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

}
