package io.infrapm.risk.register.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.risk.AssumptionStatus;
import io.infrapm.contracts.risk.DependencyKind;
import io.infrapm.contracts.risk.DependencyStatus;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.risk.register.Assumption;
import io.infrapm.risk.register.Dependency;
import io.infrapm.risk.register.RaidBook;
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
 * The assumptions and dependencies of a project's register (the A and D of RAID).
 */
@RestController
class RaidController {

	private final RaidBook book;

	RaidController(RaidBook book) {
		this.book = book;
	}

	/** {@code POST /api/projects/{projectId}/assumptions}: 201, once per key. */
	@PostMapping("/api/projects/{projectId}/assumptions")
	ResponseEntity<AssumptionView> recordAssumption(@PathVariable UUID projectId,
			@Valid @RequestBody NewAssumptionBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		RaidBook.Recorded<Assumption> recorded = this.book.recordAssumption(projectId,
				new Assumption.Details(body.title(), body.description(), owner(body.owner()), body.validateBy()),
				idempotencyKey, caller);
		Assumption a = recorded.entry();
		return Created.at("/api/assumptions/" + a.id(), a.version(), recorded.replayed()).body(AssumptionView.of(a));
	}

	/**
	 * {@code GET /api/projects/{projectId}/assumptions[?status=]}, in the order recorded.
	 */
	@GetMapping("/api/projects/{projectId}/assumptions")
	PageView<AssumptionView> assumptions(@PathVariable UUID projectId,
			@RequestParam(required = false) AssumptionStatus status,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		RaidBook.Page<Assumption> found = this.book.assumptions(projectId, status, page, size, caller);
		return new PageView<>(found.items().stream().map(AssumptionView::of).toList(), page, size, found.total(),
				(int) ((found.total() + size - 1) / size));
	}

	@GetMapping("/api/assumptions/{assumptionId}")
	ResponseEntity<AssumptionView> assumption(@PathVariable UUID assumptionId, Caller caller) {
		Assumption a = this.book.assumption(assumptionId, caller);
		return ResponseEntity.ok().eTag(ETags.of(a.version())).body(AssumptionView.of(a));
	}

	/**
	 * {@code PATCH /api/assumptions/{assumptionId}}: its statement, owner and date, or
	 * its status ({@code VALIDATED} or {@code INVALIDATED}, with a reason).
	 */
	@PatchMapping("/api/assumptions/{assumptionId}")
	ResponseEntity<AssumptionView> changeAssumption(@PathVariable UUID assumptionId,
			@Valid @RequestBody AssumptionChangeBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		Assumption a = this.book.changeAssumption(assumptionId, ifMatch,
				new Assumption.Details(body.title(), body.description(), owner(body.owner()), body.validateBy()),
				body.status(), body.reason(), caller);
		return ResponseEntity.ok().eTag(ETags.of(a.version())).body(AssumptionView.of(a));
	}

	/** {@code POST /api/projects/{projectId}/dependencies}: 201, once per key. */
	@PostMapping("/api/projects/{projectId}/dependencies")
	ResponseEntity<DependencyView> recordDependency(@PathVariable UUID projectId,
			@Valid @RequestBody NewDependencyBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		RaidBook.Recorded<Dependency> recorded = this.book.recordDependency(projectId,
				new Dependency.Details(body.title(), body.description(), body.kind(), body.counterpart(),
						owner(body.owner()), body.needBy()),
				idempotencyKey, caller);
		Dependency d = recorded.entry();
		return Created.at("/api/dependencies/" + d.id(), d.version(), recorded.replayed()).body(DependencyView.of(d));
	}

	/**
	 * {@code GET /api/projects/{projectId}/dependencies[?status=]}, in the order
	 * recorded.
	 */
	@GetMapping("/api/projects/{projectId}/dependencies")
	PageView<DependencyView> dependencies(@PathVariable UUID projectId,
			@RequestParam(required = false) DependencyStatus status,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		RaidBook.Page<Dependency> found = this.book.dependencies(projectId, status, page, size, caller);
		return new PageView<>(found.items().stream().map(DependencyView::of).toList(), page, size, found.total(),
				(int) ((found.total() + size - 1) / size));
	}

