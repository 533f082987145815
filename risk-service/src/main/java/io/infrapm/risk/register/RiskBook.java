package io.infrapm.risk.register;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.ResponseStrategy;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskOrigin;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.UnknownAggregateException;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.ETags;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The risks of all projects: identified in a project's open register by its manager, read
 * by its members, assessed, answered and moved through their life cycle, each change
 * under the risk's version.
 */
@Service
public class RiskBook {

	/** The author of what risk-service raises by itself. */
	public static final Actor SERVICE = Actor.service("risk-service");

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final ProjectMemberships memberships;

	private final RiskBands bands;

	private final Clock clock;

	private final IssueLedger issues;

	private final RiskExposure exposure;

	RiskBook(MongoOperations mongo, Aggregates aggregates, ProjectMemberships memberships, RiskBands bands, Clock clock,
			IssueLedger issues, RiskExposure exposure) {
		this.exposure = exposure;
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.memberships = memberships;
		this.bands = bands;
		this.clock = clock;
		this.issues = issues;
	}

	/**
	 * Records a risk in a project's register, once per idempotency key.
	 * @param projectId the project
	 * @param statement what it is
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the project's manager or a portfolio manager
	 * @return the risk, and whether an earlier request with the key recorded it
	 */
	public Identified identify(UUID projectId, Risk.Statement statement, String idempotencyKey, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireManage();
		RiskRegister register = register(projectId);
		UUID id = RiskRegister.keyedId("risk", projectId, idempotencyKey);
		Risk earlier = this.mongo.findById(id, Risk.class);
		if (earlier != null) {
			return replay(earlier, statement);
		}
		if (register.closed()) {
			throw new ConflictException(null,
					"project " + projectId + " is closed or cancelled; its register takes no new risks");
		}
		String number = "R-" + RiskRegister.counted(this.mongo, projectId, RiskRegister.RISK_COUNT).riskCount();
		try {
			Risk risk = this.aggregates
				.insert(Risk.identify(id, projectId, number, statement, caller.actor(), this.clock.instant()));
			this.exposure.refresh(projectId);
			return new Identified(risk, false);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request with the same key got in first.
			return replay(this.mongo.findById(id, Risk.class), statement);
		}
	}

	private static Identified replay(Risk earlier, Risk.Statement statement) {
		if (!earlier.title().equals(statement.title().strip()) || earlier.type() != statement.type()) {
			throw new RuleViolationException("Idempotency-Key",
					"the key was used before for another risk; use a new key for a new risk");
		}
		return new Identified(earlier, true);
	}

	/**
	 * Records a risk that another service's event raised, once: its id is derived from
	 * what raised it, so a redelivered or a second event about the same thing finds it
	 * there. Assessed at once and escalated as its band asks.
	 * @param projectId the project
	 * @param riskId the risk's derived id
	 * @param statement what it is
	 * @param origin what raised it
	 * @param reference which one
	 * @param probability its inherent probability
	 * @param impact its inherent impact
	 * @param rationale why so
	 * @return what happened
	 * @throws UnknownAggregateException if the project's register is not known yet
	 */
	public HandlingOutcome raise(UUID projectId, UUID riskId, Risk.Statement statement, RiskOrigin origin,
			String reference, int probability, int impact, String rationale) {
		return raise(projectId, riskId, statement, origin, reference, null, probability, impact, rationale, null);
	}

