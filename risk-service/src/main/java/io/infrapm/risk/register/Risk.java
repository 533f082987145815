package io.infrapm.risk.register;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.ActionStatus;
import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.EscalationLevel;
import io.infrapm.contracts.risk.ResponseStrategy;
import io.infrapm.contracts.risk.MitigationActionChanged;
import io.infrapm.contracts.risk.MitigationActionOverdue;
import io.infrapm.contracts.risk.RiskAssessed;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskClosed;
import io.infrapm.contracts.risk.RiskEscalated;
import io.infrapm.contracts.risk.RiskIdentified;
import io.infrapm.contracts.risk.RiskOccurred;
import io.infrapm.contracts.risk.RiskOrigin;
import io.infrapm.contracts.risk.RiskResponsePlanned;
import io.infrapm.contracts.risk.RiskReviewOverdue;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.contracts.risk.RiskStatusChanged;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.contracts.risk.RiskUpdated;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One risk of a project's register, its own document so that a busy register does not
 * make every edit conflict with every other. Stated as cause, event and effect; scored
 * inherent and residual, probability × impact, with every assessment kept; answered by a
 * PMBOK response; and moved through {@code IDENTIFIED → ASSESSED → RESPONSE_PLANNED →
 * MONITORING → CLOSED}. A closed risk changes no more.
 */
@Document("risks")
public class Risk extends AggregateRoot {

	@Id
	private UUID id;

	@Indexed
	private UUID projectId;

	private String number;

	private String title;

	private String cause;

	private String event;

	private String effect;

	private RiskCategory category;

	private RiskType type;

	private Person owner;

	private LocalDate proximityDate;

	private LocalDate nextReviewDate;

	private RiskStatus status;

	private RiskOrigin origin;

	/**
	 * The occurrences of what raised the risk that it took in (e.g. each due date its
	 * milestone was missed on), so that a redelivery of one changes nothing.
	 */
	private List<String> occurrences = new ArrayList<>();

	/** The actions of its response. */
	private List<MitigationAction> actions = new ArrayList<>();

	/** The review date whose passing was reported, or {@code null}. */
	private LocalDate reviewOverdueReportedFor;

	private String originReference;

	/**
	 * The band it stands in now, kept for the views to query: residual, else inherent.
	 */
	private RiskBand band;

	/** The score of that band. */
	private int score;

	private Assessment inherent;

	private Assessment residual;

	private List<Assessment> assessments = new ArrayList<>();

	private Response response;

	private String closedReason;

	/** The highest level the risk was escalated to, or {@code null}. */
	private EscalationLevel escalatedTo;

	/** The issue its occurrence raised, or {@code null}. */
	private UUID issueId;

	/** That issue, until it is in the issues collection ({@link IssueLedger}). */
	@Indexed(sparse = true)
	private PendingIssue pendingIssue;

	private long revision;

	/**
	 * When the risk was last written in a way that may change its project's exposure,
	 * until {@link RiskExposure} has counted that write; {@code null} after.
	 */
	@Indexed(sparse = true)
	private Instant exposureSince;

	private Instant identifiedAt;

	private Actor identifiedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	Risk() {
		// for the mapping layer
	}

	/**
	 * Records a new risk.
	 * @param id its id
	 * @param projectId the project
	 * @param number its number in the project's register
	 * @param statement what it is
	 * @param actor who records it
	 * @param now when
	 * @return the risk, {@code IDENTIFIED}
	 */
	static Risk identify(UUID id, UUID projectId, String number, Statement statement, Actor actor, Instant now) {
		return identify(id, projectId, number, statement, RiskOrigin.MANUAL, null, actor, now);
	}

