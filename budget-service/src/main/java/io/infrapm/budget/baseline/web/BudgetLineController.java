package io.infrapm.budget.baseline.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.infrapm.budget.baseline.Budget;
import io.infrapm.budget.baseline.BudgetBook;
import io.infrapm.budget.baseline.BudgetLine;
import io.infrapm.budget.baseline.web.BudgetViews.LineView;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.BoundedDecimal;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/budget/lines}: the lines of a project's budget, each
 * with a cost category, CapEx or OpEx, a planned amount and optionally its spread over
 * months. Those who see the money read them; the manager plans, revises and closes them.
 * The answers carry the budget's ETag.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/budget/lines")
class BudgetLineController {

	private final BudgetBook book;

	private final ProjectMemberships memberships;

	BudgetLineController(BudgetBook book, ProjectMemberships memberships) {
		this.book = book;
		this.memberships = memberships;
	}

	@PostMapping
	ResponseEntity<LineView> plan(@PathVariable UUID projectId, @Valid @RequestBody LineBody body, Caller caller) {
		BudgetBook.Change<BudgetLine> planned = this.book.planLine(projectId, body.toPlan(), caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/budget/lines/" + planned.result().id()))
			.eTag(ETags.of(planned.budget().version()))
			.body(LineView.of(planned.result()));
	}

	@GetMapping
	ResponseEntity<PageView<LineView>> list(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		Budget budget = this.book.of(projectId);
		return ResponseEntity.ok()
			.eTag(ETags.of(budget.version()))
			.body(PageView.of(budget.lines().stream().map(LineView::of).toList(), page, size));
	}

	@GetMapping("/{lineId}")
	ResponseEntity<LineView> get(@PathVariable UUID projectId, @PathVariable UUID lineId, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		Budget budget = this.book.of(projectId);
		return ResponseEntity.ok().eTag(ETags.of(budget.version())).body(LineView.of(budget.line(lineId)));
	}

	@PatchMapping("/{lineId}")
	ResponseEntity<LineView> revise(@PathVariable UUID projectId, @PathVariable UUID lineId,
			@Valid @RequestBody LineRevisionBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		BudgetBook.Change<BudgetLine> revised = this.book.reviseLine(projectId, lineId, ifMatch, body.toRevision(),
				caller);
		return ResponseEntity.ok().eTag(ETags.of(revised.budget().version())).body(LineView.of(revised.result()));
	}

	@PostMapping("/{lineId}/closure")
	ResponseEntity<LineView> close(@PathVariable UUID projectId, @PathVariable UUID lineId, Caller caller) {
		BudgetBook.Change<BudgetLine> closed = this.book.closeLine(projectId, lineId, caller);
		return ResponseEntity.ok().eTag(ETags.of(closed.budget().version())).body(LineView.of(closed.result()));
	}

	/** One month of a line's spread. */
	record MonthBody(
			@NotBlank @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])",
					message = "must be a month such as 2027-03") String month,
			@NotNull @PositiveOrZero @BoundedDecimal BigDecimal amount) {

		BudgetLine.Month toMonth() {
			return new BudgetLine.Month(this.month, this.amount);
		}

	}

	/** {@code POST}: a new line. */
	record LineBody(@NotBlank @Size(max = 200) String name, @NotNull CostCategory category,
			@NotNull ExpenditureType expenditureType, @NotNull @PositiveOrZero @BoundedDecimal BigDecimal plannedAmount,
			@Size(max = 240) List<@NotNull @Valid MonthBody> months) {

		BudgetLine.Plan toPlan() {
			return new BudgetLine.Plan(this.name, this.category, this.expenditureType, this.plannedAmount,
					(this.months != null) ? this.months.stream().map(MonthBody::toMonth).toList() : List.of());
		}

	}

	/** {@code PATCH}: what changes; absent fields stay. */
	record LineRevisionBody(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			@PositiveOrZero @BoundedDecimal BigDecimal plannedAmount,
			@Size(max = 240) List<@NotNull @Valid MonthBody> months) {

		BudgetLine.Revision toRevision() {
			return new BudgetLine.Revision(this.name, this.plannedAmount,
					(this.months != null) ? this.months.stream().map(MonthBody::toMonth).toList() : null);
		}

	}

}
