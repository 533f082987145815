package io.infrapm.risk.register;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.ResponseStrategy;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskStatus;
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

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final ProjectMemberships memberships;

	private final RiskBands bands;

	private final Clock clock;

	RiskBook(MongoOperations mongo, Aggregates aggregates, ProjectMemberships memberships, RiskBands bands,
			Clock clock) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.memberships = memberships;
		this.bands = bands;
		this.clock = clock;
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
		RiskRegister register = this.mongo.findById(projectId, RiskRegister.class);
		if (register == null) {
			throw new NotFoundException(null, "no risk register is known for project " + projectId);
		}
		UUID id = (idempotencyKey != null)
				? UUID.nameUUIDFromBytes(("risk/" + projectId + "/" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
				: UUID.randomUUID();
		Risk earlier = this.mongo.findById(id, Risk.class);
		if (earlier != null) {
			return replay(earlier, statement);
		}
		if (register.closed()) {
			throw new ConflictException(null,
					"project " + projectId + " is closed or cancelled; its register takes no new risks");
		}
		RiskRegister numbered = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(projectId)),
				new Update().inc(RiskRegister.RISK_COUNT, 1), FindAndModifyOptions.options().returnNew(true),
				RiskRegister.class);
		String number = "R-" + numbered.riskCount();
		try {
			return new Identified(
					this.aggregates
						.insert(Risk.identify(id, projectId, number, statement, caller.actor(), this.clock.instant())),
					false);
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
	 * One risk, for a caller who may read its project.
	 * @param riskId the risk
	 * @param caller who asks
	 * @return the risk
	 * @throws NotFoundException if there is none, or the caller may not see its project
	 */
	public Risk risk(UUID riskId, Caller caller) {
		Risk risk = this.mongo.findById(riskId, Risk.class);
		if (risk == null) {
			throw new NotFoundException("riskId", "no risk " + riskId);
		}
		ProjectAccess access = this.memberships.accessOf(risk.projectId(), caller);
		if (!access.read()) {
			throw new NotFoundException("riskId", "no risk " + riskId);
		}
		return risk;
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
		if (this.mongo.findById(projectId, RiskRegister.class) == null) {
			throw new NotFoundException(null, "no risk register is known for project " + projectId);
		}
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
	 * @param rationale why, or {@code null}
	 * @param caller its project's manager or a portfolio manager
	 * @return the risk after it
	 */
	public Risk assess(UUID riskId, String ifMatch, AssessmentKind kind, int probability, int impact, String rationale,
			Caller caller) {
		return change(riskId, ifMatch, caller,
				(risk, now) -> risk.assess(kind, probability, impact, rationale, this.bands, caller.actor(), now));
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
	 * Applies a change to a risk under its version: with {@code If-Match}, only to the
	 * version the client saw; without, again to a fresh risk if another writer came in
	 * between. Its project's manager's or a portfolio manager's only.
	 */
	private Risk change(UUID riskId, String ifMatch, Caller caller, BiFunction<Risk, Instant, ?> change) {
		for (int attempt = 1;; attempt++) {
			Risk risk = risk(riskId, caller);
			this.memberships.accessOf(risk.projectId(), caller).requireManage();
			if (ifMatch != null) {
				ETags.requireCurrent(ifMatch, risk.version());
			}
			change.apply(risk, this.clock.instant());
			try {
				return this.aggregates.update(risk);
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
	 * A page of risks.
	 *
	 * @param items the risks
	 * @param total how many match
	 */
	public record Page(List<Risk> items, long total) {
	}

}
