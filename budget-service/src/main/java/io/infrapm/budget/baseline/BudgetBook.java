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
import org.springframework.data.mongodb.core.query.Update;
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
	 * @param projectId the project
	 * @param code the project's code
	 * @param name the project's name
	 * @param amount the approved amount (BAC)
	 * @param currency its currency
	 * @return what happened
	 */
	public HandlingOutcome establish(UUID projectId, String code, String name, BigDecimal amount, String currency) {
		Budget budget = Budget.establish(projectId, code, name, amount, currency, this.clock.instant());
		budget.outbox().add(BudgetEvents.established(budget));
		return EventIdempotency.insertOnce(this.mongo, budget);
	}

	/**
	 * Keeps the copy of a project's name and code current, once per event.
	 * @param eventId the event that renamed it
	 * @param projectId the project
	 * @param code the code
	 * @param name the new name
	 * @return what happened
	 */
	public HandlingOutcome renameProject(UUID eventId, UUID projectId, String code, String name) {
		return EventIdempotency.updateOnce(this.mongo, Query.query(Criteria.where("_id").is(projectId)),
				new Update().set("projectCode", code).set("projectName", name), eventId, Budget.class);
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
