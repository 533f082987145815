package io.infrapm.risk.register.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.ResponseStrategy;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.BoundedDecimal;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.risk.register.Risk;
import io.infrapm.risk.register.RiskBook;
import io.infrapm.risk.register.web.RiskViews.AssessmentView;
import io.infrapm.risk.register.web.RiskViews.RiskView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A project's risk register: risks identified, read, described, assessed, answered and
 * moved through their life cycle. Members read; the manager (or a portfolio manager)
 * changes.
 */
@RestController
class RiskController {

	private final RiskBook book;

	RiskController(RiskBook book) {
		this.book = book;
	}

	/**
	 * {@code POST /api/projects/{projectId}/risks}: 201 with {@code Location}; with an
	 * {@code Idempotency-Key}, a retry answers the risk recorded first.
	 */
	@PostMapping("/api/projects/{projectId}/risks")
	ResponseEntity<RiskView> identify(@PathVariable UUID projectId, @Valid @RequestBody NewRiskBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		RiskBook.Identified identified = this.book.identify(projectId, body.toStatement(), idempotencyKey, caller);
		return Created.at("/api/risks/" + identified.risk().id(), identified.risk().version(), identified.replayed())
			.body(RiskView.of(identified.risk()));
	}

	/**
	 * {@code GET /api/projects/{projectId}/risks[?status=&band=&category=]}, by number.
	 */
	@GetMapping("/api/projects/{projectId}/risks")
	PageView<RiskView> risks(@PathVariable UUID projectId, @RequestParam(required = false) RiskStatus status,
			@RequestParam(required = false) RiskBand band, @RequestParam(required = false) RiskCategory category,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		RiskBook.Page risks = this.book.risks(projectId, status, band, category, page, size, caller);
		return new PageView<>(risks.items().stream().map(RiskView::of).toList(), page, size, risks.total(),
				(int) ((risks.total() + size - 1) / size));
	}

	@GetMapping("/api/risks/{riskId}")
	ResponseEntity<RiskView> risk(@PathVariable UUID riskId, Caller caller) {
		return answer(this.book.risk(riskId, caller));
	}

	/** {@code PATCH /api/risks/{riskId}}: statement, category, owner, dates. */
	@PatchMapping("/api/risks/{riskId}")
	ResponseEntity<RiskView> revise(@PathVariable UUID riskId, @Valid @RequestBody RiskChangeBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return answer(this.book.revise(riskId, ifMatch, body.toStatement(), caller));
	}

	/**
	 * {@code POST /api/risks/{riskId}/assessments}: probability and impact 1 to 5, scored
	 * and banded; the history keeps every one.
	 */
	@PostMapping("/api/risks/{riskId}/assessments")
	ResponseEntity<RiskView> assess(@PathVariable UUID riskId, @Valid @RequestBody AssessmentBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return answer(this.book.assess(riskId, ifMatch, body.kind(), body.probability(), body.impact(),
				body.costImpact(), body.rationale(), caller));
	}

	/** {@code GET /api/risks/{riskId}/assessments}: every assessment, the first first. */
	@GetMapping("/api/risks/{riskId}/assessments")
	PageView<AssessmentView> assessments(@PathVariable UUID riskId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(RiskViews.history(this.book.risk(riskId, caller)), page, size);
	}

	/**
	 * {@code PUT /api/risks/{riskId}/response}: the PMBOK response and contingency plan.
	 */
	@PutMapping("/api/risks/{riskId}/response")
	ResponseEntity<RiskView> respond(@PathVariable UUID riskId, @Valid @RequestBody ResponseBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return answer(this.book.respond(riskId, ifMatch, body.strategy(), body.description(), body.contingencyPlan(),
				caller));
	}

	/** {@code POST /api/risks/{riskId}/transitions}: into monitoring, or closed. */
	@PostMapping("/api/risks/{riskId}/transitions")
	ResponseEntity<RiskView> transition(@PathVariable UUID riskId, @Valid @RequestBody TransitionBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return answer(this.book.transition(riskId, ifMatch, body.to(), body.reason(), caller));
	}

