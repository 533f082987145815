package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ChangeCategory;
import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.project.ScheduleConflictKind;
import io.infrapm.contracts.project.ServiceTarget;
import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.ProjectMembers;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
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

	/** The most milestones one project's schedule holds. */
	static final int MAX_MILESTONES = 500;

	/** The most progress reports one project holds (a daily report for five years). */
	static final int MAX_PROGRESS_REPORTS = 2000;

	/** The most vendors one project engages. */
	static final int MAX_VENDORS = 100;

	/** The most deliverables one vendor owes. */
	static final int MAX_DELIVERABLES = 500;

	/** The most lines one resource plan holds. */
	static final int MAX_ALLOCATIONS = 500;

	/** The longest span of one line of a resource plan. */
	static final int MAX_ALLOCATION_YEARS = 3;

	/** The most services one project answers for. */
	static final int MAX_SERVICES = 200;

	/** The most outages one project records. */
	static final int MAX_OUTAGES = 2000;

	/** The most iterations one project records. */
	static final int MAX_ITERATIONS = 500;

	/** The most change requests one project holds. */
	static final int MAX_CHANGE_REQUESTS = 1000;

	@Id
	private UUID id;

	@Indexed(unique = true)
	private String code;

	private String name;

	private ProjectCategory category;

	private Methodology methodology;

	private ProjectPhase phase;

	private ProjectStatus status;

	private String description;

	private List<GateRecord> gates = new ArrayList<>();

	private List<StatusChange> statusHistory = new ArrayList<>();

	private List<Lesson> lessons = new ArrayList<>();

	private Handover handover;

	private List<ChangeRequest> changeRequests = new ArrayList<>();

	private List<ProgressReport> progress = new ArrayList<>();

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

	private List<Milestone> milestones = new ArrayList<>();

	private List<Vendor> vendors = new ArrayList<>();

	private ResourcePlan resourcePlan;

	private ServiceCatalogue services;

	private List<Outage> outages = new ArrayList<>();

	private List<Iteration> iterations = new ArrayList<>();

	/**
	 * The addresses of the people the resource plan names, lower case: what a person's
	 * load across projects is found by.
	 */
	@Indexed
	private Set<String> allocatedEmails = new HashSet<>();

	/**
	 * The first day on which the date watch may have something to report, or {@code null}
	 * if it has nothing left to watch: what the watch finds its work by.
	 */
	@Indexed
	private LocalDate datesNextCheck;

	/** The date watch instance looking at the project now, or {@code null}. */
	private DateWatchClaim datesClaim;

	/**
	 * How often something outside the aggregate (a window of the change calendar) marked
	 * the project to be looked at again, without a new version; {@code null} for never.
	 * The watch writes only if it is still what it read, so no marking is lost to a claim
	 * that began before it.
	 */
	private Long datesMarks;

	/** The change calendar of this unit of work, if it was loaded. */
	@Transient
	private Supplier<ChangeCalendar> calendar;

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
		project.phase = ProjectPhase.INITIATING;
		project.status = ProjectStatus.ACTIVE;
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
		requireNotFinished();
		ProjectPlan next = new ProjectPlan(this.code, revised.name(), revised.category(), revised.methodology(),
				revised.manager(), revised.sponsor(), revised.plannedStart(), revised.plannedFinish(),
				Texts.blankToNull(revised.description()));
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
		changed("description", this.description);
		changed("memberEmails", this.memberEmails);
		touched(actor, now);
		registerEvent(ProjectEvents.updated(this), this.id, this.id, now);
		return true;
	}

	/**
	 * Adds someone to the stakeholder list.
	 * @param stakeholder who, with an address not yet on the list
	 * @param actor who adds them
	 * @param now the current time
	 * @return the new stakeholder
	 */
	Stakeholder addStakeholder(NewProject.NewStakeholder stakeholder, Actor actor, Instant now) {
		requireNotFinished();
		if (stakeholderByEmail(stakeholder.email()) != null) {
			throw new ConflictException("email",
					"'" + stakeholder.email().strip() + "' is already a stakeholder of this project");
		}
		Stakeholder added = Stakeholder.of(stakeholder);
		this.stakeholders.add(added);
		stakeholdersChanged(actor, now);
		registerEvent(ProjectEvents.stakeholderAdded(this, added), this.id, this.id, now);
		return added;
	}

	/**
	 * Revises a stakeholder: a new role is told by {@code StakeholderRoleChanged}, a new
	 * name, organisation or wish for status reports by {@code StakeholderUpdated}; a
	 * revision that changes nothing changes nothing.
	 * @param stakeholderId the stakeholder
	 * @param revision what changes
	 * @param actor who changes it
	 * @param now the current time
	 * @return the stakeholder after the change
	 */
	Stakeholder reviseStakeholder(UUID stakeholderId, Stakeholder.Revision revision, Actor actor, Instant now) {
		requireNotFinished();
		Stakeholder current = stakeholder(stakeholderId);
		Stakeholder changed = current.revisedBy(revision);
		if (changed.equals(current)) {
			return current;
		}
		this.stakeholders.set(this.stakeholders.indexOf(current), changed);
		stakeholdersChanged(actor, now);
		if (changed.role() != current.role()) {
			registerEvent(ProjectEvents.stakeholderRoleChanged(this, current, changed), this.id, this.id, now);
		}
		if (!changed.equals(new Stakeholder(current.id(), current.name(), current.email(), changed.role(),
				current.organisation(), current.receivesReports()))) {
			registerEvent(ProjectEvents.stakeholderUpdated(this, changed), this.id, this.id, now);
		}
		return changed;
	}

	/**
	 * Takes someone off the stakeholder list.
	 * @param stakeholderId the stakeholder
	 * @param actor who removes them
	 * @param now the current time
	 */
	void removeStakeholder(UUID stakeholderId, Actor actor, Instant now) {
		requireNotFinished();
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
	 * Adds a milestone to the schedule.
	 * @param command the milestone
	 * @param request the client's idempotency key, or {@code null}
	 * @param actor who plans it
	 * @param now the current time
	 * @return the new milestone
	 */
	Milestone planMilestone(NewMilestone command, ClientRequest request, Actor actor, Instant now) {
		requireNotFinished();
		if (this.milestones.size() >= MAX_MILESTONES) {
			throw new ConflictException(null, "a project holds at most " + MAX_MILESTONES + " milestones");
		}
		Milestone milestone = Milestone.plan(command, request, actor, now);
		requireDependencies(milestone.id(), command.dependsOn());
		this.milestones.add(milestone);
		registerEvent(ProjectEvents.milestonePlanned(this, milestone), this.id, this.id, now);
		scheduleChanged(actor, now);
		return milestone;
	}

	/**
	 * Changes a milestone's name, description, owner, flags or dependencies.
	 * @param milestoneId the milestone
	 * @param change the change
	 * @param actor who changes it
	 * @param now the current time
	 * @return the milestone after the change
	 */
	Milestone reviseMilestone(UUID milestoneId, MilestoneChange change, Actor actor, Instant now) {
		requireNotFinished();
		Milestone milestone = milestone(milestoneId);
		if (change.dependsOn() != null && !change.dependsOn().equals(milestone.dependsOn())) {
			requireOpen(milestone, "dependsOn");
			requireDependencies(milestoneId, change.dependsOn());
		}
		if (milestone.revise(change)) {
			milestone.touched(actor, now);
			registerEvent(ProjectEvents.milestoneUpdated(this, milestone), this.id, this.id, now);
			scheduleChanged(actor, now);
		}
		return milestone;
	}

	/**
	 * Moves a milestone's due date; the move is kept with its reason.
	 * @param milestoneId the milestone
	 * @param dueDate the new due date
	 * @param reason why it moves
	 * @param actor who moves it
	 * @param now the current time
	 * @return the milestone after the move
	 */
	Milestone rescheduleMilestone(UUID milestoneId, LocalDate dueDate, String reason, Actor actor, Instant now) {
		requireNotFinished();
		Milestone milestone = milestone(milestoneId);
		requireOpen(milestone, "dueDate");
		if (dueDate.equals(milestone.dueDate())) {
			throw new RuleViolationException("dueDate", "is already the milestone's due date");
		}
		LocalDate previous = milestone.dueDate();
		milestone.reschedule(dueDate, reason, actor, now);
		milestone.touched(actor, now);
		registerEvent(ProjectEvents.milestoneRescheduled(this, milestone, previous, reason.strip()), this.id, this.id,
				now);
		scheduleChanged(actor, now);
		return milestone;
	}

	/**
	 * Records that a milestone was reached. Everything it depends on must be completed or
	 * waived first.
	 * @param milestoneId the milestone
	 * @param completedOn the date it was reached
	 * @param actor who records it
	 * @param now the current time
	 * @return the milestone after the change
	 */
	Milestone completeMilestone(UUID milestoneId, LocalDate completedOn, Actor actor, Instant now) {
		requireNotFinished();
		Milestone milestone = milestone(milestoneId);
		requireOpen(milestone, null);
		// A day's grace: the caller's calendar day may be ahead of UTC's.
		if (completedOn.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1))) {
			throw new RuleViolationException("completedOn", "must not be in the future");
		}
		for (Milestone predecessor : ScheduleAnalysis.of(this.milestones).predecessors(milestone)) {
			if (predecessor.open()) {
				throw new ConflictException(null, "'" + milestone.name() + "' depends on '" + predecessor.name()
						+ "', which is neither completed nor waived");
			}
			if (completedOn.isBefore(predecessor.completedOn())) {
				throw new RuleViolationException("completedOn", "must not be before " + predecessor.completedOn()
						+ ", when '" + predecessor.name() + "', which it depends on, was completed");
			}
		}
		milestone.complete(completedOn);
		milestone.touched(actor, now);
		registerEvent(ProjectEvents.milestoneCompleted(this, milestone), this.id, this.id, now);
		scheduleChanged(actor, now);
		return milestone;
	}

	/**
	 * Waives a milestone: it will not be reached and need not be.
	 * @param milestoneId the milestone
	 * @param reason why
	 * @param actor who waives it
	 * @param now the current time
	 * @return the milestone after the change
	 */
	Milestone waiveMilestone(UUID milestoneId, String reason, Actor actor, Instant now) {
		requireNotFinished();
		Milestone milestone = milestone(milestoneId);
		requireOpen(milestone, null);
		milestone.waive(reason);
		milestone.touched(actor, now);
		registerEvent(ProjectEvents.milestoneWaived(this, milestone), this.id, this.id, now);
		scheduleChanged(actor, now);
		return milestone;
	}

	/**
	 * Puts the project on hold, resumes it or cancels it, for a stated reason. Closing
	 * takes the last gate.
	 * @param to {@code ON_HOLD}, {@code ACTIVE} or {@code CANCELLED}
	 * @param reason why
	 * @param actor who changes it
	 * @param now the current time
	 * @return the change, or {@code null} if the project already has that status
	 */
	StatusChange changeStatus(ProjectStatus to, String reason, Actor actor, Instant now) {
		requireNotFinished();
		ProjectStatus from = status();
		if (to == from) {
			return null;
		}
		if (to == ProjectStatus.CLOSED) {
			throw new RuleViolationException("status",
					"a project is closed by approving its last gate (phase-transitions to CLOSED)");
		}
		StatusChange change = new StatusChange(from, to, reason.strip(), now, actor);
		this.status = to;
		this.statusHistory.add(change);
		changed("status", this.status);
		changed("statusHistory", this.statusHistory);
		touched(actor, now);
		if (to == ProjectStatus.CANCELLED) {
			registerEvent(ProjectEvents.cancelled(this, change), this.id, this.id, now);
		}
		else {
			registerEvent(ProjectEvents.statusChanged(this, change), this.id, this.id, now);
		}
		return change;
	}

	/**
	 * Records a decision at the gate out of the current phase. Phases are never skipped;
	 * an approval moves the project on, and is refused (recording nothing) while what the
	 * next phase needs is missing: a milestone and a budget for {@code EXECUTING}, every
	 * milestone completed or waived for {@code CLOSED}.
	 * @param toPhase the phase the gate leads to, which must be the next one
	 * @param decision the decision
	 * @param notes notes, or {@code null}
	 * @param conditions conditions attached to it
	 * @param request the client's idempotency key, or {@code null}
	 * @param approver who decides
	 * @param now the current time
	 * @return the recorded decision
	 */
	GateRecord decideGate(ProjectPhase toPhase, GateDecision decision, String notes, List<String> conditions,
			ClientRequest request, Actor approver, Instant now) {
		requireNotFinished();
		if (status() != ProjectStatus.ACTIVE) {
			throw new ConflictException(null,
					"project " + this.id + " is " + describe(status()) + "; resume it before deciding at a gate");
		}
		ProjectPhase from = phase();
		ProjectPhase next = ProjectPhase.values()[from.ordinal() + 1];
		if (toPhase != next) {
			throw new RuleViolationException("toPhase",
					"phases cannot be skipped or gone back to: from " + from + " the gate leads to " + next);
		}
		if (decision == GateDecision.APPROVED) {
			requireReadyFor(next);
		}
		GateRecord gate = new GateRecord(UUID.randomUUID(), from, next, decision, Texts.blankToNull(notes),
				List.copyOf(conditions), now, approver, request);
		this.gates.add(gate);
		changed("gates", this.gates);
		touched(approver, now);
		registerEvent(ProjectEvents.gateDecided(this, gate), this.id, this.id, now);
		if (decision == GateDecision.APPROVED) {
			this.phase = next;
			changed("phase", this.phase);
			registerEvent(ProjectEvents.phaseChanged(this, gate), this.id, this.id, now);
			if (next == ProjectPhase.CLOSED) {
				this.statusHistory
					.add(new StatusChange(status(), ProjectStatus.CLOSED, "last gate approved", now, approver));
				this.status = ProjectStatus.CLOSED;
				changed("status", this.status);
				changed("statusHistory", this.statusHistory);
				registerEvent(ProjectEvents.closed(this, gate), this.id, this.id, now);
			}
		}
		return gate;
	}

	private void requireReadyFor(ProjectPhase next) {
		if (next == ProjectPhase.EXECUTING) {
			if (this.milestones.stream().noneMatch((m) -> m.status() != MilestoneStatus.WAIVED)) {
				throw new RuleViolationException("toPhase",
						"entering EXECUTING needs at least one milestone in the schedule");
			}
			if (this.budget == null || this.budget.amount().signum() <= 0) {
				throw new RuleViolationException("toPhase", "entering EXECUTING needs a budget above zero");
			}
		}
		if (next == ProjectPhase.CLOSED) {
			List<String> open = this.milestones.stream().filter(Milestone::open).map(Milestone::name).toList();
			if (!open.isEmpty()) {
				throw new RuleViolationException("toPhase",
						"closing needs every milestone completed or waived; still open: " + String.join(", ", open));
			}
			if (this.lessons.isEmpty()) {
				throw new RuleViolationException("toPhase", "closing needs at least one lesson learned");
			}
			if (this.handover == null || !this.handover.accepted()) {
				throw new RuleViolationException("toPhase",
						"closing needs the operational hand-over accepted by an OPERATIONS stakeholder");
			}
		}
	}

	/**
	 * Records a lesson learned.
	 * @param title the lesson in a line, not yet recorded on this project
	 * @param description what happened and what was learned
	 * @param recommendation what to do next time, or {@code null}
	 * @param actor who records it
	 * @param now the current time
	 * @return the lesson
	 */
	Lesson recordLesson(String title, String description, String recommendation, Actor actor, Instant now) {
		requireNotFinished();
		String heading = title.strip();
		if (this.lessons.stream().anyMatch((lesson) -> lesson.title().equalsIgnoreCase(heading))) {
			throw new ConflictException("title", "a lesson titled '" + heading + "' is already recorded");
		}
		Lesson lesson = new Lesson(UUID.randomUUID(), heading, description.strip(), Texts.blankToNull(recommendation),
				now, actor);
		this.lessons.add(lesson);
		changed("lessons", this.lessons);
		touched(actor, now);
		registerEvent(ProjectEvents.lessonRecorded(this, lesson), this.id, this.id, now);
		return lesson;
	}

	/**
	 * Proposes the hand-over to operations, or revises the proposal, from
	 * {@code EXECUTING} on and until it is accepted.
	 * @param proposal what is handed over, to whom, how it is supported
	 * @param actor who proposes it
	 * @param now the current time
	 * @return the proposed hand-over
	 */
	Handover proposeHandover(Handover.Proposal proposal, Actor actor, Instant now) {
		requireNotFinished();
		if (phase().ordinal() < ProjectPhase.EXECUTING.ordinal()) {
			throw new ConflictException(null,
					"a hand-over is proposed from the EXECUTING phase on; project " + this.id + " is in " + phase());
		}
		if (this.handover != null && this.handover.accepted()) {
			throw new ConflictException(null, "the hand-over was accepted and no longer changes");
		}
		int revision = (this.handover != null) ? this.handover.revision() + 1 : 1;
		this.handover = new Handover(proposal.receivingTeam().strip(), proposal.supportModel().strip(),
				proposal.goLiveDate(), proposal.runbookUrl().strip(), List.copyOf(proposal.openItems()), revision, now,
				actor, null, null, null);
		changed("handover", this.handover);
		touched(actor, now);
		registerEvent(ProjectEvents.handoverProposed(this, this.handover), this.id, this.id, now);
		return this.handover;
	}

	/**
	 * Operations accept the hand-over, in the {@code CLOSING} phase. Accepting it again
	 * changes nothing.
	 * @param notes the acceptance notes, or {@code null}
	 * @param actor who accepts it (the caller checks they are an {@code OPERATIONS}
	 * stakeholder)
	 * @param now the current time
	 * @return the accepted hand-over
	 */
	Handover acceptHandover(String notes, Actor actor, Instant now) {
		requireNotFinished();
		if (this.handover == null) {
			throw new ConflictException(null, "no hand-over has been proposed for project " + this.id);
		}
		if (this.handover.accepted()) {
			return this.handover;
		}
		if (phase() != ProjectPhase.CLOSING) {
			throw new ConflictException(null,
					"operations accept the hand-over in the CLOSING phase; project " + this.id + " is in " + phase());
		}
		this.handover = this.handover.acceptedBy(actor, Texts.blankToNull(notes), now);
		changed("handover", this.handover);
		touched(actor, now);
		registerEvent(ProjectEvents.handoverAccepted(this, this.handover), this.id, this.id, now);
		return this.handover;
	}

	/**
	 * The lessons learned, oldest first.
	 * @return the lessons
	 */
	public List<Lesson> lessons() {
		return List.copyOf(this.lessons);
	}

	/**
	 * The hand-over to operations.
	 * @return the hand-over, if one was proposed
	 */
	public Optional<Handover> handover() {
		return Optional.ofNullable(this.handover);
	}

	/**
	 * Submits a change request.
	 * @param submission what it asks for
	 * @param request the client's idempotency key, or {@code null}
	 * @param actor who submits it
	 * @param now the current time
	 * @return the change request
	 */
	ChangeRequest submitChangeRequest(ChangeRequest.Submission submission, ClientRequest request, Actor actor,
			Instant now) {
		requireNotFinished();
		if (this.changeRequests.size() >= MAX_CHANGE_REQUESTS) {
			throw new ConflictException(null, "a project holds at most " + MAX_CHANGE_REQUESTS + " change requests");
		}
		BigDecimal cost = (submission.costImpact() != null) ? submission.costImpact() : BigDecimal.ZERO;
		if (submission.costImpact() != null && !this.budget.currency().equals(submission.costCurrency())) {
			throw new RuleViolationException("costImpact.currency",
					"must be the project's currency, " + this.budget.currency());
		}
		int digits = Math.max(java.util.Currency.getInstance(this.budget.currency()).getDefaultFractionDigits(), 0);
		if (cost.stripTrailingZeros().scale() > digits) {
			throw new RuleViolationException("costImpact.amount",
					"has more decimals than " + this.budget.currency() + " allows (" + digits + ")");
		}
		if (submission.category() == ChangeCategory.COST && cost.signum() == 0) {
			throw new RuleViolationException("costImpact", "a COST change request states its cost impact");
		}
		if (submission.category() == ChangeCategory.SCHEDULE && submission.scheduleImpactDays() == 0) {
			throw new RuleViolationException("scheduleImpactDays", "a SCHEDULE change request moves dates");
		}
		if (submission.scheduleImpactDays() != 0 && submission.affectedMilestones().isEmpty()) {
			throw new RuleViolationException("affectedMilestones", "name the milestones the schedule impact moves");
		}
		List<UUID> affected = submission.affectedMilestones();
		for (int i = 0; i < affected.size(); i++) {
			UUID milestoneId = affected.get(i);
			if (affected.indexOf(milestoneId) != i) {
				throw new RuleViolationException("affectedMilestones[" + i + "]", "lists " + milestoneId + " twice");
			}
			if (this.milestones.stream().noneMatch((m) -> m.id().equals(milestoneId))) {
				throw new RuleViolationException("affectedMilestones[" + i + "]",
						"project " + this.id + " has no milestone " + milestoneId);
			}
		}
		ChangeRequest change = new ChangeRequest(UUID.randomUUID(), "CR-" + (this.changeRequests.size() + 1),
				submission.title().strip(), submission.category(), submission.justification().strip(), cost,
				submission.scheduleImpactDays(), List.copyOf(affected),
				Texts.blankToNull(submission.impactIfNotApproved()), null, null, null, null, now, actor, request);
		this.changeRequests.add(change);
		changed("changeRequests", this.changeRequests);
		touched(actor, now);
		registerEvent(ProjectEvents.changeRequestSubmitted(this, change), this.id, this.id, now);
		return change;
	}

	/**
	 * Decides a change request that is submitted or deferred. An approved
	 * {@code SCHEDULE} change moves its affected milestones that are still open by its
	 * schedule impact, each with a reschedule naming the change request.
	 * @param changeRequestId the change request
	 * @param decision the decision
	 * @param reason why
	 * @param actor who decides
	 * @param now the current time
	 * @return the change request after the decision
	 */
	ChangeRequest decideChangeRequest(UUID changeRequestId, GateDecision decision, String reason, Actor actor,
			Instant now) {
		requireNotFinished();
		ChangeRequest current = changeRequest(changeRequestId);
		if (!current.open()) {
			throw new ConflictException(null, current.number() + " was already "
					+ current.status().name().toLowerCase(Locale.ROOT) + "; a decided change request stays decided");
		}
		ChangeRequest decided = current.decided(decision, reason.strip(), actor, now);
		this.changeRequests.set(this.changeRequests.indexOf(current), decided);
		changed("changeRequests", this.changeRequests);
		touched(actor, now);
		registerEvent(ProjectEvents.changeRequestDecided(this, decided), this.id, this.id, now);
		if (decision == GateDecision.APPROVED && decided.category() == ChangeCategory.SCHEDULE) {
			for (UUID milestoneId : decided.affectedMilestones()) {
				Milestone milestone = milestone(milestoneId);
				if (milestone.open()) {
					rescheduleMilestone(milestoneId, milestone.dueDate().plusDays(decided.scheduleImpactDays()),
							decided.number() + " approved: " + decided.title(), actor, now);
				}
			}
		}
		return decided;
	}

	/**
	 * One change request.
	 * @param changeRequestId its id
	 * @return the change request
	 * @throws NotFoundException if the project has none of that id
	 */
	public ChangeRequest changeRequest(UUID changeRequestId) {
		return this.changeRequests.stream()
			.filter((c) -> c.id().equals(changeRequestId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(null,
					"project " + this.id + " has no change request " + changeRequestId));
	}

	/**
	 * The change requests, in the order submitted.
	 * @return the change requests
	 */
	public List<ChangeRequest> changeRequests() {
		return List.copyOf(this.changeRequests);
	}

	/**
	 * Records how far the project had come as of a date.
	 * @param submission the figures
	 * @param request the client's idempotency key, or {@code null}
	 * @param actor who reports
	 * @param now the current time
	 * @return the report
	 */
	ProgressReport reportProgress(ProgressReport.Submission submission, ClientRequest request, Actor actor,
			Instant now) {
		requireNotFinished();
		if (submission.asOf().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1))) {
			throw new RuleViolationException("asOf", "must not be in the future");
		}
		if (this.progress.size() >= MAX_PROGRESS_REPORTS) {
			throw new ConflictException(null, "a project holds at most " + MAX_PROGRESS_REPORTS + " progress reports");
		}
		List<ProgressReport.MilestonePercent> milestones = submission.milestones();
		for (int i = 0; i < milestones.size(); i++) {
			UUID milestoneId = milestones.get(i).milestoneId();
			if (this.milestones.stream().noneMatch((m) -> m.id().equals(milestoneId))) {
				throw new RuleViolationException("milestones[" + i + "].milestoneId",
						"project " + this.id + " has no milestone " + milestoneId);
			}
			if (milestones.stream().filter((m) -> m.milestoneId().equals(milestoneId)).count() > 1) {
				throw new RuleViolationException("milestones[" + i + "].milestoneId",
						"lists " + milestoneId + " twice");
			}
		}
		ProgressReport report = new ProgressReport(UUID.randomUUID(), submission.asOf(), submission.percentComplete(),
				List.copyOf(milestones), Texts.blankToNull(submission.notes()), now, actor, request);
		this.progress.add(report);
		changed("progress", this.progress);
		touched(actor, now);
		registerEvent(ProjectEvents.progressReported(this, report), this.id, this.id, now);
		return report;
	}

	/**
	 * The progress reports, in the order reported.
	 * @return the reports
	 */
	public List<ProgressReport> progress() {
		return List.copyOf(this.progress);
	}

	private void requireNotFinished() {
		ProjectStatus current = status();
		if (current == ProjectStatus.CLOSED || current == ProjectStatus.CANCELLED) {
			throw new ConflictException(null,
					"project " + this.id + " is " + describe(current) + "; nothing about it changes any more");
		}
	}

	private static String describe(ProjectStatus status) {
		return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	/**
	 * One milestone.
	 * @param milestoneId the milestone's id
	 * @return the milestone
	 * @throws NotFoundException if the project has none of that id
	 */
	public Milestone milestone(UUID milestoneId) {
		return this.milestones.stream()
			.filter((m) -> m.id().equals(milestoneId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(null, "project " + this.id + " has no milestone " + milestoneId));
	}

	/**
	 * Engages a vendor; its name must be new to the project.
	 * @param terms name, contact, contract and service levels
	 * @param request the client's request, or {@code null}
	 * @param actor who adds it
	 * @param now the current time
	 * @return the vendor
	 */
	Vendor addVendor(Vendor.Terms terms, ClientRequest request, Actor actor, Instant now) {
		requireNotFinished();
		if (this.vendors.size() >= MAX_VENDORS) {
			throw new ConflictException(null, "a project engages at most " + MAX_VENDORS + " vendors");
		}
		requireNewVendorName(terms.name(), null);
		Vendor vendor = Vendor.add(terms, request, actor, now);
		this.vendors.add(vendor);
		registerEvent(ProjectEvents.vendorAdded(this, vendor), this.id, this.id, now);
		vendorsChanged(actor, now);
		return vendor;
	}

	/**
	 * Changes a vendor's name, contact, contract reference or service levels.
	 * @param vendorId the vendor
	 * @param change what changes ({@code null} parts stay)
	 * @param actor who changes it
	 * @param now the current time
	 * @return the vendor after the change
	 */
	Vendor reviseVendor(UUID vendorId, Vendor.Terms change, Actor actor, Instant now) {
		requireNotFinished();
		Vendor vendor = vendor(vendorId);
		if (change.name() != null) {
			requireNewVendorName(change.name(), vendorId);
		}
		if (vendor.revise(change)) {
			vendor.touched(actor, now);
			registerEvent(ProjectEvents.vendorUpdated(this, vendor), this.id, this.id, now);
			vendorsChanged(actor, now);
		}
		return vendor;
	}

	/**
	 * Records that a vendor owes a deliverable by a date.
	 * @param vendorId the vendor
	 * @param name what is owed
	 * @param description more about it, or {@code null}
	 * @param dueDate when it is due
	 * @param request the client's request, or {@code null}
	 * @param actor who plans it
	 * @param now the current time
	 * @return the deliverable
	 */
	Deliverable planDeliverable(UUID vendorId, String name, String description, LocalDate dueDate,
			ClientRequest request, Actor actor, Instant now) {
		requireNotFinished();
		Vendor vendor = vendor(vendorId);
		if (vendor.deliverables().size() >= MAX_DELIVERABLES) {
			throw new ConflictException(null, "a vendor owes at most " + MAX_DELIVERABLES + " deliverables");
		}
		Deliverable deliverable = Deliverable.plan(name, description, dueDate, request, actor, now);
		vendor.add(deliverable);
		vendor.touched(actor, now);
		registerEvent(ProjectEvents.deliverablePlanned(this, vendor, deliverable, null), this.id, this.id, now);
		vendorsChanged(actor, now);
		return deliverable;
	}

	/**
	 * Changes a deliverable's name, description or due date while it is owed.
	 * @param vendorId the vendor
	 * @param deliverableId the deliverable
	 * @param name the new name, or {@code null}
	 * @param description the new description, or {@code null}
	 * @param dueDate the new due date, or {@code null}
	 * @param actor who changes it
	 * @param now the current time
	 * @return the deliverable after the change
	 */
	Deliverable reviseDeliverable(UUID vendorId, UUID deliverableId, String name, String description, LocalDate dueDate,
			Actor actor, Instant now) {
		requireNotFinished();
		Vendor vendor = vendor(vendorId);
		Deliverable deliverable = requireOwed(vendor.deliverable(deliverableId));
		LocalDate previous = deliverable.dueDate();
		if (deliverable.revise(name, description, dueDate)) {
			vendor.touched(actor, now);
			registerEvent(ProjectEvents.deliverablePlanned(this, vendor, deliverable, previous), this.id, this.id, now);
			vendorsChanged(actor, now);
		}
		return deliverable;
	}

	/**
	 * Records a delivery and whether it was accepted; a rejected deliverable is still
	 * owed.
	 * @param vendorId the vendor
	 * @param deliverableId the deliverable
	 * @param deliveredOn the day it was delivered, not in the future
	 * @param accepted whether it was accepted
	 * @param notes why, or {@code null}
	 * @param actor who reviewed it
	 * @param now the current time
	 * @return the deliverable after the review
	 */
	Deliverable reviewDeliverable(UUID vendorId, UUID deliverableId, LocalDate deliveredOn, boolean accepted,
			String notes, Actor actor, Instant now) {
		requireNotFinished();
		Vendor vendor = vendor(vendorId);
		Deliverable deliverable = requireOwed(vendor.deliverable(deliverableId));
		if (!accepted && Texts.blankToNull(notes) == null) {
			throw new RuleViolationException("notes", "must say why the delivery is rejected");
		}
		// A day's grace: the caller's calendar day may be ahead of UTC's.
		if (deliveredOn.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1))) {
			throw new RuleViolationException("deliveredOn", "must not be in the future");
		}
		deliverable.reviewed(new Deliverable.Review(deliveredOn, accepted, Texts.blankToNull(notes), now, actor));
		vendor.touched(actor, now);
		registerEvent(ProjectEvents.deliverableReviewed(this, vendor, deliverable), this.id, this.id, now);
		vendorsChanged(actor, now);
		return deliverable;
	}

	/**
	 * Replaces the resource plan. Publishes the plan, and for each person it names whose
	 * load over every open project now exceeds 100 % in weeks where it did not before, an
	 * over-allocation.
	 * @param lines the new plan
	 * @param elsewhere the allocations of the people it names on other open projects, by
	 * lower-case address and project
	 * @param actor who plans
	 * @param now the current time
	 * @return the plan after the change (the same if nothing changed)
	 */
	ResourcePlan planResources(List<Allocation.Line> lines, Map<String, Map<UUID, List<Allocation>>> elsewhere,
			Actor actor, Instant now) {
		requireNotFinished();
		if (lines.size() > MAX_ALLOCATIONS) {
			throw new RuleViolationException("allocations", "holds at most " + MAX_ALLOCATIONS + " lines");
		}
		List<Allocation.Line> normalized = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			normalized.add(checkedLine(lines.get(i), "allocations[" + i + "]"));
		}
		ResourcePlan before = resourcePlan();
		if (before.allocations().stream().map(Allocation::line).toList().equals(normalized)) {
			return before;
		}
		List<Allocation> allocations = normalized.stream()
			.map((l) -> new Allocation(UUID.randomUUID(), l.role(), l.person(), l.from(), l.to(), l.percent()))
			.toList();
		this.resourcePlan = new ResourcePlan(allocations, before.revision() + 1, now, actor);
		registerEvent(ProjectEvents.resourcePlanChanged(this, this.resourcePlan), this.id, this.id, now);
		for (Allocation named : firstPerPerson(allocations)) {
			String email = named.person().email().toLowerCase(Locale.ROOT);
			Map<UUID, List<Allocation>> others = elsewhere.getOrDefault(email, Map.of());
			Workload
				.newlyOverAllocated(this.id, others, allocationsOf(before.allocations(), email),
						allocationsOf(allocations, email))
				.ifPresent((overload) -> registerEvent(
						ProjectEvents.overAllocated(this, named.person(), overload, actor, now), this.id, this.id,
						now));
		}
		this.allocatedEmails = new HashSet<>(allocations.stream()
			.filter((a) -> a.person() != null)
			.map((a) -> a.person().email().toLowerCase(Locale.ROOT))
			.toList());
		changed("resourcePlan", this.resourcePlan);
		changed("allocatedEmails", this.allocatedEmails);
		touched(actor, now);
		return this.resourcePlan;
	}

	private static Allocation.Line checkedLine(Allocation.Line line, String field) {
		String role = Texts.blankToNull(line.role());
		if (role == null && line.person() == null) {
			throw new RuleViolationException(field, "names a role, a person or both");
		}
		if (line.to().isBefore(line.from())) {
			throw new RuleViolationException(field + ".to", "must not be before from");
		}
		if (line.to().isAfter(line.from().plusYears(MAX_ALLOCATION_YEARS))) {
			throw new RuleViolationException(field + ".to",
					"must be at most " + MAX_ALLOCATION_YEARS + " years after from; plan longer spans line by line");
		}
		Person person = (line.person() != null)
				? new Person(line.person().name().strip(), line.person().email().strip()) : null;
		return new Allocation.Line(role, person, line.from(), line.to(), line.percent().stripTrailingZeros());
	}

	private static List<Allocation> firstPerPerson(List<Allocation> allocations) {
		Map<String, Allocation> first = new java.util.LinkedHashMap<>();
		allocations.stream()
			.filter((a) -> a.person() != null)
			.forEach((a) -> first.putIfAbsent(a.person().email().toLowerCase(Locale.ROOT), a));
		return List.copyOf(first.values());
	}

	private static List<Allocation> allocationsOf(List<Allocation> allocations, String email) {
		return allocations.stream().filter((a) -> a.allocates(email)).toList();
	}

	/**
	 * Replaces the services the project answers for. Names are unique (any case); a
	 * service's vendor must be one of the project's; a service with recorded outages
	 * stays.
	 * @param services the services with their targets
	 * @param actor who sets them
	 * @param now the current time
	 * @return the catalogue after the change (the same if nothing changed)
	 */
	ServiceCatalogue defineServices(List<ServiceTarget> services, Actor actor, Instant now) {
		requireNotFinished();
		if (services.size() > MAX_SERVICES) {
			throw new RuleViolationException("services", "holds at most " + MAX_SERVICES + " services");
		}
		List<ServiceTarget> normalized = new ArrayList<>();
		for (int i = 0; i < services.size(); i++) {
			ServiceTarget service = services.get(i);
			String name = service.name().strip();
			if (normalized.stream().anyMatch((s) -> s.name().equalsIgnoreCase(name))) {
				throw new RuleViolationException("services[" + i + "].name", "names '" + name + "' twice");
			}
			if (service.vendorId() != null
					&& this.vendors.stream().noneMatch((v) -> v.id().equals(service.vendorId()))) {
				throw new RuleViolationException("services[" + i + "].vendorId",
						"project " + this.id + " has no vendor " + service.vendorId());
			}
			normalized
				.add(new ServiceTarget(name, service.availabilityTarget().stripTrailingZeros(), service.vendorId()));
		}
		for (Outage outage : this.outages) {
			if (normalized.stream().noneMatch((s) -> s.name().equalsIgnoreCase(outage.service()))) {
				throw new ConflictException("services",
						"'" + outage.service() + "' has recorded outages; it stays in the list");
			}
		}
		ServiceCatalogue before = services();
		if (before.services().equals(normalized)) {
			return before;
		}
		this.services = new ServiceCatalogue(normalized, before.revision() + 1, now, actor);
		registerEvent(ProjectEvents.servicesChanged(this, this.services), this.id, this.id, now);
		changed("services", this.services);
		touched(actor, now);
		return this.services;
	}

	/**
	 * Records an outage of one of the project's services.
	 * @param facts what is known of it
	 * @param request the client's request, or {@code null}
	 * @param actor who records it
	 * @param now the current time
	 * @return the outage
	 */
	Outage recordOutage(Outage.Facts facts, ClientRequest request, Actor actor, Instant now) {
		requireNotFinished();
		if (this.outages.size() >= MAX_OUTAGES) {
			throw new ConflictException(null, "a project records at most " + MAX_OUTAGES + " outages");
		}
		ServiceTarget service = services().service(facts.service());
		if (service == null) {
			throw new RuleViolationException("service",
					"'" + facts.service().strip() + "' is not one of the project's services");
		}
		if (!facts.planned() && facts.start().isAfter(now.plusSeconds(300))) {
			throw new RuleViolationException("start", "an unplanned outage cannot begin in the future");
		}
		requireAfterStart(facts.start(), facts.end(), "end");
		requireAfterStart(facts.start(), facts.respondedAt(), "respondedAt");
		if (facts.changeRequestId() != null) {
			changeRequest(facts.changeRequestId());
		}
		if (facts.milestoneId() != null) {
			milestone(facts.milestoneId());
		}
		Outage outage = Outage.record(
				new Outage.Facts(service.name(), facts.planned(), facts.impact(), facts.start(), facts.end(),
						facts.respondedAt(), facts.cause(), facts.changeRequestId(), facts.milestoneId()),
				request, actor, now);
		this.outages.add(outage);
		registerEvent(ProjectEvents.outageRecorded(this, outage), this.id, this.id, now);
		changed("outages", this.outages);
		touched(actor, now);
		return outage;
	}

	/**
	 * Records what became known of an outage: its end, the response, the cause or a
	 * corrected impact.
	 * @param outageId the outage
	 * @param update what changed
	 * @param actor who records it
	 * @param now the current time
	 * @return the outage after the change
	 */
	Outage updateOutage(UUID outageId, Outage.Update update, Actor actor, Instant now) {
		requireNotFinished();
		Outage outage = outage(outageId);
		requireAfterStart(outage.start(), update.end(), "end");
		requireAfterStart(outage.start(), update.respondedAt(), "respondedAt");
		if (outage.learn(update)) {
			outage.touched(actor, now);
			registerEvent(ProjectEvents.outageUpdated(this, outage), this.id, this.id, now);
			changed("outages", this.outages);
			touched(actor, now);
		}
		return outage;
	}

	private static void requireAfterStart(Instant start, Instant instant, String field) {
		if (instant != null && instant.isBefore(start)) {
			throw new RuleViolationException(field, "must not be before the outage's start");
		}
	}

	/**
	 * Plans an iteration of an agile or hybrid project; iterations do not overlap.
	 * @param plan name, days, goal and committed scope
	 * @param request the client's request, or {@code null}
	 * @param actor who plans it
	 * @param now the current time
	 * @return the iteration
	 */
	Iteration planIteration(Iteration.Plan plan, ClientRequest request, Actor actor, Instant now) {
		requireNotFinished();
		if (this.methodology == Methodology.WATERFALL) {
			throw new ConflictException("methodology", "a waterfall project has phases, not iterations");
		}
		if (this.iterations.size() >= MAX_ITERATIONS) {
			throw new ConflictException(null, "a project records at most " + MAX_ITERATIONS + " iterations");
		}
		requireFreeDays(plan.start(), plan.end(), null);
		Iteration iteration = Iteration.plan(this.iterations.size() + 1, plan, request, actor, now);
		this.iterations.add(iteration);
		registerEvent(ProjectEvents.iterationPlanned(this, iteration, actor, now), this.id, this.id, now);
		changed("iterations", this.iterations);
		touched(actor, now);
		return iteration;
	}

	/**
	 * Changes an iteration that is not completed.
	 * @param iterationId the iteration
	 * @param change what changes ({@code null} parts stay)
	 * @param actor who changes it
	 * @param now the current time
	 * @return the iteration after the change
	 */
	Iteration reviseIteration(UUID iterationId, Iteration.Plan change, Actor actor, Instant now) {
		requireNotFinished();
		Iteration iteration = requireRunning(iteration(iterationId));
		LocalDate start = (change.start() != null) ? change.start() : iteration.start();
		LocalDate end = (change.end() != null) ? change.end() : iteration.end();
		requireFreeDays(start, end, iterationId);
		if (iteration.revise(change)) {
			iteration.touched();
			registerEvent(ProjectEvents.iterationPlanned(this, iteration, actor, now), this.id, this.id, now);
			changed("iterations", this.iterations);
			touched(actor, now);
		}
		return iteration;
	}

	/**
	 * Records how an iteration ended; it must have begun.
	 * @param iterationId the iteration
	 * @param outcome what it achieved
	 * @param actor who records it
	 * @param now the current time
	 * @return the iteration after the change
	 */
	Iteration completeIteration(UUID iterationId, Iteration.Outcome outcome, Actor actor, Instant now) {
		requireNotFinished();
		Iteration iteration = requireRunning(iteration(iterationId));
		// A day's grace: the caller's calendar day may be ahead of UTC's.
		if (iteration.start().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1))) {
			throw new ConflictException(null, "'" + iteration.name() + "' begins on " + iteration.start()
					+ "; an iteration is completed once it has begun");
		}
		iteration.complete(outcome, actor, now);
		iteration.touched();
		registerEvent(ProjectEvents.iterationCompleted(this, iteration), this.id, this.id, now);
		changed("iterations", this.iterations);
		touched(actor, now);
		return iteration;
	}

	private void requireFreeDays(LocalDate start, LocalDate end, UUID except) {
		if (end.isBefore(start)) {
			throw new RuleViolationException("end", "must not be before start");
		}
		this.iterations.stream()
			.filter((i) -> !i.id().equals(except) && i.overlaps(start, end))
			.findFirst()
			.ifPresent((other) -> {
				throw new RuleViolationException("start", "overlaps '" + other.name() + "' (" + other.start() + " to "
						+ other.end() + "); iterations follow one another");
			});
	}

	private static Iteration requireRunning(Iteration iteration) {
		if (iteration.completed()) {
			throw new ConflictException(null, "'" + iteration.name() + "' is completed; it no longer changes");
		}
		return iteration;
	}

	/**
	 * One iteration.
	 * @param iterationId the iteration's id
	 * @return the iteration
	 * @throws NotFoundException if the project has none of that id
	 */
	public Iteration iteration(UUID iterationId) {
		return this.iterations.stream()
			.filter((i) -> i.id().equals(iterationId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(null, "project " + this.id + " has no iteration " + iterationId));
	}

	/**
	 * The iterations, in the order planned.
	 * @return the iterations
	 */
	public List<Iteration> iterations() {
		return List.copyOf(this.iterations);
	}

	/**
	 * The services the project answers for; empty, at revision 0, until first set.
	 * @return the catalogue
	 */
	public ServiceCatalogue services() {
		return (this.services != null) ? this.services : new ServiceCatalogue();
	}

	/**
	 * The outages, in the order recorded.
	 * @return the outages
	 */
	public List<Outage> outages() {
		return List.copyOf(this.outages);
	}

	/**
	 * One outage.
	 * @param outageId the outage's id
	 * @return the outage
	 * @throws NotFoundException if the project recorded none of that id
	 */
	public Outage outage(UUID outageId) {
		return this.outages.stream()
			.filter((o) -> o.id().equals(outageId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(null, "project " + this.id + " has no outage " + outageId));
	}

	/**
	 * The resource plan; empty, at revision 0, until it is first set.
	 * @return the plan
	 */
	public ResourcePlan resourcePlan() {
		return (this.resourcePlan != null) ? this.resourcePlan : new ResourcePlan();
	}

	/**
	 * One vendor.
	 * @param vendorId the vendor's id
	 * @return the vendor
	 * @throws NotFoundException if the project engages none of that id
	 */
	public Vendor vendor(UUID vendorId) {
		return this.vendors.stream()
			.filter((v) -> v.id().equals(vendorId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException(null, "project " + this.id + " has no vendor " + vendorId));
	}

	/**
	 * The vendors, in the order engaged.
	 * @return the vendors
	 */
	public List<Vendor> vendors() {
		return List.copyOf(this.vendors);
	}

	private void requireNewVendorName(String name, UUID except) {
		boolean taken = this.vendors.stream()
			.anyMatch((v) -> !v.id().equals(except) && v.name().equalsIgnoreCase(name.strip()));
		if (taken) {
			throw new ConflictException("name", "'" + name.strip() + "' is already a vendor of this project");
		}
	}

	private static Deliverable requireOwed(Deliverable deliverable) {
		if (!deliverable.open()) {
			throw new ConflictException(null,
					"'" + deliverable.name() + "' was accepted; an accepted deliverable no longer changes");
		}
		return deliverable;
	}

	private void vendorsChanged(Actor actor, Instant now) {
		changed("vendors", this.vendors);
		this.datesNextCheck = DateWatchClaim.AT_ONCE;
		changed("datesNextCheck", this.datesNextCheck);
		touched(actor, now);
	}

	/**
	 * The first day on which the date watch may have something to report.
	 * @return the day, or {@code null} if nothing is left to watch
	 */
	LocalDate datesNextCheck() {
		return this.datesNextCheck;
	}

	/**
	 * The date watch's claim on the project.
	 * @return the claim, or {@code null}
	 */
	DateWatchClaim datesClaim() {
		return this.datesClaim;
	}

	/**
	 * How often the change calendar marked the project to be looked at again.
	 * @return the count, or {@code null} for never
	 */
	Long datesMarks() {
		return this.datesMarks;
	}

	/**
	 * The schedule, in the order milestones were planned.
	 * @return the milestones
	 */
	public List<Milestone> milestones() {
		return List.copyOf(this.milestones);
	}

	private static void requireOpen(Milestone milestone, String field) {
		if (!milestone.open()) {
			throw new ConflictException(field,
					"'" + milestone.name() + "' is " + milestone.status().name().toLowerCase(Locale.ROOT)
							+ "; only a planned milestone changes its dates, dependencies or status");
		}
	}

	private void requireDependencies(UUID milestoneId, List<UUID> dependsOn) {
		Set<UUID> seen = new HashSet<>();
		for (int i = 0; i < dependsOn.size(); i++) {
			UUID dependency = dependsOn.get(i);
			String field = "dependsOn[" + i + "]";
			if (!seen.add(dependency)) {
				throw new RuleViolationException(field, "lists " + dependency + " twice");
			}
			if (dependency.equals(milestoneId)) {
				throw new RuleViolationException(field, "a milestone cannot depend on itself");
			}
			if (this.milestones.stream().noneMatch((m) -> m.id().equals(dependency))) {
				throw new RuleViolationException(field, "project " + this.id + " has no milestone " + dependency);
			}
		}
		ScheduleAnalysis.of(this.milestones).cycleThrough(milestoneId, dependsOn).ifPresent((cycle) -> {
			throw new RuleViolationException("dependsOn",
					"would close the cycle " + String.join(" → ", cycle.stream().map(this::nameOf).toList()));
		});
	}

	private String nameOf(UUID milestoneId) {
		return this.milestones.stream()
			.filter((m) -> m.id().equals(milestoneId))
			.map((m) -> "'" + m.name() + "'")
			.findFirst()
			.orElse("this milestone");
	}

	/**
	 * Brings every milestone's conflicts up to date after a change of the schedule and
	 * publishes those that arose and those that went away.
	 */
	private void scheduleChanged(Actor actor, Instant now) {
		refreshConflicts(actor, now);
		changed("milestones", this.milestones);
		// The watch works out the exact day at its next run, with its own horizons.
		this.datesNextCheck = DateWatchClaim.AT_ONCE;
		changed("datesNextCheck", this.datesNextCheck);
		touched(actor, now);
	}

	/**
	 * Brings every milestone's conflicts up to date: with the milestones it depends on,
	 * and, if the project's change calendar was given, with its freezes and maintenance
	 * windows (without it, the calendar conflicts stay as they were). Publishes those
	 * that arose and those that went away.
	 * @return how many arose or went away
	 */
	private int refreshConflicts(Actor actor, Instant now) {
		int changes = 0;
		Map<UUID, List<ScheduleConflict>> current = ScheduleAnalysis.of(this.milestones).conflicts(now);
		for (Milestone milestone : this.milestones) {
			List<ScheduleConflict> before = milestone.conflicts();
			List<ScheduleConflict> after = new ArrayList<>(current.getOrDefault(milestone.id(), List.of()));
			if (this.calendar != null) {
				after.addAll(this.calendar.get().conflictsOf(milestone, now));
			}
			else {
				before.stream().filter((c) -> c.kind() != ScheduleConflictKind.DEPENDENCY).forEach(after::add);
			}
			for (ScheduleConflict conflict : after) {
				if (before.stream().noneMatch(conflict::sameAs)) {
					registerEvent(ProjectEvents.conflictDetected(this, milestone, conflict, actor), this.id, this.id,
							now);
					changes++;
				}
			}
			for (ScheduleConflict conflict : before) {
				if (after.stream().noneMatch(conflict::sameAs)) {
					registerEvent(ProjectEvents.conflictResolved(this, milestone, conflict, actor, now), this.id,
							this.id, now);
					changes++;
				}
			}
			milestone.conflicts(after);
		}
		return changes;
	}

	/**
	 * Gives the project the change calendar its cutovers are checked against in this unit
	 * of work; not stored.
	 * @param calendar the windows that apply to the project, read when first needed; or
	 * {@code null} to leave the calendar conflicts as they are
	 */
	void calendar(Supplier<ChangeCalendar> calendar) {
		if (calendar == null) {
			this.calendar = null;
			return;
		}
		ChangeCalendar[] loaded = new ChangeCalendar[1];
		this.calendar = () -> {
			if (loaded[0] == null) {
				loaded[0] = calendar.get();
			}
			return loaded[0];
		};
	}

	/**
	 * Reports, for the day the date watch runs, each open milestone that was missed or
	 * came within an alert horizon, once per milestone, due date and horizon; then sets
	 * the next day to look and ends the watch's claim. A project that is not active is
	 * left for when it resumes.
	 * @param dueDates the alert horizons
	 * @param today the calendar day in the watch's time zone
	 * @param now the current time
	 * @return how many findings were reported
	 */
	int watchDates(DueDates dueDates, LocalDate today, Instant now) {
		this.datesClaim = null;
		changed("datesClaim", null);
		if (status() != ProjectStatus.ACTIVE) {
			return 0;
		}
		Actor watch = Actor.service(DateWatchClaim.SERVICE);
		// The calendar may have changed since the last look (a freeze declared or
		// lifted).
		int reported = (this.calendar != null) ? refreshConflicts(watch, now) : 0;
		LocalDate next = null;
		for (Milestone milestone : this.milestones) {
			DueDates.Finding finding = dueDates.find(milestone, today);
			if (finding != null) {
				registerEvent(finding.missed() ? ProjectEvents.milestoneMissed(this, finding, today, now, watch)
						: ProjectEvents.milestoneDueSoon(this, finding, now, watch), this.id, this.id, now);
				milestone.reported(finding);
				reported++;
			}
			LocalDate check = dueDates.nextCheck(milestone, today);
			if (check != null && (next == null || check.isBefore(next))) {
				next = check;
			}
		}
		int late = 0;
		for (Vendor vendor : this.vendors) {
			for (Deliverable deliverable : vendor.deliverables()) {
				Integer daysLate = dueDates.daysLate(deliverable, today);
				if (daysLate != null) {
					registerEvent(ProjectEvents.deliverableLate(this, vendor, deliverable, daysLate, today, now, watch),
							this.id, this.id, now);
					deliverable.reportedLate();
					late++;
				}
				LocalDate check = dueDates.nextCheck(deliverable);
				if (check != null && (next == null || check.isBefore(next))) {
					next = check;
				}
			}
		}
		if (reported > 0) {
			changed("milestones", this.milestones);
		}
		if (late > 0) {
			changed("vendors", this.vendors);
			reported += late;
		}
		this.datesNextCheck = next;
		changed("datesNextCheck", next);
		return reported;
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
		this.description = Texts.blankToNull(plan.description());
	}

	/**
	 * The project's current descriptive attributes.
	 * @return the plan
	 */
	public ProjectPlan plan() {
		return new ProjectPlan(this.code, this.name, this.category, this.methodology, this.manager, this.sponsor,
				this.plannedStart, this.plannedFinish, this.description);
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

	/**
	 * Whether the project is being worked on; {@code ACTIVE} for projects written before
	 * status was kept.
	 * @return the status
	 */
	public ProjectStatus status() {
		return (this.status != null) ? this.status : ProjectStatus.ACTIVE;
	}

	public String description() {
		return this.description;
	}

	/**
	 * Every gate decision, oldest first.
	 * @return the gate history
	 */
	public List<GateRecord> gates() {
		return List.copyOf(this.gates);
	}

	/**
	 * Every change of status, oldest first.
	 * @return the status history
	 */
	public List<StatusChange> statusHistory() {
		return List.copyOf(this.statusHistory);
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

	/**
	 * The addresses of everyone who belongs to the project: manager, sponsor and
	 * stakeholders, normalised.
	 * @return the addresses
	 */
	public Set<String> memberEmails() {
		return Set.copyOf(this.memberEmails);
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
