package io.infrapm.budget.baseline.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import io.infrapm.budget.baseline.Budget;
import io.infrapm.budget.baseline.BudgetBook;
import io.infrapm.budget.baseline.EarnedValue;
import io.infrapm.budget.baseline.web.BudgetViews.BaselineView;
import io.infrapm.budget.baseline.web.BudgetViews.CurvePoint;
import io.infrapm.budget.baseline.web.BudgetViews.EarnedValueView;
import io.infrapm.contracts.budget.EacMethod;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Earned value: the figures as of a day, the S-curve month by month, and the baselines
 * BAC went through. Read by whoever reads the budget.
 */
@RestController
class EarnedValueController {

	private final BudgetBook book;

	private final ProjectMemberships memberships;

	EarnedValueController(BudgetBook book, ProjectMemberships memberships) {
		this.book = book;
		this.memberships = memberships;
	}

	/**
	 * {@code GET .../earned-value?asOf=&method=}: PV, EV, AC, the variances and indices,
	 * EAC by the method asked for (the configured one by default), ETC, VAC and TCPI, as
	 * of a day (today by default). An undefined figure is {@code null} and listed in
	 * {@code undefined} with the reason.
	 */
	@GetMapping("/api/projects/{projectId}/earned-value")
	EarnedValueView earnedValue(@PathVariable UUID projectId,
			@RequestParam(required = false) @CalendarDate LocalDate asOf,
			@RequestParam(required = false) EacMethod method, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		BudgetBook.Valued valued = this.book.earnedValue(projectId, asOf, method);
		return EarnedValueView.of(valued.budget(), valued.value());
	}

	/**
	 * {@code GET .../earned-value/history?from=&to=}: the S-curve, one point per month
	 * ({@code YYYY-MM}), from the project's first month to its last unless narrowed.
	 */
	@GetMapping("/api/projects/{projectId}/earned-value/history")
	PageView<CurvePoint> history(@PathVariable UUID projectId, @RequestParam(required = false) YearMonth from,
			@RequestParam(required = false) YearMonth to, @RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		BudgetBook.Curve curve = this.book.curve(projectId, from, to, page, size);
		return new PageView<>(curve.points().stream().map((p) -> {
			EarnedValue v = p.value();
			return new CurvePoint(p.month().toString(), p.asOf(), p.plannedValue(),
					(v != null) ? v.earnedValue() : null, (v != null) ? v.actualCost() : null,
					(v != null) ? v.schedulePerformanceIndex() : null, (v != null) ? v.costPerformanceIndex() : null);
		}).toList(), page, size, curve.months(), (int) ((curve.months() + size - 1) / size));
	}

	/**
	 * {@code GET .../budget/baselines}: every baseline, the first first: the approved
	 * amount, then each approved cost change request.
	 */
	@GetMapping("/api/projects/{projectId}/budget/baselines")
	PageView<BaselineView> baselines(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		Budget budget = this.book.of(projectId);
		return PageView.of(budget.baselines().stream().map((b) -> BaselineView.of(b, budget.currency())).toList(), page,
				size);
	}

}