	/**
	 * Records a risk that another service's event raised, as above; when the risk is
	 * already there, a new occurrence of what raised it (a milestone missed again on
	 * another due date) assesses it again, once, its probability one higher.
	 * @param projectId the project
	 * @param riskId the risk's derived id
	 * @param statement what it is
	 * @param origin what raised it
	 * @param reference which one
	 * @param occurrence which occurrence of it, or {@code null} if it cannot recur
	 * @param probability its inherent probability
	 * @param impact its inherent impact
	 * @param rationale why so
	 * @param againRationale why an occurrence again raises the probability, or
	 * {@code null}
	 * @return what happened
	 * @throws UnknownAggregateException if the project's register is not known yet
	 */
	public HandlingOutcome raise(UUID projectId, UUID riskId, Risk.Statement statement, RiskOrigin origin,
			String reference, String occurrence, int probability, int impact, String rationale, String againRationale) {
		RiskRegister register = this.mongo.findById(projectId, RiskRegister.class);
		if (register == null) {
			throw new UnknownAggregateException("no risk register is known for project " + projectId);
		}
		if (register.closed()) {
			return HandlingOutcome.IGNORED;
		}
		if (this.mongo.exists(Query.query(Criteria.where("_id").is(riskId)), Risk.class)) {
			return (occurrence != null) ? again(riskId, register, occurrence, againRationale)
					: HandlingOutcome.DUPLICATE;
		}
		Instant now = this.clock.instant();
		String number = "R-" + RiskRegister.counted(this.mongo, projectId, RiskRegister.RISK_COUNT).riskCount();
		Risk risk = Risk.identify(riskId, projectId, number, statement, origin, reference, SERVICE, now);
		risk.assess(AssessmentKind.INHERENT, probability, impact, rationale, this.bands, SERVICE, now);
		risk.escalate(register.escalationBand(), SERVICE, now);
		if (occurrence != null) {
			risk.firstOccurrence(occurrence);
		}
		try {
			this.aggregates.insert(risk);
			this.exposure.refresh(projectId);
			return HandlingOutcome.APPLIED;
		}
		catch (DuplicateKeyException ex) {
			return HandlingOutcome.DUPLICATE;
		}
	}