	@GetMapping("/api/dependencies/{dependencyId}")
	ResponseEntity<DependencyView> dependency(@PathVariable UUID dependencyId, Caller caller) {
		Dependency d = this.book.dependency(dependencyId, caller);
		return ResponseEntity.ok().eTag(ETags.of(d.version())).body(DependencyView.of(d));
	}

	/**
	 * {@code PATCH /api/dependencies/{dependencyId}}: what, from whom, by when, or its
	 * status ({@code AT_RISK}, {@code DELIVERED}, {@code CANCELLED}, with a reason).
	 */
	@PatchMapping("/api/dependencies/{dependencyId}")
	ResponseEntity<DependencyView> changeDependency(@PathVariable UUID dependencyId,
			@Valid @RequestBody DependencyChangeBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		Dependency d = this.book
			.changeDependency(
					dependencyId, ifMatch, new Dependency.Details(body.title(), body.description(), body.kind(),
							body.counterpart(), owner(body.owner()), body.needBy()),
					body.status(), body.reason(), caller);
		return ResponseEntity.ok().eTag(ETags.of(d.version())).body(DependencyView.of(d));
	}

	private static io.infrapm.contracts.project.Person owner(OwnerBody owner) {
		return (owner != null) ? owner.toPerson() : null;
	}

	record NewAssumptionBody(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description,
			@Valid OwnerBody owner, @CalendarDate LocalDate validateBy) {
	}

	record AssumptionChangeBody(@Size(min = 1, max = 200) String title, @Size(max = 2000) String description,
			@Valid OwnerBody owner, @CalendarDate LocalDate validateBy, AssumptionStatus status,
			@Size(max = 2000) String reason) {
	}

	record NewDependencyBody(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description,
			@NotNull DependencyKind kind, @NotBlank @Size(max = 200) String counterpart, @Valid OwnerBody owner,
			@NotNull @CalendarDate LocalDate needBy) {
	}

	record DependencyChangeBody(@Size(min = 1, max = 200) String title, @Size(max = 2000) String description,
			DependencyKind kind, @Size(min = 1, max = 200) String counterpart, @Valid OwnerBody owner,
			@CalendarDate LocalDate needBy, DependencyStatus status, @Size(max = 2000) String reason) {
	}

	record AssumptionView(UUID id, UUID projectId, String number, String title, String description, PersonView owner,
			LocalDate validateBy, AssumptionStatus status, String reason, long revision, Instant recordedAt,
			PersonView recordedBy, Instant updatedAt, PersonView updatedBy) {

		static AssumptionView of(Assumption a) {
			return new AssumptionView(a.id(), a.projectId(), a.number(), a.title(), a.description(),
					PersonView.of(a.owner()), a.validateBy(), a.status(), a.reason(), a.revision(), a.recordedAt(),
					PersonView.of(a.recordedBy()), a.updatedAt(), PersonView.of(a.updatedBy()));
		}

	}

	record DependencyView(UUID id, UUID projectId, String number, String title, String description, DependencyKind kind,
			String counterpart, PersonView owner, LocalDate needBy, DependencyStatus status,
			LocalDate overdueReportedFor, String reason, long revision, Instant recordedAt, PersonView recordedBy,
			Instant updatedAt, PersonView updatedBy) {

		static DependencyView of(Dependency d) {
			return new DependencyView(d.id(), d.projectId(), d.number(), d.title(), d.description(), d.kind(),
					d.counterpart(), PersonView.of(d.owner()), d.needBy(), d.status(), d.overdueReportedFor(),
					d.reason(), d.revision(), d.recordedAt(), PersonView.of(d.recordedBy()), d.updatedAt(),
					PersonView.of(d.updatedBy()));
		}

	}

}