	/**
	 * Records a new risk that something raised.
	 * @param id its id
	 * @param projectId the project
	 * @param number its number in the project's register
	 * @param statement what it is
	 * @param origin who or what raised it
	 * @param originReference what raised it, or {@code null}
	 * @param actor who records it
	 * @param now when
	 * @return the risk, {@code IDENTIFIED}
	 */
	static Risk identify(UUID id, UUID projectId, String number, Statement statement, RiskOrigin origin,
			String originReference, Actor actor, Instant now) {
		Risk risk = new Risk();
		risk.origin = origin;
		risk.originReference = originReference;
		risk.id = Objects.requireNonNull(id, "id");
		risk.projectId = Objects.requireNonNull(projectId, "projectId");
		risk.number = number;
		risk.type = Objects.requireNonNull(statement.type(), "type");
		risk.describe(statement);
		risk.status = RiskStatus.IDENTIFIED;
		risk.revision = 1;
		risk.identifiedAt = now;
		risk.exposureSince = now;
		risk.identifiedBy = actor;
		risk.updatedAt = now;
		risk.updatedBy = actor;
		risk.registerEvent(new RiskIdentified(projectId, id, number, risk.title, risk.cause, risk.event, risk.effect,
				risk.category, risk.type, risk.owner, risk.proximityDate, risk.nextReviewDate, origin, originReference,
				now, actor), projectId, id, now);
		return risk;
	}

	/**
	 * Changes the risk's description; {@code null} fields stay as they are.
	 * @param change what changes
	 * @param actor who changes it
	 * @param now when
	 * @return whether anything changed
	 */
	boolean revise(Statement change, Actor actor, Instant now) {
		requireOpen();
		if (change.type() != null && change.type() != this.type) {
			throw new RuleViolationException("type",
					"a threat does not become an opportunity; close it and identify the other");
		}
		Statement before = statement();
		Statement after = new Statement(or(change.title(), this.title), or(change.cause(), this.cause),
				or(change.event(), this.event), or(change.effect(), this.effect),
				(change.category() != null) ? change.category() : this.category, this.type,
				(change.owner() != null) ? change.owner() : this.owner,
				(change.proximityDate() != null) ? change.proximityDate() : this.proximityDate,
				(change.nextReviewDate() != null) ? change.nextReviewDate() : this.nextReviewDate);
		if (after.equals(before)) {
			return false;
		}
		describe(after);
		touched(actor, now);
		changed("title", this.title);
		changed("cause", this.cause);
		changed("event", this.event);
		changed("effect", this.effect);
		changed("category", this.category);
		changed("owner", this.owner);
		changed("proximityDate", this.proximityDate);
		changed("nextReviewDate", this.nextReviewDate);
		registerEvent(
				new RiskUpdated(this.projectId, this.id, this.number, this.title, this.cause, this.event, this.effect,
						this.category, this.owner, this.proximityDate, this.nextReviewDate, this.revision, now, actor),
				this.projectId, this.id, now);
		return true;
	}

	/**
	 * Assesses the risk; the first inherent assessment moves it to {@code ASSESSED}. A
	 * residual assessment needs a planned response (it is what is left once the response
	 * works).
	 * @param kind inherent or residual
	 * @param probability 1 to 5
	 * @param impact 1 to 5
	 * @param rationale why, or {@code null}
	 * @param bands the bands of the scores
	 * @param actor who assesses it
	 * @param now when
	 * @return the assessment
	 */
	Assessment assess(AssessmentKind kind, int probability, int impact, String rationale, RiskBands bands, Actor actor,
			Instant now) {
		return assess(kind, probability, impact, null, rationale, bands, actor, now);
	}

