package io.infrapm.project.portfolio.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Allocation;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ResourcePlan;
import io.infrapm.project.portfolio.ResourcePlanning;
import io.infrapm.project.portfolio.ResourcePlanning.Load;
import io.infrapm.project.portfolio.Workload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/resource-plan}: who the project needs, at what share
 * of their time, when; and {@code /api/resources/{email}/allocation}: one person's load
 * over every open project, week by week or month by month, with the periods above 100 %.
 */
@RestController
class ResourcePlanController {

	private final ResourcePlanning planning;

	private final Clock clock;

	ResourcePlanController(ResourcePlanning planning, Clock clock) {
		this.planning = planning;
		this.clock = clock;
	}

	@GetMapping("/api/projects/{projectId}/resource-plan")
	ResponseEntity<PlanView> plan(@PathVariable UUID projectId, Caller caller) {
		return withETag(this.planning.plan(projectId, caller));
	}

	@PutMapping("/api/projects/{projectId}/resource-plan")
	ResponseEntity<PlanView> replace(@PathVariable UUID projectId, @Valid @RequestBody PlanBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.planning.plan(projectId, ifMatch, body.toLines(), caller));
	}

	@GetMapping("/api/resources/{email}/allocation")
	PageView<PeriodView> load(@PathVariable @Email String email,
			@RequestParam(required = false) @CalendarDate LocalDate from,
			@RequestParam(required = false) @CalendarDate LocalDate to,
			@RequestParam(defaultValue = "WEEK") Workload.Granularity granularity,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		LocalDate start = (from != null) ? from : LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		LocalDate end = (to != null) ? to
				: ((granularity == Workload.Granularity.WEEK) ? start.plusWeeks(12) : start.plusMonths(6)).minusDays(1);
		Load load = this.planning.load(email, start, end, granularity, caller);
		Map<UUID, Project> visible = load.visible()
			.stream()
			.collect(Collectors.toMap(Project::id, Function.identity()));
		return PageView.of(load.periods().stream().map((p) -> PeriodView.of(p, visible)).toList(), page, size);
	}

	private static ResponseEntity<PlanView> withETag(Project project) {
		ResourcePlan plan = project.resourcePlan();
		return ResponseEntity.ok().eTag(ETags.of(plan.revision())).body(PlanView.of(plan));
	}

	/** {@code PUT .../resource-plan}: the whole plan. */
	record PlanBody(@NotNull @Size(max = 500) List<@NotNull @Valid LineBody> allocations) {

		List<Allocation.Line> toLines() {
			return this.allocations.stream()
				.map((l) -> new Allocation.Line(l.role(), ProjectRequests.person(l.person()), l.from(), l.to(),
						l.percent()))
				.toList();
		}

	}

	/**
	 * One line: a role, a person or both, at a share of their time from one day to
	 * another.
	 */
	record LineBody(@Size(max = 200) String role, @Valid ProjectRequests.PersonBody person,
			@NotNull @CalendarDate LocalDate from, @NotNull @CalendarDate LocalDate to,
			@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3,
					fraction = 2) BigDecimal percent) {
	}

	/** The plan as the API shows it. */
	record PlanView(List<AllocationView> allocations, int revision, Instant updatedAt, Person updatedBy) {

		static PlanView of(ResourcePlan plan) {
			return new PlanView(plan.allocations()
				.stream()
				.map((a) -> new AllocationView(a.id(), a.role(), a.person(), a.from(), a.to(), a.percent()))
				.toList(), plan.revision(), plan.updatedAt(), ProjectView.author(plan.updatedBy()));
		}

	}

	/** One line of the plan. */
	record AllocationView(UUID id, String role, Person person, LocalDate from, LocalDate to, BigDecimal percent) {
	}

	/**
	 * One period of a person's load: the total over every open project, the projects the
	 * caller may read by name, and the rest as one figure.
	 */
	record PeriodView(LocalDate start, LocalDate end, BigDecimal percent, boolean overAllocated,
			List<ProjectShare> projects, BigDecimal otherProjectsPercent) {

		static PeriodView of(Workload.Period period, Map<UUID, Project> visible) {
			List<ProjectShare> shares = period.byProject()
				.entrySet()
				.stream()
				.filter((e) -> visible.containsKey(e.getKey()))
				.map((e) -> new ProjectShare(e.getKey(), visible.get(e.getKey()).code(), visible.get(e.getKey()).name(),
						e.getValue()))
				.toList();
			BigDecimal shown = shares.stream().map(ProjectShare::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
			return new PeriodView(period.start(), period.end(), period.percent(), period.overAllocated(), shares,
					period.percent().subtract(shown));
		}

	}

	/** One project's share of a period. */
	record ProjectShare(UUID projectId, String code, String name, BigDecimal percent) {
	}

}
