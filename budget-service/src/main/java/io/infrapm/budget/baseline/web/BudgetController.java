package io.infrapm.budget.baseline.web;

import java.util.List;
import java.util.UUID;

import io.infrapm.budget.baseline.Budget;
import io.infrapm.budget.baseline.BudgetBook;
import io.infrapm.budget.baseline.web.BudgetViews.BudgetView;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.ETags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/budget}: a project's budget sheet (BAC, planned,
 * committed, actual, remaining, by category and CapEx/OpEx, each line with its variance,
 * savings of closed lines) for those who see its money, and its thresholds.
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

	/**
	 * {@code PUT .../budget/thresholds}: the percentages of BAC at which
	 * {@code BudgetThresholdCrossed} is published (default 50, 80, 90, 100).
	 */
	@PutMapping("/api/projects/{projectId}/budget/thresholds")
	ResponseEntity<BudgetView> thresholds(@PathVariable UUID projectId, @Valid @RequestBody ThresholdsBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		Budget budget = this.book.setThresholds(projectId, ifMatch, body.percents(), caller);
		return ResponseEntity.ok().eTag(ETags.of(budget.version())).body(BudgetView.of(budget));
	}

	/** {@code PUT .../thresholds}: percentages of BAC, 1 to 200. */
	record ThresholdsBody(@NotNull @Size(min = 1, max = 20) List<@NotNull @Min(1) @Max(200) Integer> percents) {
	}

}
