package io.infrapm.project.portfolio.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Iteration;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.ProjectIterations;
import io.infrapm.project.portfolio.ProjectIterations.Planned;
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
 * {@code /api/projects/{projectId}/iterations}: the time-boxes of an agile or hybrid
 * project, with their goal, committed scope and, once completed, outcome and completed
 * scope. A waterfall project has none (409).
 */
@RestController
@RequestMapping("/api/projects/{projectId}/iterations")
class IterationController {

	private final ProjectIterations iterations;

	IterationController(ProjectIterations iterations) {
		this.iterations = iterations;
	}

	@PostMapping
	ResponseEntity<IterationView> plan(@PathVariable UUID projectId, @Valid @RequestBody PlanBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Planned planned = this.iterations.plan(projectId, body.toPlan(), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/iterations/" + planned.iteration().id()))
			.eTag(ETags.of(planned.iteration().revision()))
			.header("Idempotent-Replayed", String.valueOf(planned.replayed()))
			.body(IterationView.of(planned.iteration()));
	}

	@GetMapping
	PageView<IterationView> list(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.iterations.iterations(projectId, caller).stream().map(IterationView::of).toList(), page,
				size);
	}

	@GetMapping("/{iterationId}")
	ResponseEntity<IterationView> get(@PathVariable UUID projectId, @PathVariable UUID iterationId, Caller caller) {
		return withETag(this.iterations.iteration(projectId, iterationId, caller));
	}

	@PatchMapping("/{iterationId}")
	ResponseEntity<IterationView> revise(@PathVariable UUID projectId, @PathVariable UUID iterationId,
			@Valid @RequestBody ChangeBody body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Caller caller) {
		return withETag(this.iterations.revise(projectId, iterationId, ifMatch,
				new Iteration.Plan(body.name(), body.start(), body.end(), body.goal(), body.committedPoints()),
				caller));
	}

	@PostMapping("/{iterationId}/completion")
	ResponseEntity<IterationView> complete(@PathVariable UUID projectId, @PathVariable UUID iterationId,
			@Valid @RequestBody CompletionBody body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Caller caller) {
		return withETag(this.iterations.complete(projectId, iterationId, ifMatch, new Iteration.Outcome(body.outcome(),
				body.completedPoints(), (body.completedItems() != null) ? body.completedItems() : List.of()), caller));
	}

	private static ResponseEntity<IterationView> withETag(Iteration iteration) {
		return ResponseEntity.ok().eTag(ETags.of(iteration.revision())).body(IterationView.of(iteration));
	}

	/** {@code POST .../iterations}. */
	record PlanBody(@NotBlank @Size(max = 200) String name, @NotNull @CalendarDate LocalDate start,
			@NotNull @CalendarDate LocalDate end, @Size(max = 2000) String goal,
			@DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal committedPoints) {

		Iteration.Plan toPlan() {
			return new Iteration.Plan(this.name, this.start, this.end, this.goal, this.committedPoints);
		}

	}

	/** {@code PATCH .../iterations/{iterationId}}: absent fields stay. */
	record ChangeBody(@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			@CalendarDate LocalDate start, @CalendarDate LocalDate end, @Size(max = 2000) String goal,
			@DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal committedPoints) {
	}

	/** {@code POST .../completion}. */
	record CompletionBody(@NotBlank @Size(max = 4000) String outcome,
			@DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal completedPoints,
			@Size(max = 500) List<@NotBlank @Size(max = 500) String> completedItems) {
	}

	/** An iteration as the API shows it. */
	record IterationView(UUID id, int number, String name, LocalDate start, LocalDate end, String goal,
			BigDecimal committedPoints, String status, String outcome, BigDecimal completedPoints,
			List<String> completedItems, int revision, Instant plannedAt, Person plannedBy, Instant completedAt,
			Person completedBy) {

		static IterationView of(Iteration i) {
			return new IterationView(i.id(), i.number(), i.name(), i.start(), i.end(), i.goal(), i.committedPoints(),
					i.completed() ? "COMPLETED" : "PLANNED", i.outcome(), i.completedPoints(), i.completedItems(),
					i.revision(), i.plannedAt(), ProjectView.author(i.plannedBy()), i.completedAt(),
					ProjectView.author(i.completedBy()));
		}

	}

}
