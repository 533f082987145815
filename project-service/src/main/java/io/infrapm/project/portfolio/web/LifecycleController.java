package io.infrapm.project.portfolio.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.GateRecord;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.ProjectLifecycle;
import io.infrapm.project.portfolio.ProjectLifecycle.Decided;
import io.infrapm.project.portfolio.ProjectLifecycle.GateCommand;
import io.infrapm.project.portfolio.ProjectLifecycle.StatusChanged;
import io.infrapm.project.portfolio.StatusChange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
 * {@code /api/projects/{projectId}/phase-transitions} and {@code .../status-changes}: a
 * project's way through its phases, gate by gate, and its status. The sponsor, a
 * steering-committee member or a portfolio manager decides at gates and cancels; the
 * manager puts the project on hold and resumes it; members read both histories. The
 * answers carry the project's ETag.
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
class LifecycleController {

	private final ProjectLifecycle lifecycle;

	LifecycleController(ProjectLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@PostMapping("/phase-transitions")
	ResponseEntity<GateView> decide(@PathVariable UUID projectId, @Valid @RequestBody GateBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Decided decided = this.lifecycle.decideGate(projectId, body.toCommand(), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/phase-transitions/" + decided.gate().id()))
			.eTag(ETags.of(decided.project().version()))
			.header("Idempotent-Replayed", String.valueOf(decided.replayed()))
			.body(GateView.of(decided.gate()));
	}

	@GetMapping("/phase-transitions")
	PageView<GateView> gates(@PathVariable UUID projectId, @RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.lifecycle.gates(projectId, caller).stream().map(GateView::of).toList(), page, size);
	}

	@GetMapping("/phase-transitions/{gateId}")
	GateView gate(@PathVariable UUID projectId, @PathVariable UUID gateId, Caller caller) {
		return GateView.of(this.lifecycle.gate(projectId, gateId, caller));
	}

	@PostMapping("/status-changes")
	ResponseEntity<ProjectView> changeStatus(@PathVariable UUID projectId, @Valid @RequestBody StatusBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		StatusChanged changed = this.lifecycle.changeStatus(projectId, ifMatch, body.status(), body.reason(), caller);
		return ResponseEntity.ok()
			.eTag(ETags.of(changed.project().version()))
			.body(ProjectView.of(changed.project(), changed.project().members().accessOf(caller)));
	}

	@GetMapping("/status-changes")
	PageView<StatusView> statusHistory(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.lifecycle.statusHistory(projectId, caller).stream().map(StatusView::of).toList(), page,
				size);
	}

	/** {@code POST .../phase-transitions}: a gate decision. */
	record GateBody(@NotNull ProjectPhase toPhase, @NotNull GateDecision decision, @Size(max = 4000) String notes,
			@Size(max = 50) List<@NotBlank @Size(max = 1000) String> conditions) {

		GateCommand toCommand() {
			return new GateCommand(this.toPhase, this.decision, this.notes,
					(this.conditions != null) ? this.conditions.stream().map(String::strip).toList() : List.of());
		}

	}

	/**
	 * {@code POST .../status-changes}: {@code ON_HOLD}, {@code ACTIVE} or
	 * {@code CANCELLED}, and why.
	 */
	record StatusBody(@NotNull ProjectStatus status, @NotBlank @Size(max = 2000) String reason) {
	}

	/** A gate decision as the API shows it. */
	record GateView(UUID id, ProjectPhase fromPhase, ProjectPhase toPhase, GateDecision decision, String notes,
			List<String> conditions, Instant decidedAt, Person approver) {

		static GateView of(GateRecord gate) {
			return new GateView(gate.id(), gate.fromPhase(), gate.toPhase(), gate.decision(), gate.notes(),
					gate.conditions(), gate.decidedAt(), ProjectView.author(gate.approver()));
		}

	}

	/** A status change as the API shows it. */
	record StatusView(ProjectStatus from, ProjectStatus to, String reason, Instant at, Person by) {

		static StatusView of(StatusChange change) {
			return new StatusView(change.from(), change.to(), change.reason(), change.at(),
					ProjectView.author(change.by()));
		}

	}

}
