package io.infrapm.budget.baseline.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.budget.baseline.Budget;
import io.infrapm.budget.baseline.BudgetBook;
import io.infrapm.budget.baseline.NewCost;
import io.infrapm.budget.baseline.web.BudgetViews.CostView;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.BoundedDecimal;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/costs}: a project's cost ledger, actual expenses and
 * commitments (purchase orders), never edited: a correction is a reversing entry.
 * {@code Idempotency-Key} makes a retried POST record the cost once, and a second cost
 * with the same vendor and reference is refused. Those who see the money read it; the
 * manager records.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/costs")
class CostController {

	private final BudgetBook book;

	private final ProjectMemberships memberships;

	CostController(BudgetBook book, ProjectMemberships memberships) {
		this.book = book;
		this.memberships = memberships;
	}

	@PostMapping
	ResponseEntity<CostView> record(@PathVariable UUID projectId, @Valid @RequestBody CostBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		BudgetBook.Recorded recorded = this.book.record(projectId, body.toCommand(), idempotencyKey, caller);
		return answer(projectId, recorded);
	}

	@GetMapping
	ResponseEntity<PageView<CostView>> list(@PathVariable UUID projectId, @RequestParam(required = false) CostKind kind,
			@RequestParam(required = false) @CalendarDate LocalDate from,
			@RequestParam(required = false) @CalendarDate LocalDate to,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		Budget budget = this.book.of(projectId);
		BudgetBook.CostPage costs = this.book.costs(projectId, kind, from, to, page, size);
		return ResponseEntity.ok()
			.body(new PageView<>(costs.items().stream().map((c) -> CostView.of(c, budget.currency())).toList(), page,
					size, costs.total(), (int) ((costs.total() + size - 1) / size)));
	}

	@GetMapping("/{costId}")
	CostView get(@PathVariable UUID projectId, @PathVariable UUID costId, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireBudget();
		return CostView.of(this.book.cost(projectId, costId), this.book.of(projectId).currency());
	}

	/**
	 * {@code POST .../costs/{costId}/reversal}: books the opposite amount, once; a retry
	 * of a reversal that got through is 409.
	 */
	@PostMapping("/{costId}/reversal")
	ResponseEntity<CostView> reverse(@PathVariable UUID projectId, @PathVariable UUID costId,
			@Valid @RequestBody ReversalBody body, Caller caller) {
		return answer(projectId, this.book.reverse(projectId, costId, body.reason(), body.reversedOn(), caller));
	}

	private static ResponseEntity<CostView> answer(UUID projectId, BudgetBook.Recorded recorded) {
		return Created
			.at("/api/projects/" + projectId + "/costs/" + recorded.cost().id(), recorded.budget().version(),
					recorded.replayed())
			.body(CostView.of(recorded.cost(), recorded.budget().currency()));
	}

	/**
	 * {@code POST}: a cost; {@code currency} and {@code exchangeRate} as the invoice
	 * says.
	 */
	record CostBody(@NotNull CostKind kind,
			@NotNull @DecimalMin(value = "0", inclusive = false) @BoundedDecimal BigDecimal amount,
			@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
			@DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 8) BigDecimal exchangeRate,
			CostCategory category, ExpenditureType expenditureType, UUID lineId,
			@NotNull @CalendarDate LocalDate incurredOn, @Size(max = 200) String vendor,
			@Size(max = 200) String reference, @Size(max = 2000) String description, UUID commitmentId) {

		NewCost toCommand() {
			return new NewCost(this.kind, this.amount, this.currency, this.exchangeRate, this.category,
					this.expenditureType, this.lineId, this.incurredOn, this.vendor, this.reference, this.description,
					this.commitmentId);
		}

	}

	/** {@code POST .../reversal}. */
	record ReversalBody(@NotBlank @Size(max = 2000) String reason, @CalendarDate LocalDate reversedOn) {
	}

}
