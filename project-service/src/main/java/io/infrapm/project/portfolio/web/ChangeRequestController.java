package io.infrapm.project.portfolio.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.ChangeCategory;
import io.infrapm.contracts.project.GateDecision;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.BoundedDecimal;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.ChangeControl;
import io.infrapm.project.portfolio.ChangeControl.Submitted;
import io.infrapm.project.portfolio.ChangeRequest;
import io.infrapm.project.portfolio.Person;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/change-requests}: the manager submits, the sponsor, a
 * steering-committee member or a portfolio manager decides, members read. An approved
 * {@code SCHEDULE} change moves its milestones; an approved {@code COST} change is what
 * budget-service rebaselines on ({@code ChangeRequestDecided}).
 */
@RestController
@RequestMapping("/api/projects/{projectId}/change-requests")
class ChangeRequestController {

	private final ChangeControl changes;

	ChangeRequestController(ChangeControl changes) {
		this.changes = changes;
	}

	@PostMapping
	ResponseEntity<ChangeRequestView> submit(@PathVariable UUID projectId, @Valid @RequestBody SubmissionBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Submitted submitted = this.changes.submit(projectId, body.toSubmission(), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/change-requests/" + submitted.changeRequest().id()))
			.header("Idempotent-Replayed", String.valueOf(submitted.replayed()))
			.body(ChangeRequestView.of(submitted.changeRequest()));
	}

	@GetMapping
	PageView<ChangeRequestView> list(@PathVariable UUID projectId, @RequestParam(required = false) Boolean open,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(
				this.changes.changeRequests(projectId, open, caller).stream().map(ChangeRequestView::of).toList(), page,
				size);
	}

	@GetMapping("/{changeRequestId}")
	ChangeRequestView get(@PathVariable UUID projectId, @PathVariable UUID changeRequestId, Caller caller) {
		return ChangeRequestView.of(this.changes.changeRequest(projectId, changeRequestId, caller));
	}

	@PostMapping("/{changeRequestId}/decision")
	ChangeRequestView decide(@PathVariable UUID projectId, @PathVariable UUID changeRequestId,
			@Valid @RequestBody DecisionBody body, Caller caller) {
		return ChangeRequestView
			.of(this.changes.decide(projectId, changeRequestId, body.decision(), body.reason(), caller));
	}

	/** {@code POST .../change-requests}. */
	record SubmissionBody(@NotBlank @Size(max = 200) String title, @NotNull ChangeCategory category,
			@NotBlank @Size(max = 4000) String justification, @Valid CostBody costImpact,
			@Min(-3650) @Max(3650) Integer scheduleImpactDays, @Size(max = 100) List<@NotNull UUID> affectedMilestones,
			@Size(max = 4000) String impactIfNotApproved) {

		ChangeRequest.Submission toSubmission() {
			return new ChangeRequest.Submission(this.title, this.category, this.justification,
					(this.costImpact != null) ? this.costImpact.amount() : null,
					(this.costImpact != null) ? this.costImpact.currency() : null,
					(this.scheduleImpactDays != null) ? this.scheduleImpactDays : 0,
					(this.affectedMilestones != null) ? this.affectedMilestones : List.of(), this.impactIfNotApproved);
		}

	}

	/** A cost impact: negative for a saving. */
	record CostBody(@NotNull @BoundedDecimal BigDecimal amount,
			@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
	}

	/** {@code POST .../decision}. */
	record DecisionBody(@NotNull GateDecision decision, @NotBlank @Size(max = 4000) String reason) {
	}

	/** A change request as the API shows it. */
	record ChangeRequestView(UUID id, String number, String title, ChangeCategory category, String justification,
			BigDecimal costImpact, int scheduleImpactDays, List<UUID> affectedMilestones, String impactIfNotApproved,
			String status, String decisionReason, Instant decidedAt, Person decidedBy, Instant submittedAt,
			Person submittedBy) {

		static ChangeRequestView of(ChangeRequest c) {
			return new ChangeRequestView(c.id(), c.number(), c.title(), c.category(), c.justification(), c.costImpact(),
					c.scheduleImpactDays(), c.affectedMilestones(), c.impactIfNotApproved(),
					(c.status() != null) ? c.status().name() : "SUBMITTED", c.decisionReason(), c.decidedAt(),
					ProjectView.author(c.decidedBy()), c.submittedAt(), ProjectView.author(c.submittedBy()));
		}

	}

}