	private HandlingOutcome again(UUID riskId, RiskRegister register, String occurrence, String rationale) {
		for (int attempt = 1;; attempt++) {
			Risk risk = this.mongo.findById(riskId, Risk.class);
			Instant now = this.clock.instant();
			if (!risk.occurredAgain(occurrence, rationale, this.bands, SERVICE, now)) {
				return HandlingOutcome.DUPLICATE;
			}
			risk.escalate(register.escalationBand(), SERVICE, now);
			risk.exposureMayHaveChanged(now);
			try {
				this.aggregates.update(risk);
				this.exposure.refresh(risk.projectId());
				return HandlingOutcome.APPLIED;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * One risk, for a caller who may read its project.
	 * @param riskId the risk
	 * @param caller who asks
	 * @return the risk
	 * @throws NotFoundException if there is none, or the caller may not see its project
	 */
	public Risk risk(UUID riskId, Caller caller) {
		return readable(riskId, caller).risk();
	}

	/** A risk and the caller's access to its project, or 404 if they may not read it. */
	private Readable readable(UUID riskId, Caller caller) {
		Risk risk = this.mongo.findById(riskId, Risk.class);
		ProjectAccess access = (risk != null) ? this.memberships.accessOf(risk.projectId(), caller) : null;
		if (access == null || !access.read()) {
			throw new NotFoundException("riskId", "no risk " + riskId);
		}
		return new Readable(risk, access);
	}

	private record Readable(Risk risk, ProjectAccess access) {
	}

	/**
	 * A project's risks, by number, narrowed by status, band and category.
	 * @param projectId the project
	 * @param status only these, or {@code null}
	 * @param band only risks now in this band, or {@code null}
	 * @param category only these, or {@code null}
	 * @param page the page, from 0
	 * @param size its size
	 * @param caller a member of the project
	 * @return the page and how many match
	 */
	public Page risks(UUID projectId, RiskStatus status, RiskBand band, RiskCategory category, int page, int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		register(projectId);
		Criteria criteria = Criteria.where("projectId").is(projectId);
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		if (category != null) {
			criteria = criteria.and("category").is(category);
		}
		List<Risk> all = this.mongo.find(Query.query(criteria).with(Sort.by("identifiedAt", "_id")), Risk.class)
			.stream()
			.filter((r) -> band == null || r.currentBand() == band)
			.toList();
		return new Page(all.stream().skip((long) page * size).limit(size).toList(), all.size());
	}

	/**
	 * The open risks of a project, for its 5 × 5 matrix.
	 * @param projectId the project
	 * @param caller a member of the project
	 * @return the open risks
	 */
	public List<Risk> openRisks(UUID projectId, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		register(projectId);
		return this.mongo.find(Query
			.query(Criteria.where("projectId").is(projectId).and("status").nin(RiskStatus.CLOSED, RiskStatus.OCCURRED)),
				Risk.class);
	}

	/**
	 * The top open risks across the projects a caller may see: at least a band, the
	 * highest score first, then the nearest.
	 * @param caller who asks
	 * @param band the lowest band
	 * @param page the page
	 * @param size its size
	 * @return the page and how many match
	 */
	public Page portfolioRisks(Caller caller, RiskBand band, int page, int size) {
		List<RiskBand> bands = Arrays.stream(RiskBand.values()).filter((b) -> b.compareTo(band) >= 0).toList();
		Criteria criteria = Criteria.where("band").in(bands).and("status").nin(RiskStatus.CLOSED, RiskStatus.OCCURRED);
		if (!caller.readsWholePortfolio()) {
			List<UUID> visible = this.memberships.projectsOf(caller, ProjectAccess::read);
			if (visible.isEmpty()) {
				return new Page(List.of(), 0);
			}
			criteria = criteria.and("projectId").in(visible);
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, Risk.class);
		List<Risk> items = this.mongo
			.find(query.with(Sort.by(Sort.Order.desc("score"), Sort.Order.asc("proximityDate"), Sort.Order.asc("_id")))
				.skip((long) page * size)
				.limit(size), Risk.class);
		return new Page(items, total);
	}

	/**
	 * Changes a risk's statement, category, owner or dates.
	 * @param riskId the risk
	 * @param ifMatch the risk's ETag the client last saw, or {@code null}
	 * @param change what changes
	 * @param caller its project's manager or a portfolio manager
	 * @return the risk after the change
	 */
	public Risk revise(UUID riskId, String ifMatch, Risk.Statement change, Caller caller) {
		return change(riskId, ifMatch, caller, (risk, now) -> risk.revise(change, caller.actor(), now));
	}

	/**
	 * Assesses a risk.
	 * @param riskId the risk
	 * @param ifMatch the risk's ETag, or {@code null}
	 * @param kind inherent or residual
	 * @param probability 1 to 5
	 * @param impact 1 to 5
	 * @param costImpact what it would cost if it happened, or {@code null}
	 * @param rationale why, or {@code null}
	 * @param caller its project's manager or a portfolio manager
	 * @return the risk after it
	 */
	public Risk assess(UUID riskId, String ifMatch, AssessmentKind kind, int probability, int impact,
			BigDecimal costImpact, String rationale, Caller caller) {
		return change(riskId, ifMatch, caller, (risk, now) -> risk.assess(kind, probability, impact, costImpact,
				rationale, this.bands, caller.actor(), now));
	}

	/**
	 * Plans or revises a risk's response.
	 * @param riskId the risk
	 * @param ifMatch the risk's ETag, or {@code null}
	 * @param strategy how it is responded to
	 * @param description what is done
	 * @param contingencyPlan what is done if it happens all the same, or {@code null}
	 * @param caller its project's manager or a portfolio manager
	 * @return the risk after it
	 */
	public Risk respond(UUID riskId, String ifMatch, ResponseStrategy strategy, String description,
			String contingencyPlan, Caller caller) {
		return change(riskId, ifMatch, caller,
				(risk, now) -> risk.respond(strategy, description, contingencyPlan, caller.actor(), now));
	}

	/**
	 * Moves a risk into monitoring or closes it.
	 * @param riskId the risk
	 * @param ifMatch the risk's ETag, or {@code null}
	 * @param to the status
	 * @param reason why
	 * @param caller its project's manager or a portfolio manager
	 * @return the risk after it
	 */
	public Risk transition(UUID riskId, String ifMatch, RiskStatus to, String reason, Caller caller) {
		return change(riskId, ifMatch, caller, (risk, now) -> {
			risk.transition(to, reason, caller.actor(), now);
			return true;
		});
	}

	/**
	 * Plans a mitigation action of a risk's response.
	 * @param riskId the risk
	 * @param ifMatch the risk's ETag, or {@code null}
	 * @param title what is done
	 * @param owner who does it, or {@code null}
	 * @param dueDate by when
	 * @param caller its project's manager or a portfolio manager
	 * @return the action and the risk after it
	 */
	public Acted planAction(UUID riskId, String ifMatch, String title, Person owner, LocalDate dueDate, Caller caller) {
		UUID actionId = UUID.randomUUID();
		Risk risk = change(riskId, ifMatch, caller,
				(r, now) -> r.planAction(actionId, title, owner, dueDate, caller.actor(), now));
		return new Acted(risk.action(actionId), risk);
	}

	/**
	 * Changes a mitigation action.
	 * @param riskId the risk
	 * @param actionId the action
	 * @param ifMatch the risk's ETag, or {@code null}
	 * @param change what changes
	 * @param caller its project's manager or a portfolio manager
	 * @return the action and the risk after it
	 */
	public Acted changeAction(UUID riskId, UUID actionId, String ifMatch, MitigationAction.Change change,
			Caller caller) {
		Risk risk = change(riskId, ifMatch, caller, (r, now) -> r.changeAction(actionId, change, caller.actor(), now));
		return new Acted(risk.action(actionId), risk);
	}

	/**
	 * An action and the risk it belongs to.
	 *
	 * @param action the action
	 * @param risk the risk
	 */
	public record Acted(MitigationAction action, Risk risk) {
	}

	/**
	 * Records that a risk happened: it raises its issue and changes no more.
	 * @param riskId the risk
	 * @param ifMatch the risk's ETag, or {@code null}
	 * @param severity how much the issue it raises hurts
	 * @param owner who resolves that issue, or {@code null} for the risk's owner
	 * @param dueDate by when, or {@code null}
	 * @param description what happened
	 * @param caller its project's manager or a portfolio manager
	 * @return the risk after it
	 */
	public Risk occur(UUID riskId, String ifMatch, IssueSeverity severity, Person owner, LocalDate dueDate,
			String description, Caller caller) {
		UUID issueId = UUID.nameUUIDFromBytes(("issue/" + riskId).getBytes(StandardCharsets.UTF_8));
		String[] number = new String[1];
		Risk risk = change(riskId, ifMatch, caller, (r, now) -> {
			if (number[0] == null && r.status() != RiskStatus.OCCURRED && r.status() != RiskStatus.CLOSED) {
				number[0] = "I-"
						+ RiskRegister.counted(this.mongo, r.projectId(), RiskRegister.ISSUE_COUNT).issueCount();
			}
			Issue.Details details = new Issue.Details(r.number() + " occurred: " + r.title(), description, r.category(),
					severity, (owner != null) ? owner : r.owner(), dueDate);
			return r.occur(issueId, number[0], details, description, caller.actor(), now);
		});
		this.issues.flush(riskId);
		return risk;
	}

	/**
	 * Raises an issue directly, once per idempotency key.
	 * @param projectId the project
	 * @param details what it is
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the project's manager or a portfolio manager
	 * @return the issue, and whether an earlier request with the key raised it
	 */
	public Raised raise(UUID projectId, Issue.Details details, String idempotencyKey, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireManage();
		RiskRegister register = register(projectId);
		UUID id = RiskRegister.keyedId("issue", projectId, idempotencyKey);
		Issue earlier = this.mongo.findById(id, Issue.class);
		if (earlier == null && register.closed()) {
			throw new ConflictException(null,
					"project " + projectId + " is closed or cancelled; its register takes no new issues");
		}
		if (earlier == null) {
			String number = "I-" + RiskRegister.counted(this.mongo, projectId, RiskRegister.ISSUE_COUNT).issueCount();
			try {
				return new Raised(
						this.aggregates
							.insert(Issue.raise(id, projectId, number, details, caller.actor(), this.clock.instant())),
						false);
			}
			catch (DuplicateKeyException ex) {
				earlier = this.mongo.findById(id, Issue.class);
			}
		}
		if (!earlier.title().equals(details.title().strip())) {
			throw new RuleViolationException("Idempotency-Key",
					"the key was used before for another issue; use a new key for a new issue");
		}
		return new Raised(earlier, true);
	}

	/**
	 * One issue, for a caller who may read its project.
	 * @param issueId the issue
	 * @param caller who asks
	 * @return the issue
	 */
	public Issue issue(UUID issueId, Caller caller) {
		Issue issue = this.mongo.findById(issueId, Issue.class);
		if (issue == null || !this.memberships.accessOf(issue.projectId(), caller).read()) {
			throw new NotFoundException("issueId", "no issue " + issueId);
		}
		return issue;
	}

	/**
	 * A project's issues, the first raised first.
	 * @param projectId the project
	 * @param resolved only resolved ({@code true}) or open ({@code false}) ones, or
	 * {@code null} for all
	 * @param page the page
	 * @param size its size
	 * @param caller a member of the project
	 * @return the page and how many match
	 */
	public IssuePage issues(UUID projectId, Boolean resolved, int page, int size, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		register(projectId);
		Criteria criteria = Criteria.where("projectId").is(projectId);
		if (resolved != null) {
			criteria = criteria.and("resolved").is(resolved);
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, Issue.class);
		List<Issue> items = this.mongo.find(query.with(Sort.by("raisedAt", "_id")).skip((long) page * size).limit(size),
				Issue.class);
		return new IssuePage(items, total);
	}

	/**
	 * Resolves an issue, once.
	 * @param issueId the issue
	 * @param resolution how
	 * @param caller its project's manager or a portfolio manager
	 * @return the issue after it
	 */
	public Issue resolve(UUID issueId, String resolution, Caller caller) {
		for (int attempt = 1;; attempt++) {
			Issue issue = issue(issueId, caller);
			this.memberships.accessOf(issue.projectId(), caller).requireManage();
			issue.resolve(resolution, caller.actor(), this.clock.instant());
			try {
				return this.aggregates.update(issue);
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Sets the band from which a project's risks are escalated; each risk climbs the
	 * ladder by it on its next change.
	 * @param projectId the project
	 * @param band the band
	 * @param caller the project's manager or a portfolio manager
	 * @return the register after it
	 */
	public RiskRegister escalateFrom(UUID projectId, RiskBand band, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireManage();
		register(projectId);
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(projectId)),
				new Update().set(RiskRegister.ESCALATION_BAND, band), FindAndModifyOptions.options().returnNew(true),
				RiskRegister.class);
	}

	/**
	 * A project's register, for a caller who may read the project.
	 * @param projectId the project
	 * @param caller who asks
	 * @return the register
	 */
	public RiskRegister register(UUID projectId, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		return register(projectId);
	}

	/**
	 * A project's register.
	 * @param projectId the project
	 * @return the register
	 * @throws NotFoundException if no register is known for it
	 */
	public RiskRegister register(UUID projectId) {
		RiskRegister register = this.mongo.findById(projectId, RiskRegister.class);
		if (register == null) {
			throw new NotFoundException(null, "no risk register is known for project " + projectId);
		}
		return register;
	}

	/**
	 * Applies a change to a risk under its version: with {@code If-Match}, only to the
	 * version the client saw; without, again to a fresh risk if another writer came in
	 * between. Its project's manager's or a portfolio manager's only.
	 */
	private Risk change(UUID riskId, String ifMatch, Caller caller, BiFunction<Risk, Instant, ?> change) {
		for (int attempt = 1;; attempt++) {
			Readable readable = readable(riskId, caller);
			readable.access().requireManage();
			Risk risk = readable.risk();
			if (ifMatch != null) {
				ETags.requireCurrent(ifMatch, risk.version());
			}
			Instant now = this.clock.instant();
			change.apply(risk, now);
			risk.escalate(register(risk.projectId()).escalationBand(), caller.actor(), now);
			risk.exposureMayHaveChanged(now);
			try {
				Risk changed = this.aggregates.update(risk);
				this.exposure.refresh(changed.projectId());
				return changed;
			}
			catch (OptimisticLockingFailureException ex) {
				if (ifMatch != null || attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * A risk recorded.
	 *
	 * @param risk the risk
	 * @param replayed whether an earlier request with the same key recorded it
	 */
	public record Identified(Risk risk, boolean replayed) {
	}

	/**
	 * An issue raised.
	 *
	 * @param issue the issue
	 * @param replayed whether an earlier request with the same key raised it
	 */
	public record Raised(Issue issue, boolean replayed) {
	}

	/**
	 * A page of issues.
	 *
	 * @param items the issues
	 * @param total how many match
	 */
	public record IssuePage(List<Issue> items, long total) {
	}

	/**
	 * A page of risks.
	 *
	 * @param items the risks
	 * @param total how many match
	 */
	public record Page(List<Risk> items, long total) {
	}

}