	/**
	 * Assesses the risk, with what it would cost if it happened.
	 * @param kind inherent or residual
	 * @param probability 1 to 5
	 * @param impact 1 to 5
	 * @param costImpact what it would cost, in the project's currency, or {@code null}
	 * @param rationale why, or {@code null}
	 * @param bands the bands of the scores
	 * @param actor who assesses it
	 * @param now when
	 * @return the assessment
	 */
	Assessment assess(AssessmentKind kind, int probability, int impact, BigDecimal costImpact, String rationale,
			RiskBands bands, Actor actor, Instant now) {
		requireOpen();
		if (costImpact != null && costImpact.signum() < 0) {
			throw new RuleViolationException("costImpact",
					"must not be negative; an opportunity's value is positive too");
		}
		int score = RiskBands.score(probability, impact);
		if (kind == AssessmentKind.RESIDUAL && this.response == null) {
			throw new ConflictException("kind",
					"a residual assessment scores what is left once the response works; plan the response first");
		}
		Assessment assessment = new Assessment(kind, probability, impact, score, bands.band(score),
				(rationale != null && !rationale.isBlank()) ? rationale.strip() : null, costImpact, now, actor);
		Assessment previous = (kind == AssessmentKind.INHERENT) ? this.inherent : this.residual;
		if (kind == AssessmentKind.INHERENT) {
			this.inherent = assessment;
			changed("inherent", assessment);
		}
		else {
			this.residual = assessment;
			changed("residual", assessment);
		}
		this.assessments.add(assessment);
		changed("assessments", this.assessments);
		Assessment current = (this.residual != null) ? this.residual : this.inherent;
		this.band = current.band();
		this.score = current.score();
		changed("band", this.band);
		changed("score", this.score);
		if (this.status == RiskStatus.IDENTIFIED) {
			this.status = RiskStatus.ASSESSED;
			changed("status", this.status);
		}
		touched(actor, now);
		registerEvent(new RiskAssessed(this.projectId, this.id, this.number, kind, probability, impact, score,
				assessment.band(), (previous != null) ? previous.band() : null, assessment.rationale(), this.status,
				now, actor), this.projectId, this.id, now);
		return assessment;
	}

	/**
	 * Plans or revises the response; an assessed risk moves to {@code RESPONSE_PLANNED}.
	 * @param strategy how it is responded to, one that answers the risk's type
	 * @param description what is done
	 * @param contingencyPlan what is done if it happens all the same, or {@code null}
	 * @param actor who plans it
	 * @param now when
	 * @return the response
	 */
	Response respond(ResponseStrategy strategy, String description, String contingencyPlan, Actor actor, Instant now) {
		requireOpen();
		if (!strategy.answers(this.type)) {
			throw new RuleViolationException("strategy",
					strategy + " does not answer " + article(this.type) + "; "
							+ ((this.type == RiskType.THREAT) ? "ESCALATE, AVOID, TRANSFER, MITIGATE or ACCEPT"
									: "ESCALATE, EXPLOIT, SHARE, ENHANCE or ACCEPT")
							+ " do");
		}
		if (this.status == RiskStatus.IDENTIFIED) {
			throw new ConflictException("status", "risk " + this.number + " is not assessed yet; assess it first");
		}
		this.response = new Response(strategy, description.strip(),
				(contingencyPlan != null && !contingencyPlan.isBlank()) ? contingencyPlan.strip() : null, now, actor);
		changed("response", this.response);
		if (this.status == RiskStatus.ASSESSED) {
			this.status = RiskStatus.RESPONSE_PLANNED;
			changed("status", this.status);
		}
		touched(actor, now);
		registerEvent(new RiskResponsePlanned(this.projectId, this.id, this.number, strategy,
				this.response.description(), this.response.contingencyPlan(), this.status, now, actor), this.projectId,
				this.id, now);
		return this.response;
	}

