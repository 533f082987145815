package io.infrapm.budget.baseline;

import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.platform.outbox.OutboxEntry;

/**
 * Maps budget changes onto the contract records of {@code infrapm.budget.v1}.
 */
final class BudgetEvents {

	private BudgetEvents() {
	}

	/**
	 * The budget was established.
	 * @param budget the budget
	 * @return the outbox entry of {@link BudgetEstablished}
	 */
	static OutboxEntry established(Budget budget) {
		return OutboxEntry.of(
				new BudgetEstablished(budget.projectId(), budget.budgetId(), budget.budgetAtCompletion(),
						budget.currency(), budget.establishedAt()),
				budget.projectId(), budget.budgetId(), budget.establishedAt());
	}

}
