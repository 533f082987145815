package io.infrapm.risk.register.web;

import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.PageView;
import io.infrapm.risk.register.Issue;
import io.infrapm.risk.register.RiskBook;
import io.infrapm.risk.register.web.RiskController.OwnerBody;
import io.infrapm.risk.register.web.RiskViews.IssueView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A project's issues: raised directly or by a risk that occurred, read by the members,
 * resolved by the manager.
 */
@RestController
class IssueController {

	private final RiskBook book;

	IssueController(RiskBook book) {
		this.book = book;
	}

	/**
	 * {@code POST /api/projects/{projectId}/issues}: 201; once per
	 * {@code Idempotency-Key}.
	 */
	@PostMapping("/api/projects/{projectId}/issues")
	ResponseEntity<IssueView> raise(@PathVariable UUID projectId, @Valid @RequestBody IssueBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		RiskBook.Raised raised = this.book.raise(projectId, body.toDetails(), idempotencyKey, caller);
		return Created.at("/api/issues/" + raised.issue().id(), raised.issue().version(), raised.replayed())
			.body(IssueView.of(raised.issue()));
	}

	/**
	 * {@code GET /api/projects/{projectId}/issues[?resolved=]}, the first raised first.
	 */
	@GetMapping("/api/projects/{projectId}/issues")
	PageView<IssueView> issues(@PathVariable UUID projectId, @RequestParam(required = false) Boolean resolved,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		RiskBook.IssuePage issues = this.book.issues(projectId, resolved, page, size, caller);
		return new PageView<>(issues.items().stream().map(IssueView::of).toList(), page, size, issues.total(),
				(int) ((issues.total() + size - 1) / size));
	}

	@GetMapping("/api/issues/{issueId}")
	IssueView issue(@PathVariable UUID issueId, Caller caller) {
		return IssueView.of(this.book.issue(issueId, caller));
	}

	/** {@code POST /api/issues/{issueId}/resolution}: once; a second is 409. */
	@PostMapping("/api/issues/{issueId}/resolution")
	IssueView resolve(@PathVariable UUID issueId, @Valid @RequestBody ResolutionBody body, Caller caller) {
		return IssueView.of(this.book.resolve(issueId, body.resolution(), caller));
	}

	/** A new issue. */
	record IssueBody(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description,
			@NotNull RiskCategory category, @NotNull IssueSeverity severity, @Valid OwnerBody owner,
			@CalendarDate LocalDate dueDate) {

		Issue.Details toDetails() {
			return new Issue.Details(this.title, this.description, this.category, this.severity,
					(this.owner != null) ? this.owner.toPerson() : null, this.dueDate);
		}

	}

	/** How an issue was resolved. */
	record ResolutionBody(@NotBlank @Size(max = 2000) String resolution) {
	}

}
