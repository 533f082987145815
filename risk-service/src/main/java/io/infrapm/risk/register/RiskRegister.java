package io.infrapm.risk.register;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
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

	/** The band from which a risk is escalated; {@code null} for {@code HIGH}. */
	private RiskBand escalationBand;

	private long projectRevision;

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
		RiskRegister register = new RiskRegister();
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

	/** The field counting the risks numbered. */
	static final String RISK_COUNT = "riskCount";

	/** The field counting the issues numbered. */
	static final String ISSUE_COUNT = "issueCount";

	/** The field of the escalation band. */
	static final String ESCALATION_BAND = "escalationBand";

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
