package io.infrapm.project.portfolio.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.ServiceLevelTerms;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Deliverable;
import io.infrapm.project.portfolio.DeliverableStatus;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.ProjectVendors;
import io.infrapm.project.portfolio.ProjectVendors.Added;
import io.infrapm.project.portfolio.ProjectVendors.PlannedDeliverable;
import io.infrapm.project.portfolio.Vendor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
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
 * {@code /api/projects/{projectId}/vendors}: the suppliers a project engages, their
 * contract and service levels, and the deliverables they owe. Members read; the manager
 * changes. Every answer about a vendor carries its ETag (its revision, deliverables
 * included). A deliverable not accepted by its due date is reported by the date watch
 * ({@code VendorDeliverableLate}), like a missed milestone.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/vendors")
class VendorController {

	private final ProjectVendors vendors;

	VendorController(ProjectVendors vendors) {
		this.vendors = vendors;
	}

	@PostMapping
	ResponseEntity<VendorView> add(@PathVariable UUID projectId, @Valid @RequestBody VendorBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Added<Vendor> added = this.vendors.add(projectId, body.toTerms(), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/vendors/" + added.vendor().id()))
			.eTag(ETags.of(added.vendor().revision()))
			.header("Idempotent-Replayed", String.valueOf(added.replayed()))
			.body(VendorView.of(added.vendor()));
	}

	@GetMapping
	PageView<VendorView> list(@PathVariable UUID projectId, @RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.vendors.vendors(projectId, caller).stream().map(VendorView::of).toList(), page, size);
	}

	@GetMapping("/{vendorId}")
	ResponseEntity<VendorView> get(@PathVariable UUID projectId, @PathVariable UUID vendorId, Caller caller) {
		return withETag(this.vendors.vendor(projectId, vendorId, caller));
	}

