package io.infrapm.project.portfolio.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.OutageImpact;
import io.infrapm.contracts.project.ServiceTarget;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Outage;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ServiceCatalogue;
import io.infrapm.project.portfolio.ServiceLevels;
import io.infrapm.project.portfolio.ServiceOperations;
import io.infrapm.project.portfolio.ServiceOperations.Recorded;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/services}, {@code .../outages} and
 * {@code .../service-levels}: the services a project answers for with their availability
 * targets, the outages they had, and how they kept their levels over a period, with the
 * breaches.
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
class ServiceController {

	private final ServiceOperations operations;

	private final Clock clock;

	ServiceController(ServiceOperations operations, Clock clock) {
		this.operations = operations;
		this.clock = clock;
	}

	@GetMapping("/services")
	ResponseEntity<CatalogueView> services(@PathVariable UUID projectId, Caller caller) {
		return withETag(this.operations.read(projectId, caller));
	}

	@PutMapping("/services")
	ResponseEntity<CatalogueView> defineServices(@PathVariable UUID projectId, @Valid @RequestBody CatalogueBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.operations.defineServices(projectId, ifMatch, body.toTargets(), caller));
	}

	@PostMapping("/outages")
	ResponseEntity<OutageView> record(@PathVariable UUID projectId, @Valid @RequestBody OutageBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Recorded recorded = this.operations.record(projectId, body.toFacts(), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/outages/" + recorded.outage().id()))
			.eTag(ETags.of(recorded.outage().revision()))
			.header("Idempotent-Replayed", String.valueOf(recorded.replayed()))
			.body(OutageView.of(recorded.outage()));
	}

	@GetMapping("/outages")
	PageView<OutageView> outages(@PathVariable UUID projectId, @RequestParam(required = false) String service,
			@RequestParam(required = false) Boolean planned, @RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		List<OutageView> outages = this.operations.read(projectId, caller)
			.outages()
			.stream()
			.filter((o) -> service == null || o.service().equalsIgnoreCase(service.strip()))
			.filter((o) -> planned == null || o.planned() == planned)
			.sorted(Comparator.comparing(Outage::start).reversed())
			.map(OutageView::of)
			.toList();
		return PageView.of(outages, page, size);
	}

	@GetMapping("/outages/{outageId}")
	ResponseEntity<OutageView> outage(@PathVariable UUID projectId, @PathVariable UUID outageId, Caller caller) {
		return withETag(this.operations.read(projectId, caller).outage(outageId));
	}

	@PatchMapping("/outages/{outageId}")
	ResponseEntity<OutageView> update(@PathVariable UUID projectId, @PathVariable UUID outageId,
			@Valid @RequestBody OutageUpdateBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.operations.update(projectId, outageId, ifMatch,
				new Outage.Update(body.end(), body.respondedAt(), body.cause(), body.impact()), caller));
	}

	@GetMapping("/service-levels")
	PageView<LevelView> levels(@PathVariable UUID projectId,
			@RequestParam(required = false) @CalendarDate LocalDate from,
			@RequestParam(required = false) @CalendarDate LocalDate to,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		LocalDate first = (from != null) ? from : today.withDayOfMonth(1);
		LocalDate last = (to != null) ? to : today;
		List<LevelView> levels = this.operations
			.levels(projectId, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
					last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), caller)
			.stream()
			.map(LevelView::of)
			.toList();
		return PageView.of(levels, page, size);
	}

	private static ResponseEntity<CatalogueView> withETag(Project project) {
		ServiceCatalogue catalogue = project.services();
		return ResponseEntity.ok().eTag(ETags.of(catalogue.revision())).body(CatalogueView.of(catalogue));
	}

	private static ResponseEntity<OutageView> withETag(Outage outage) {
		return ResponseEntity.ok().eTag(ETags.of(outage.revision())).body(OutageView.of(outage));
	}

	/** {@code PUT .../services}: the whole list. */
	record CatalogueBody(@NotNull @Size(max = 200) List<@NotNull @Valid ServiceBody> services) {

		List<ServiceTarget> toTargets() {
			return this.services.stream()
				.map((s) -> new ServiceTarget(s.name(), s.availabilityTarget(), s.vendorId()))
				.toList();
		}

	}

	/** One service and the availability it must keep. */
	record ServiceBody(@NotBlank @Size(max = 200) String name, @NotNull @DecimalMin(value = "0",
			inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 3) BigDecimal availabilityTarget,
			UUID vendorId) {
	}

	/** {@code POST .../outages}. */
	record OutageBody(@NotBlank @Size(max = 200) String service, @NotNull Boolean planned, @NotNull OutageImpact impact,
			@NotNull Instant start, Instant end, Instant respondedAt, @Size(max = 4000) String cause,
			UUID changeRequestId, UUID milestoneId) {

		Outage.Facts toFacts() {
			return new Outage.Facts(this.service, this.planned, this.impact, this.start, this.end, this.respondedAt,
					this.cause, this.changeRequestId, this.milestoneId);
		}

	}

	/**
	 * {@code PATCH .../outages/{outageId}}: absent fields stay; a blank cause clears it.
	 */
	record OutageUpdateBody(Instant end, Instant respondedAt, @Size(max = 4000) String cause, OutageImpact impact) {
	}

	/** The services as the API shows them. */
	record CatalogueView(List<ServiceTarget> services, int revision, Instant updatedAt, Person updatedBy) {

		static CatalogueView of(ServiceCatalogue catalogue) {
			return new CatalogueView(catalogue.services(), catalogue.revision(), catalogue.updatedAt(),
					ProjectView.author(catalogue.updatedBy()));
		}

	}

	/** An outage as the API shows it. */
	record OutageView(UUID id, String service, boolean planned, OutageImpact impact, Instant start, Instant end,
			boolean ongoing, Instant respondedAt, String cause, UUID changeRequestId, UUID milestoneId, int revision,
			Instant recordedAt, Person recordedBy, Instant updatedAt, Person updatedBy) {

		static OutageView of(Outage o) {
			return new OutageView(o.id(), o.service(), o.planned(), o.impact(), o.start(), o.end(), o.end() == null,
					o.respondedAt(), o.cause(), o.changeRequestId(), o.milestoneId(), o.revision(), o.recordedAt(),
					ProjectView.author(o.recordedBy()), o.updatedAt(), ProjectView.author(o.updatedBy()));
		}

	}

	/** One service over the period. */
	record LevelView(String service, BigDecimal availabilityTarget, UUID vendorId, BigDecimal availability, Boolean met,
			long periodMinutes, long downtimeMinutes, long plannedDowntimeMinutes, int outages,
			List<ServiceLevels.Breach> breaches) {

		static LevelView of(ServiceLevels.Level level) {
			return new LevelView(level.service().name(), level.service().availabilityTarget(),
					level.service().vendorId(), level.availability(),
					(level.availability() != null)
							? level.availability().compareTo(level.service().availabilityTarget()) >= 0 : null,
					level.periodMinutes(), level.downtimeMinutes(), level.plannedDowntimeMinutes(), level.outages(),
					level.breaches());
		}

	}

}
