package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.problem.NotFoundException;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The budgets of all projects: established when a project is created, read by project.
 */
@Service
public class BudgetBook {

	private final BudgetRepository budgets;

	private final MongoOperations mongo;

	private final Clock clock;

	BudgetBook(BudgetRepository budgets, MongoOperations mongo, Clock clock) {
		this.budgets = budgets;
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Establishes a project's budget, once: a second delivery finds the project's budget
	 * already there and changes nothing.
	 * @param cause the id of the event that created the project
	 * @param projectId the project
	 * @param code the project's code
	 * @param name the project's name
	 * @param amount the approved amount (BAC)
	 * @param currency its currency
	 * @return what happened
	 */
	public HandlingOutcome establish(UUID cause, UUID projectId, String code, String name, BigDecimal amount,
			String currency) {
		return EventIdempotency.insertOnce(this.mongo,
				Budget.establish(cause, projectId, code, name, amount, currency, this.clock.instant()));
	}

	/**
	 * Keeps the copy of a project's name and code current: an older or repeated revision
	 * changes nothing.
	 * @param projectId the project
	 * @param revision the project's revision the values are of
	 * @param code the code
	 * @param name the new name
	 * @return what happened
	 * @throws io.infrapm.platform.messaging.UnknownAggregateException if no budget is
	 * known for the project yet
	 */
	public HandlingOutcome renameProject(UUID projectId, long revision, String code, String name) {
		return EventIdempotency.applyIfNewer(this.mongo, Query.query(Criteria.where("_id").is(projectId)),
				Budget.PROJECT_REVISION, revision, Budget.renamed(code, name), Budget.class);
	}

	/**
	 * A project's budget.
	 * @param projectId the project
	 * @return the budget
	 * @throws NotFoundException if no budget was established for it
	 */
	public Budget of(UUID projectId) {
		return this.budgets.findById(projectId)
			.orElseThrow(() -> new NotFoundException(null, "no budget is known for project " + projectId));
	}

}