	@PatchMapping("/{vendorId}")
	ResponseEntity<VendorView> revise(@PathVariable UUID projectId, @PathVariable UUID vendorId,
			@Valid @RequestBody VendorChangeBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.vendors.revise(projectId, vendorId, ifMatch, body.toTerms(), caller));
	}

	@PostMapping("/{vendorId}/deliverables")
	ResponseEntity<DeliverableView> planDeliverable(@PathVariable UUID projectId, @PathVariable UUID vendorId,
			@Valid @RequestBody DeliverableBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Added<Deliverable> added = this.vendors.planDeliverable(projectId, vendorId,
				new PlannedDeliverable(body.name(), body.description(), body.dueDate()), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI
				.create("/api/projects/" + projectId + "/vendors/" + vendorId + "/deliverables/" + added.added().id()))
			.eTag(ETags.of(added.vendor().revision()))
			.header("Idempotent-Replayed", String.valueOf(added.replayed()))
			.body(DeliverableView.of(added.added()));
	}

	@GetMapping("/{vendorId}/deliverables/{deliverableId}")
	ResponseEntity<DeliverableView> deliverable(@PathVariable UUID projectId, @PathVariable UUID vendorId,
			@PathVariable UUID deliverableId, Caller caller) {
		Vendor vendor = this.vendors.vendor(projectId, vendorId, caller);
		return withETag(vendor, vendor.deliverable(deliverableId));
	}

	@PatchMapping("/{vendorId}/deliverables/{deliverableId}")
	ResponseEntity<DeliverableView> reviseDeliverable(@PathVariable UUID projectId, @PathVariable UUID vendorId,
			@PathVariable UUID deliverableId, @Valid @RequestBody DeliverableChangeBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		Vendor vendor = this.vendors.reviseDeliverable(projectId, vendorId, deliverableId, ifMatch,
				new PlannedDeliverable(body.name(), body.description(), body.dueDate()), caller);
		return withETag(vendor, vendor.deliverable(deliverableId));
	}

	@PostMapping("/{vendorId}/deliverables/{deliverableId}/review")
	ResponseEntity<DeliverableView> review(@PathVariable UUID projectId, @PathVariable UUID vendorId,
			@PathVariable UUID deliverableId, @Valid @RequestBody ReviewBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		Vendor vendor = this.vendors.review(projectId, vendorId, deliverableId, ifMatch, body.deliveredOn(),
				body.accepted(), body.notes(), caller);
		return withETag(vendor, vendor.deliverable(deliverableId));
	}

	private static ResponseEntity<VendorView> withETag(Vendor vendor) {
		return ResponseEntity.ok().eTag(ETags.of(vendor.revision())).body(VendorView.of(vendor));
	}

	private static ResponseEntity<DeliverableView> withETag(Vendor vendor, Deliverable deliverable) {
		return ResponseEntity.ok().eTag(ETags.of(vendor.revision())).body(DeliverableView.of(deliverable));
	}

	/** The vendor's contact. */
	record ContactBody(@NotBlank @Size(max = 200) String name,
			@NotBlank @jakarta.validation.constraints.Email @Size(max = 320) String email) {
	}

	/**
	 * Service levels: response and resolution times as ISO-8601 durations ({@code PT4H}),
	 * availability in percent.
	 */
	record ServiceLevelsBody(@NotNull Duration responseTime, @NotNull Duration resolutionTime, @DecimalMin(value = "0",
			inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 3) BigDecimal availabilityTarget) {

		ServiceLevelTerms toTerms() {
			requireInRange("serviceLevels.responseTime", this.responseTime);
			requireInRange("serviceLevels.resolutionTime", this.resolutionTime);
			if (this.resolutionTime.compareTo(this.responseTime) < 0) {
				throw new RuleViolationException("serviceLevels.resolutionTime",
						"must not be shorter than the response time");
			}
			return new ServiceLevelTerms((int) this.responseTime.toMinutes(), (int) this.resolutionTime.toMinutes(),
					(this.availabilityTarget != null) ? this.availabilityTarget.stripTrailingZeros() : null);
		}

	}

	private static void requireInRange(String field, Duration duration) {
		if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(Duration.ofDays(90)) > 0) {
			throw new RuleViolationException(field, "must be at least one minute and at most 90 days");
		}
	}

	/** {@code POST .../vendors}. */
	record VendorBody(@NotBlank @Size(max = 200) String name, @NotNull @Valid ContactBody contact,
			@Size(max = 50) String phone, @Size(max = 200) String contractReference,
			@Valid ServiceLevelsBody serviceLevels) {

		Vendor.Terms toTerms() {
			return new Vendor.Terms(this.name, new Person(this.contact.name(), this.contact.email()), this.phone,
					this.contractReference, (this.serviceLevels != null) ? this.serviceLevels.toTerms() : null);
		}

	}

	/**
	 * {@code PATCH .../vendors/{vendorId}}: absent fields stay; a blank phone or
	 * reference clears it.
	 */
	record VendorChangeBody(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			@Valid ContactBody contact, @Size(max = 50) String phone, @Size(max = 200) String contractReference,
			@Valid ServiceLevelsBody serviceLevels) {

		Vendor.Terms toTerms() {
			return new Vendor.Terms(this.name,
					(this.contact != null) ? new Person(this.contact.name(), this.contact.email()) : null, this.phone,
					this.contractReference, (this.serviceLevels != null) ? this.serviceLevels.toTerms() : null);
		}

	}

	/** {@code POST .../deliverables}. */
	record DeliverableBody(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
			@NotNull @CalendarDate LocalDate dueDate) {
	}

	/** {@code PATCH .../deliverables/{deliverableId}}: absent fields stay. */
	record DeliverableChangeBody(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			@Size(max = 2000) String description, @CalendarDate LocalDate dueDate) {
	}

	/** {@code POST .../review}: a delivery, accepted or not. */
	record ReviewBody(@NotNull @CalendarDate LocalDate deliveredOn, @NotNull Boolean accepted,
			@Size(max = 2000) String notes) {
	}

	/** A vendor as the API shows it. */
	record VendorView(UUID id, String name, Person contact, String phone, String contractReference,
			ServiceLevelsView serviceLevels, List<DeliverableView> deliverables, int revision, Instant addedAt,
			Person addedBy, Instant updatedAt, Person updatedBy) {

		static VendorView of(Vendor v) {
			return new VendorView(v.id(), v.name(), v.contact(), v.phone(), v.contractReference(),
					ServiceLevelsView.of(v.serviceLevels()),
					v.deliverables().stream().map(DeliverableView::of).toList(), v.revision(), v.addedAt(),
					ProjectView.author(v.addedBy()), v.updatedAt(), ProjectView.author(v.updatedBy()));
		}

	}

	/** Service levels as ISO-8601 durations. */
	record ServiceLevelsView(String responseTime, String resolutionTime, BigDecimal availabilityTarget) {

		static ServiceLevelsView of(ServiceLevelTerms terms) {
			return (terms != null)
					? new ServiceLevelsView(Duration.ofMinutes(terms.responseMinutes()).toString(),
							Duration.ofMinutes(terms.resolutionMinutes()).toString(), terms.availabilityTarget())
					: null;
		}

	}

	/**
	 * A deliverable as the API shows it: {@code late} once the date watch reported it.
	 */
	record DeliverableView(UUID id, String name, String description, LocalDate dueDate, DeliverableStatus status,
			boolean late, List<ReviewView> reviews, Instant plannedAt, Person plannedBy) {

		static DeliverableView of(Deliverable d) {
			return new DeliverableView(d.id(), d.name(), d.description(), d.dueDate(), d.status(), d.late(),
					d.reviews()
						.stream()
						.map((r) -> new ReviewView(r.deliveredOn(), r.accepted(), r.notes(), r.at(),
								ProjectView.author(r.by())))
						.toList(),
					d.plannedAt(), ProjectView.author(d.plannedBy()));
		}

	}

	/** One delivery and its review. */
	record ReviewView(LocalDate deliveredOn, boolean accepted, String notes, Instant at, Person by) {
	}

}
