package io.infrapm.budget.baseline;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.BudgetEstablished;

/**
 * Maps budget changes onto the contract records of {@code infrapm.budget.v1}.
 */
final class BudgetEvents {

	/** The author of what budget-service does by itself, e.g. on a project's creation. */
	static final Actor SERVICE = Actor.service("budget-service");

	private BudgetEvents() {
	}

	/**
	 * The budget was established.
	 * @param budget the budget
	 * @return the event
	 */
	static BudgetEstablished established(Budget budget) {
		return new BudgetEstablished(budget.projectId(), budget.budgetId(), budget.budgetAtCompletion(),
				budget.currency(), budget.establishedAt(), SERVICE);
	}

}
