package io.infrapm.risk.register;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.ProjectRiskExposureChanged;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A project's risk register, opened when the project is created. The project id is the
 * document id: a project has exactly one register.
 */
@Document("registers")
public class RiskRegister extends AggregateRoot {

	/** The revision of the project that the copied code and name reflect. */
	static final String PROJECT_REVISION = "projectRevision";

	@Id
	private UUID projectId;

	private String projectCode;

	private String projectName;

	private Instant openedAt;

	/** How many risks were numbered, for the next number. */
	private long riskCount;

	/** Whether the project was closed or cancelled: no new risks. */
	private boolean closed;

	/** How many issues were numbered. */
	private long issueCount;

	/** How many assumptions were numbered. */
	private long assumptionCount;

	/** How many dependencies were numbered. */
	private long dependencyCount;

	/** The band from which a risk is escalated; {@code null} for {@code HIGH}. */
	private RiskBand escalationBand;

	private long projectRevision;

	/**
	 * The currency of the project's budget, for expected exposure; {@code null} if
	 * unknown.
	 */
	private String currency;

	/**
	 * What the project's open risks added up to when last counted; {@code null} before.
	 */
	private Exposure exposure;

	/** How often the exposure changed. */
	private long exposureRevision;

	private Instant exposureChangedAt;

	RiskRegister() {
		// for the mapping layer
	}

	/**
	 * Opens an empty register for a project.
	 * @param projectId the project
	 * @param projectCode its code, kept for display
	 * @param projectName its name, kept for display
	 * @param now when
	 * @return the register
	 */
	static RiskRegister open(UUID projectId, String projectCode, String projectName, Instant now) {
		return open(projectId, projectCode, projectName, null, now);
	}

	/**
	 * Opens an empty register for a project whose budget's currency is known.
	 * @param projectId the project
	 * @param projectCode its code, kept for display
	 * @param projectName its name, kept for display
	 * @param currency the currency of its budget, or {@code null}
	 * @param now when
	 * @return the register
	 */
	static RiskRegister open(UUID projectId, String projectCode, String projectName, String currency, Instant now) {
		RiskRegister register = new RiskRegister();
		register.currency = currency;
		register.projectId = Objects.requireNonNull(projectId, "projectId");
		register.projectCode = projectCode;
		register.projectName = projectName;
		register.openedAt = now;
		return register;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public String projectCode() {
		return this.projectCode;
	}

	public String projectName() {
		return this.projectName;
	}

	public Instant openedAt() {
		return this.openedAt;
	}

	public long riskCount() {
		return this.riskCount;
	}

	public long issueCount() {
		return this.issueCount;
	}

	public long assumptionCount() {
		return this.assumptionCount;
	}

	public long dependencyCount() {
		return this.dependencyCount;
	}

	/**
	 * The band from which the project's risks are escalated.
	 * @return it, {@code HIGH} unless the manager chose another
	 */
	public RiskBand escalationBand() {
		return (this.escalationBand != null) ? this.escalationBand : RiskBand.HIGH;
	}

	public boolean closed() {
		return this.closed;
	}

	public String currency() {
		return this.currency;
	}

	/**
	 * What the open risks added up to when last counted.
	 * @return it, the empty exposure before the first count
	 */
	public Exposure exposure() {
		return (this.exposure != null) ? this.exposure : Exposure.NONE;
	}

	public long exposureRevision() {
		return this.exposureRevision;
	}

	public Instant exposureChangedAt() {
		return this.exposureChangedAt;
	}

	/**
	 * Keeps a new count of the open risks and, if it differs from the last one, publishes
	 * it.
	 * @param counted what the open risks add up to now
	 * @param now when
	 * @return whether it changed
	 */
	boolean expose(Exposure counted, Instant now) {
		if (counted.equals(exposure())) {
			return false;
		}
		this.exposure = counted;
		this.exposureRevision++;
		this.exposureChangedAt = now;
		changed("exposure", counted);
		changed("exposureRevision", this.exposureRevision);
		changed("exposureChangedAt", now);
		// The id names the project's exposure revision: a copy can never pass for a
		// change.
		registerEvent(
				UUID.nameUUIDFromBytes(("exposure/" + this.projectId + "/" + this.exposureRevision)
					.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				new ProjectRiskExposureChanged(this.projectId, this.exposureRevision, counted.openThreats(),
						counted.low(), counted.medium(), counted.high(), counted.critical(), counted.unassessed(),
						counted.openOpportunities(), counted.topScore(), counted.topRiskId(), counted.topRiskNumber(),
						counted.totalScore(), counted.expectedExposure(), this.currency, now),
				this.projectId, this.projectId, now);
		return true;
	}

	/** The field counting the risks numbered. */
	static final String RISK_COUNT = "riskCount";

	/** The field counting the assumptions numbered. */
	static final String ASSUMPTION_COUNT = "assumptionCount";

	/** The field counting the dependencies numbered. */
	static final String DEPENDENCY_COUNT = "dependencyCount";

	/** The field counting the issues numbered. */
	static final String ISSUE_COUNT = "issueCount";

	/** The field of the escalation band. */
	static final String ESCALATION_BAND = "escalationBand";

	/**
	 * Counts one more of the entries a register numbers, for the next number.
	 * @param mongo the store
	 * @param projectId the project
	 * @param counter which count, e.g. {@link #RISK_COUNT}
	 * @return the register with the count raised
	 */
	static RiskRegister counted(MongoOperations mongo, UUID projectId, String counter) {
		return mongo.findAndModify(Query.query(Criteria.where("_id").is(projectId)), new Update().inc(counter, 1),
				FindAndModifyOptions.options().returnNew(true), RiskRegister.class);
	}

	/**
	 * The id of an entry a client recorded under an idempotency key, the same for every
	 * retry; a random one without a key.
	 * @param kind what the entry is, e.g. {@code risk}
	 * @param projectId the project
	 * @param idempotencyKey the client's key, or {@code null}
	 * @return the id
	 */
	static UUID keyedId(String kind, UUID projectId, String idempotencyKey) {
		return (idempotencyKey != null) ? UUID.nameUUIDFromBytes(
				(kind + "/" + projectId + "/" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8))
				: UUID.randomUUID();
	}

	/**
	 * The update that closes the register: the project was closed or cancelled.
	 * @return the update, idempotent
	 */
	static Update close() {
		return new Update().set("closed", true);
	}

	/**
	 * The update that keeps the copy of the project's code and name current.
	 * @param code the project's code
	 * @param name its name
	 * @return the update, to be applied only for a newer project revision
	 */
	static Update renamed(String code, String name) {
		return new Update().set("projectCode", code).set("projectName", name);
	}

}