	/**
	 * Moves the risk into monitoring or closes it, as its manager decides.
	 * @param to {@code MONITORING} or {@code CLOSED}
	 * @param reason why
	 * @param actor who decides
	 * @param now when
	 */
	void transition(RiskStatus to, String reason, Actor actor, Instant now) {
		requireOpen();
		RiskStatus from = this.status;
		switch (to) {
			case MONITORING -> {
				if (from != RiskStatus.RESPONSE_PLANNED) {
					throw new ConflictException("to", "risk " + this.number + " is " + from
							+ "; only a risk with a planned response moves into monitoring");
				}
			}
			case CLOSED -> {
				// Any open risk may be closed: it no longer applies.
			}
			case IDENTIFIED, ASSESSED,
					RESPONSE_PLANNED ->
				throw new ConflictException("to",
						"a risk becomes " + to + " by being "
								+ ((to == RiskStatus.RESPONSE_PLANNED) ? "given a response" : "assessed")
								+ ", not by a transition");
			case OCCURRED -> throw new ConflictException("to",
					"a risk that happened is recorded with POST .../occurrence, which raises its issue");
		}
		this.status = to;
		changed("status", to);
		String why = reason.strip();
		if (to == RiskStatus.CLOSED) {
			this.closedReason = why;
			changed("closedReason", why);
			registerEvent(new RiskClosed(this.projectId, this.id, this.number, from, why, now, actor), this.projectId,
					this.id, now);
		}
		else {
			registerEvent(new RiskStatusChanged(this.projectId, this.id, this.number, from, to, why, now, actor),
					this.projectId, this.id, now);
		}
		touched(actor, now);
	}

	/**
	 * Records that the risk happened: it raises its issue, named by it, and changes no
	 * more. The issue waits in the risk until {@link IssueLedger} has stored it; its
	 * {@code IssueRaised} goes out with the risk's {@code RiskOccurred}, in the same
	 * write.
	 * @param issueId the new issue's id
	 * @param issueNumber its number
	 * @param details what the issue is
	 * @param description what happened
	 * @param actor who records it
	 * @param now when
	 * @return the pending issue
	 */
	PendingIssue occur(UUID issueId, String issueNumber, Issue.Details details, String description, Actor actor,
			Instant now) {
		requireOpen();
		RiskStatus from = this.status;
		this.status = RiskStatus.OCCURRED;
		this.issueId = issueId;
		this.pendingIssue = new PendingIssue(issueId, issueNumber, details, now, actor);
		changed("status", this.status);
		changed("issueId", issueId);
		changed("pendingIssue", this.pendingIssue);
		touched(actor, now);
		registerEvent(
				new RiskOccurred(this.projectId, this.id, this.number, from, issueId, description.strip(), now, actor),
				this.projectId, this.id, now);
		registerEvent(this.pendingIssue.toIssue(this.projectId, this.id).raised(), this.projectId, issueId, now);
		return this.pendingIssue;
	}

	/**
	 * Escalates the risk up the ladder if it climbed: its band at the escalation band is
	 * the manager's, one above the sponsor's, two above the steering committee's; an
	 * {@code ESCALATE} response is the steering committee's. Once per level.
	 * @param escalationBand the project's escalation band
	 * @param actor whose change it follows
	 * @param now when
	 */
	void escalate(RiskBand escalationBand, Actor actor, Instant now) {
		if (this.status == RiskStatus.CLOSED || this.status == RiskStatus.OCCURRED) {
			return;
		}
		RiskBand band = currentBand();
		EscalationLevel level = null;
		String reason = null;
		if (band != null && band.compareTo(escalationBand) >= 0) {
			int above = Math.min(band.ordinal() - escalationBand.ordinal(), 2);
			level = EscalationLevel.values()[above];
			reason = "band " + band + ", the escalation band being " + escalationBand;
		}
		if (this.response != null && this.response.strategy() == ResponseStrategy.ESCALATE) {
			level = EscalationLevel.STEERING_COMMITTEE;
			reason = "the response is to escalate it";
		}
		if (level == null || (this.escalatedTo != null && level.compareTo(this.escalatedTo) <= 0)) {
			return;
		}
		this.escalatedTo = level;
		changed("escalatedTo", level);
		Assessment current = (this.residual != null) ? this.residual : this.inherent;
		registerEvent(new RiskEscalated(this.projectId, this.id, this.number, this.title, level, band,
				(current != null) ? current.score() : 0, reason, now, actor), this.projectId, this.id, now);
	}

