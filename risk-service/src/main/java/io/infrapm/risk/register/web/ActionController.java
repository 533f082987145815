package io.infrapm.risk.register.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.risk.ActionStatus;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.risk.register.MitigationAction;
import io.infrapm.risk.register.Risk;
import io.infrapm.risk.register.RiskBook;
import io.infrapm.risk.register.web.RiskController.OwnerBody;
import io.infrapm.risk.register.web.RiskViews.PersonView;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mitigation actions of a risk's response: planned, changed and read under the risk's
 * version ({@code ETag}, {@code If-Match}). Members read; the manager (or a portfolio
 * manager) plans and changes.
 */
@RestController
class ActionController {

	private final RiskBook book;

	ActionController(RiskBook book) {
		this.book = book;
	}

	/** {@code POST /api/risks/{riskId}/actions}: 201 with {@code Location}. */
	@PostMapping("/api/risks/{riskId}/actions")
	ResponseEntity<ActionView> plan(@PathVariable UUID riskId, @Valid @RequestBody NewActionBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		RiskBook.Acted acted = this.book.planAction(riskId, ifMatch, body.title(),
				(body.owner() != null) ? body.owner().toPerson() : null, body.dueDate(), caller);
		return Created.at("/api/risks/" + riskId + "/actions/" + acted.action().id(), acted.risk().version(), false)
			.body(ActionView.of(acted.action()));
	}

	/**
	 * {@code PATCH /api/risks/{riskId}/actions/{actionId}}: title, owner, due date,
	 * status.
	 */
	@PatchMapping("/api/risks/{riskId}/actions/{actionId}")
	ResponseEntity<ActionView> change(@PathVariable UUID riskId, @PathVariable UUID actionId,
			@Valid @RequestBody ActionChangeBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		RiskBook.Acted acted = this.book.changeAction(
				riskId, actionId, ifMatch, new MitigationAction.Change(body.title(),
						(body.owner() != null) ? body.owner().toPerson() : null, body.dueDate(), body.status()),
				caller);
		return ResponseEntity.ok().eTag(ETags.of(acted.risk().version())).body(ActionView.of(acted.action()));
	}

	/** {@code GET /api/risks/{riskId}/actions[?status=]}: in the order planned. */
	@GetMapping("/api/risks/{riskId}/actions")
	PageView<ActionView> actions(@PathVariable UUID riskId, @RequestParam(required = false) ActionStatus status,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		List<MitigationAction> all = this.book.risk(riskId, caller)
			.actions()
			.stream()
			.filter((action) -> status == null || action.status() == status)
			.toList();
		return new PageView<>(all.stream().skip((long) page * size).limit(size).map(ActionView::of).toList(), page,
				size, all.size(), (all.size() + size - 1) / size);
	}

	@GetMapping("/api/risks/{riskId}/actions/{actionId}")
	ResponseEntity<ActionView> action(@PathVariable UUID riskId, @PathVariable UUID actionId, Caller caller) {
		Risk risk = this.book.risk(riskId, caller);
		return ResponseEntity.ok().eTag(ETags.of(risk.version())).body(ActionView.of(risk.action(actionId)));
	}

	/** A new action. */
	record NewActionBody(@NotBlank @Size(max = 500) String title, @Valid OwnerBody owner,
			@NotNull @CalendarDate LocalDate dueDate) {
	}

	/** A change of an action; absent fields stay as they are. */
	record ActionChangeBody(@Size(min = 1, max = 500) String title, @Valid OwnerBody owner,
			@CalendarDate LocalDate dueDate, ActionStatus status) {
	}

	/**
	 * An action.
	 *
	 * @param id its id
	 * @param title what is done
	 * @param owner who does it, or {@code null}
	 * @param dueDate by when
	 * @param status where it stands
	 * @param overdueReportedFor the due date whose passing was reported, or {@code null}
	 * @param plannedAt when it was planned
	 * @param plannedBy who planned it
	 * @param updatedAt when it last changed
	 * @param updatedBy who changed it
	 */
	record ActionView(UUID id, String title, PersonView owner, LocalDate dueDate, ActionStatus status,
			LocalDate overdueReportedFor, Instant plannedAt, PersonView plannedBy, Instant updatedAt,
			PersonView updatedBy) {

		static ActionView of(MitigationAction action) {
			return new ActionView(action.id(), action.title(), PersonView.of(action.owner()), action.dueDate(),
					action.status(), action.overdueReportedFor(), action.plannedAt(), PersonView.of(action.plannedBy()),
					action.updatedAt(), PersonView.of(action.updatedBy()));
		}

	}

}
