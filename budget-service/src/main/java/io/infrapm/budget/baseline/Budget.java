package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.outbox.PublishesEvents;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A project's budget. Established once, from the amount approved when the project was
 * created, which becomes its budget at completion (BAC). One per project: the project id
 * is the document id, so establishing it twice is impossible.
 */
@Document("budgets")
public class Budget implements PublishesEvents {

	@Id
	private UUID projectId;

	private UUID budgetId;

	private String projectCode;

	private String projectName;

	private BigDecimal budgetAtCompletion;

	private String currency;

	private Instant establishedAt;

	@Version
	private Long version;

	private List<UUID> appliedEvents = new ArrayList<>();

	private List<OutboxEntry> outbox = new ArrayList<>();

	Budget() {
		// for the mapping layer
	}

	/**
	 * Establishes a project's budget.
	 * @param projectId the project
	 * @param projectCode the project's code, kept for display
	 * @param projectName the project's name, kept for display
	 * @param budgetAtCompletion the approved amount
	 * @param currency its ISO 4217 code
	 * @param now when
	 * @return the budget
	 */
	static Budget establish(UUID projectId, String projectCode, String projectName, BigDecimal budgetAtCompletion,
			String currency, Instant now) {
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
		return budget;
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

	public long version() {
		return (this.version != null) ? this.version : 0;
	}

	@Override
	public List<OutboxEntry> outbox() {
		return this.outbox;
	}

}
