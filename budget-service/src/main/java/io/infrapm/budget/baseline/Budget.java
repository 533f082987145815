package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A project's budget. Established once, from the amount approved when the project was
 * created, which becomes its budget at completion (BAC). One per project: the project id
 * is the document id, so establishing it twice is impossible.
 */
@Document("budgets")
public class Budget extends AggregateRoot {

	/** The revision of the project that the copied code and name reflect. */
	static final String PROJECT_REVISION = "projectRevision";

	@Id
	private UUID projectId;

	private UUID budgetId;

	private String projectCode;

	private String projectName;

	private BigDecimal budgetAtCompletion;

	private String currency;

	private Instant establishedAt;

	private long projectRevision;

	Budget() {
		// for the mapping layer
	}

	/**
	 * Establishes a project's budget, from the project's creation.
	 * @param cause the id of the event that created the project; the budget's own event
	 * id is derived from it
	 * @param projectId the project
	 * @param projectCode the project's code, kept for display
	 * @param projectName the project's name, kept for display
	 * @param budgetAtCompletion the approved amount
	 * @param currency its ISO 4217 code
	 * @param now when
	 * @return the budget
	 */
	static Budget establish(UUID cause, UUID projectId, String projectCode, String projectName,
			BigDecimal budgetAtCompletion, String currency, Instant now) {
		if (budgetAtCompletion == null || budgetAtCompletion.signum() < 0) {
			throw new IllegalArgumentException("The budget at completion must be zero or more");
		}
		Budget budget = new Budget();
		budget.projectId = Objects.requireNonNull(projectId, "projectId");
		budget.budgetId = UUID.nameUUIDFromBytes(("budget/" + projectId).getBytes(StandardCharsets.UTF_8));
		budget.projectCode = projectCode;
		budget.projectName = projectName;
		budget.budgetAtCompletion = budgetAtCompletion;
		budget.currency = Objects.requireNonNull(currency, "currency");
		budget.establishedAt = now;
		budget.registerEvent(EventIdempotency.derivedId(cause, "BudgetEstablished"), BudgetEvents.established(budget),
				projectId, budget.budgetId, now);
		return budget;
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

	public UUID projectId() {
		return this.projectId;
	}

	public UUID budgetId() {
		return this.budgetId;
	}

	public String projectCode() {
		return this.projectCode;
	}

	public String projectName() {
		return this.projectName;
	}

	public BigDecimal budgetAtCompletion() {
		return this.budgetAtCompletion;
	}

	public String currency() {
		return this.currency;
	}

	public Instant establishedAt() {
		return this.establishedAt;
	}

}