	/**
	 * {@code POST /api/risks/{riskId}/occurrence}: the risk happened; it raises its issue
	 * (linked both ways) and changes no more.
	 */
	@PostMapping("/api/risks/{riskId}/occurrence")
	ResponseEntity<RiskView> occur(@PathVariable UUID riskId, @Valid @RequestBody OccurrenceBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return answer(this.book.occur(riskId, ifMatch, body.severity(),
				(body.owner() != null) ? body.owner().toPerson() : null, body.dueDate(), body.description(), caller));
	}

	/** {@code GET /api/projects/{projectId}/risk-settings}: the escalation band. */
	@GetMapping("/api/projects/{projectId}/risk-settings")
	SettingsView settings(@PathVariable UUID projectId, Caller caller) {
		return new SettingsView(projectId, this.book.register(projectId, caller).escalationBand());
	}

	/**
	 * {@code PUT /api/projects/{projectId}/risk-settings}: the band from which the
	 * project's risks are escalated (default {@code HIGH}).
	 */
	@PutMapping("/api/projects/{projectId}/risk-settings")
	SettingsView changeSettings(@PathVariable UUID projectId, @Valid @RequestBody SettingsBody body, Caller caller) {
		return new SettingsView(projectId,
				this.book.escalateFrom(projectId, body.escalationBand(), caller).escalationBand());
	}

	private static ResponseEntity<RiskView> answer(Risk risk) {
		return ResponseEntity.ok().eTag(ETags.of(risk.version())).body(RiskView.of(risk));
	}

	record OwnerBody(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email) {

		Person toPerson() {
			return new Person(this.name.strip(), this.email.strip());
		}

	}

	/** A new risk, stated as cause, event and effect. */
	record NewRiskBody(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 2000) String cause,
			@NotBlank @Size(max = 2000) String event, @NotBlank @Size(max = 2000) String effect,
			@NotNull RiskCategory category, @NotNull RiskType type, @Valid OwnerBody owner,
			@CalendarDate LocalDate proximityDate, @CalendarDate LocalDate nextReviewDate) {

		Risk.Statement toStatement() {
			return new Risk.Statement(this.title, this.cause, this.event, this.effect, this.category, this.type,
					(this.owner != null) ? this.owner.toPerson() : null, this.proximityDate, this.nextReviewDate);
		}

	}

	/** A change of a risk; absent fields stay as they are. */
	record RiskChangeBody(@Size(min = 1, max = 200) String title, @Size(min = 1, max = 2000) String cause,
			@Size(min = 1, max = 2000) String event, @Size(min = 1, max = 2000) String effect, RiskCategory category,
			RiskType type, @Valid OwnerBody owner, @CalendarDate LocalDate proximityDate,
			@CalendarDate LocalDate nextReviewDate) {

		Risk.Statement toStatement() {
			return new Risk.Statement(this.title, this.cause, this.event, this.effect, this.category, this.type,
					(this.owner != null) ? this.owner.toPerson() : null, this.proximityDate, this.nextReviewDate);
		}

	}

	/**
	 * An assessment: probability and impact from 1 to 5, and optionally what the risk
	 * would cost if it happened, in the project's currency (for its expected monetary
	 * value).
	 */
	record AssessmentBody(@NotNull AssessmentKind kind, @NotNull @Min(1) @Max(5) Integer probability,
			@NotNull @Min(1) @Max(5) Integer impact, @PositiveOrZero @BoundedDecimal BigDecimal costImpact,
			@Size(max = 2000) String rationale) {
	}

	/** A response. */
	record ResponseBody(@NotNull ResponseStrategy strategy, @NotBlank @Size(max = 2000) String description,
			@Size(max = 2000) String contingencyPlan) {
	}

	/** What happened, and the issue it raises. */
	record OccurrenceBody(@NotBlank @Size(max = 2000) String description, @NotNull IssueSeverity severity,
			@Valid OwnerBody owner, @CalendarDate LocalDate dueDate) {
	}

	/** A project's risk settings. */
	record SettingsBody(@NotNull RiskBand escalationBand) {
	}

	record SettingsView(UUID projectId, RiskBand escalationBand) {
	}

	/** A transition. */
	record TransitionBody(@NotNull RiskStatus to, @NotBlank @Size(max = 2000) String reason) {
	}

}
