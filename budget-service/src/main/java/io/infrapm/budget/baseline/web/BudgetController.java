package io.infrapm.budget.baseline.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.budget.baseline.Budget;
import io.infrapm.budget.baseline.BudgetBook;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.ETags;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{id}/budget}: a project's budget, for those who may see the
 * project, except its vendors.
 */
@RestController
class BudgetController {

	private final BudgetBook book;

	private final ProjectMemberships memberships;

	BudgetController(BudgetBook book, ProjectMemberships memberships) {
		this.book = book;
		this.memberships = memberships;
	}

	@GetMapping("/api/projects/{projectId}/budget")
	ResponseEntity<BudgetView> budget(@PathVariable UUID projectId, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		Budget budget = this.book.of(projectId);
		return ResponseEntity.ok().eTag(ETags.of(budget.version())).body(BudgetView.of(budget));
	}

	record Amount(BigDecimal amount, String currency) {
	}

	record BudgetView(UUID projectId, UUID budgetId, String projectCode, String projectName, Amount budgetAtCompletion,
			Instant establishedAt, long version) {

		static BudgetView of(Budget budget) {
			return new BudgetView(budget.projectId(), budget.budgetId(), budget.projectCode(), budget.projectName(),
					new Amount(budget.budgetAtCompletion(), budget.currency()), budget.establishedAt(),
					budget.version());
		}

	}

}