	private void describe(Statement statement) {
		if (blank(statement.title()) || blank(statement.cause()) || blank(statement.event())
				|| blank(statement.effect())) {
			throw new RuleViolationException(firstBlank(statement),
					"a risk is stated as title, cause, event and effect");
		}
		this.title = statement.title().strip();
		this.cause = statement.cause().strip();
		this.event = statement.event().strip();
		this.effect = statement.effect().strip();
		this.category = Objects.requireNonNull(statement.category(), "category");
		this.owner = statement.owner();
		this.proximityDate = statement.proximityDate();
		this.nextReviewDate = statement.nextReviewDate();
	}

	private Statement statement() {
		return new Statement(this.title, this.cause, this.event, this.effect, this.category, this.type, this.owner,
				this.proximityDate, this.nextReviewDate);
	}

	private void requireOpen() {
		if (this.status == RiskStatus.CLOSED || this.status == RiskStatus.OCCURRED) {
			throw new ConflictException(null, "risk " + this.number + " is " + this.status + "; it changes no more");
		}
	}

	private void touched(Actor actor, Instant now) {
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
		changed("revision", this.revision);
		changed("updatedAt", now);
		changed("updatedBy", actor);
	}

	private static String or(String value, String otherwise) {
		return (value != null) ? value : otherwise;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String firstBlank(Statement s) {
		return blank(s.title()) ? "title" : blank(s.cause()) ? "cause" : blank(s.event()) ? "event" : "effect";
	}

	private static String article(RiskType type) {
		return (type == RiskType.THREAT) ? "a threat" : "an opportunity";
	}

	/**
	 * The band the risk stands in now: its residual score once assessed, its inherent
	 * score before.
	 * @return the band, or {@code null} before any assessment
	 */
	public RiskBand currentBand() {
		Assessment current = (this.residual != null) ? this.residual : this.inherent;
		return (current != null) ? current.band() : null;
	}

	/**
	 * Whether the risk is still open: not closed, and it did not happen.
	 * @return {@code true} if open
	 */
	public boolean open() {
		return this.status != RiskStatus.CLOSED && this.status != RiskStatus.OCCURRED;
	}

	public UUID id() {
		return this.id;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public String number() {
		return this.number;
	}

	public String title() {
		return this.title;
	}

	public String cause() {
		return this.cause;
	}

	public String event() {
		return this.event;
	}

	public String effect() {
		return this.effect;
	}

	public RiskCategory category() {
		return this.category;
	}

	public RiskType type() {
		return this.type;
	}

	public Person owner() {
		return this.owner;
	}

	public LocalDate proximityDate() {
		return this.proximityDate;
	}

	public LocalDate nextReviewDate() {
		return this.nextReviewDate;
	}

	public RiskStatus status() {
		return this.status;
	}

	/**
	 * Who or what raised the risk.
	 * @return the origin; {@code MANUAL} for a risk recorded before origins were kept
	 */
	/**
	 * Takes in another occurrence of what raised the risk, once: a milestone missed
	 * again, after it was rescheduled. The risk is assessed again (its residual
	 * assessment once made, else its inherent one), its probability one higher (at most
	 * 5).
	 * @param occurrence which occurrence, e.g. the due date that was missed
	 * @param rationale why it is assessed again
	 * @param bands the bands of the scores
	 * @param actor who takes it in
	 * @param now when
	 * @return whether it was new and the risk open
	 */
	boolean occurredAgain(String occurrence, String rationale, RiskBands bands, Actor actor, Instant now) {
		if (this.occurrences.contains(occurrence) || !open()) {
			return false;
		}
		this.occurrences.add(occurrence);
		changed("occurrences", this.occurrences);
		// The assessment that sets its band now: the residual one once made.
		AssessmentKind kind = (this.residual != null) ? AssessmentKind.RESIDUAL : AssessmentKind.INHERENT;
		Assessment current = (this.residual != null) ? this.residual : this.inherent;
		int probability = (current != null) ? Math.min(5, current.probability() + 1) : 5;
		int impact = (current != null) ? current.impact() : 4;
		assess(kind, probability, impact, (current != null) ? current.costImpact() : null, rationale, bands, actor,
				now);
		return true;
	}

	/** The most actions a risk's response holds. */
	static final int MAX_ACTIONS = 100;

	/**
	 * Plans an action of the response.
	 * @param id its id
	 * @param title what is done
	 * @param owner who does it, or {@code null}
	 * @param dueDate by when
	 * @param actor who plans it
	 * @param now when
	 * @return the action
	 */
	MitigationAction planAction(UUID id, String title, Person owner, LocalDate dueDate, Actor actor, Instant now) {
		requireOpen();
		if (this.actions.size() >= MAX_ACTIONS) {
			throw new ConflictException(null, "a risk's response holds at most " + MAX_ACTIONS + " actions");
		}
		if (blank(title)) {
			throw new RuleViolationException("title", "must not be blank");
		}
		MitigationAction action = new MitigationAction(id, title.strip(), owner, Objects.requireNonNull(dueDate),
				ActionStatus.OPEN, now, actor, now, actor, null);
		this.actions.add(action);
		changed("actions", this.actions);
		touched(actor, now);
		registerEvent(new MitigationActionChanged(this.projectId, this.id, this.number, id, action.title(), owner,
				dueDate, ActionStatus.OPEN, null, now, actor), this.projectId, id, now);
		return action;
	}

	/**
	 * Changes an action: its title, owner, due date or status. A done or cancelled action
	 * changes no more.
	 * @param actionId the action
	 * @param change what changes
	 * @param actor who changes it
	 * @param now when
	 * @return the action after it
	 */
	MitigationAction changeAction(UUID actionId, MitigationAction.Change change, Actor actor, Instant now) {
		requireOpen();
		int index = indexOf(actionId);
		MitigationAction before = this.actions.get(index);
		if (!before.status().pending()) {
			throw new ConflictException("status",
					"action " + actionId + " is " + before.status() + " and changes no more");
		}
		if (change.title() != null && blank(change.title())) {
			throw new RuleViolationException("title", "must not be blank");
		}
		MitigationAction after = new MitigationAction(before.id(),
				(change.title() != null) ? change.title().strip() : before.title(),
				(change.owner() != null) ? change.owner() : before.owner(),
				(change.dueDate() != null) ? change.dueDate() : before.dueDate(),
				(change.status() != null) ? change.status() : before.status(), before.plannedAt(), before.plannedBy(),
				now, actor, before.overdueReportedFor());
		if (after.title().equals(before.title()) && Objects.equals(after.owner(), before.owner())
				&& after.dueDate().equals(before.dueDate()) && after.status() == before.status()) {
			return before;
		}
		this.actions.set(index, after);
		changed("actions", this.actions);
		touched(actor, now);
		registerEvent(
				new MitigationActionChanged(this.projectId, this.id, this.number, actionId, after.title(),
						after.owner(), after.dueDate(), after.status(), before.status(), now, actor),
				this.projectId, actionId, now);
		return after;
	}

	/**
	 * One action.
	 * @param actionId its id
	 * @return it
	 * @throws NotFoundException if the risk has no such action
	 */
	public MitigationAction action(UUID actionId) {
		return this.actions.get(indexOf(actionId));
	}

	private int indexOf(UUID actionId) {
		for (int i = 0; i < this.actions.size(); i++) {
			if (this.actions.get(i).id().equals(actionId)) {
				return i;
			}
		}
		throw new NotFoundException(null, "risk " + this.number + " has no action " + actionId);
	}

	public List<MitigationAction> actions() {
		return List.copyOf(this.actions);
	}

	/**
	 * Reports what passed its date unreported: each action still to be done past its due
	 * date, and the review date of an open risk, each once per date.
	 * @param today the day, in the watch's time zone
	 * @param now when
	 * @return whether anything was reported
	 */
	boolean reportOverdue(LocalDate today, Instant now) {
		if (!open()) {
			return false;
		}
		boolean reported = false;
		for (int i = 0; i < this.actions.size(); i++) {
			MitigationAction action = this.actions.get(i);
			if (action.overdueUnreported(today)) {
				this.actions.set(i, action.reportedOverdue());
				registerEvent(
						new MitigationActionOverdue(this.projectId, this.id, this.number, this.title, action.id(),
								action.title(), action.owner(), action.dueDate(),
								(int) ChronoUnit.DAYS.between(action.dueDate(), today), today, now),
						this.projectId, action.id(), now);
				reported = true;
			}
		}
		if (reported) {
			changed("actions", this.actions);
		}
		if (this.nextReviewDate != null && this.nextReviewDate.isBefore(today)
				&& !this.nextReviewDate.equals(this.reviewOverdueReportedFor)) {
			this.reviewOverdueReportedFor = this.nextReviewDate;
			changed("reviewOverdueReportedFor", this.nextReviewDate);
			registerEvent(
					new RiskReviewOverdue(this.projectId, this.id, this.number, this.title, this.owner, currentBand(),
							this.nextReviewDate, (int) ChronoUnit.DAYS.between(this.nextReviewDate, today), today, now),
					this.projectId, this.id, now);
			reported = true;
		}
		return reported;
	}

	/**
	 * Records the first occurrence of what raised the risk.
	 * @param occurrence which occurrence
	 */
	void firstOccurrence(String occurrence) {
		this.occurrences.add(occurrence);
		changed("occurrences", this.occurrences);
	}

	public List<String> occurrences() {
		return List.copyOf(this.occurrences);
	}

	public RiskOrigin origin() {
		return (this.origin != null) ? this.origin : RiskOrigin.MANUAL;
	}

	public String originReference() {
		return this.originReference;
	}

	public Assessment inherent() {
		return this.inherent;
	}

	public Assessment residual() {
		return this.residual;
	}

	public List<Assessment> assessments() {
		return List.copyOf(this.assessments);
	}

	public Response response() {
		return this.response;
	}

	public String closedReason() {
		return this.closedReason;
	}

	public EscalationLevel escalatedTo() {
		return this.escalatedTo;
	}

	public UUID issueId() {
		return this.issueId;
	}

	public PendingIssue pendingIssue() {
		return this.pendingIssue;
	}

	/**
	 * Marks the risk as written in a way its project's exposure may have to count.
	 * @param now when
	 */
	void exposureMayHaveChanged(Instant now) {
		this.exposureSince = now;
		changed("exposureSince", now);
	}

	public Instant exposureSince() {
		return this.exposureSince;
	}

	public long revision() {
		return this.revision;
	}

	public Instant identifiedAt() {
		return this.identifiedAt;
	}

	public Actor identifiedBy() {
		return this.identifiedBy;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

	/**
	 * An issue a risk's occurrence raised, held in the risk until it is stored.
	 *
	 * @param id the issue's id
	 * @param number its number
	 * @param details what it is
	 * @param raisedAt when
	 * @param raisedBy who
	 */
	public record PendingIssue(UUID id, String number, Issue.Details details, Instant raisedAt, Actor raisedBy) {

		Issue toIssue(UUID projectId, UUID riskId) {
			return Issue.of(this.id, projectId, this.number, this.details, riskId, this.raisedBy, this.raisedAt);
		}

	}

	/**
	 * What a risk is; for a change, {@code null} fields stay as they are.
	 *
	 * @param title what it is, in a line
	 * @param cause what may make it happen
	 * @param event what may happen
	 * @param effect what it would do to the project
	 * @param category what it threatens or promises
	 * @param type threat or opportunity
	 * @param owner who owns it
	 * @param proximityDate when it may happen
	 * @param nextReviewDate when it is reviewed next
	 */
	public record Statement(String title, String cause, String event, String effect, RiskCategory category,
			RiskType type, Person owner, LocalDate proximityDate, LocalDate nextReviewDate) {
	}

}
