package io.infrapm.project.health.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.contracts.project.HealthReason;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.health.Finding;
import io.infrapm.project.health.HealthRecord;
import io.infrapm.project.health.ProjectHealth;
import io.infrapm.project.health.ProjectHealthService;
import io.infrapm.project.portfolio.Person;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/health}: the computed RAG colours of schedule, cost,
 * scope and risk, and overall, each with the facts and the rules behind it; as it stood
 * at the end of an earlier day with {@code asOf}; its history; and the manager's
 * overrides, shown beside the computed colours. The health's ETag moves only with the
 * overrides, so a recomputation never makes a manager's {@code If-Match} stale. Members
 * read it; only those who may see the budget read the money figures in the cost reasons.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/health")
class HealthController {

	static final String FIGURES_HIDDEN = "Budget figures are shown only to those who may see the project's budget";

	private final ProjectHealthService health;

	HealthController(ProjectHealthService health) {
		this.health = health;
	}

	@GetMapping
	ResponseEntity<HealthView> health(@PathVariable UUID projectId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
			Caller caller) {
		return view(this.health.health(projectId, asOf, caller));
	}

	@GetMapping("/history")
	PageView<HistoryEntryView> history(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		ProjectHealthService.History history = this.health.history(projectId, page, size, caller);
		return PageView.of(history.entries(), (entry) -> HistoryEntryView.of(entry, history.moneyVisible()));
	}

	@PutMapping("/overrides/{dimension}")
	ResponseEntity<HealthView> override(@PathVariable UUID projectId, @PathVariable HealthDimension dimension,
			@Valid @RequestBody OverrideBody body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Caller caller) {
		return view(this.health.override(projectId, dimension, body.colour(), body.reason().strip(), body.expiresOn(),
				ifMatch, caller));
	}

	@DeleteMapping("/overrides/{dimension}")
	ResponseEntity<HealthView> withdraw(@PathVariable UUID projectId, @PathVariable HealthDimension dimension,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return view(this.health.withdrawOverride(projectId, dimension, ifMatch, caller));
	}

	private static ResponseEntity<HealthView> view(ProjectHealthService.Reading reading) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		reading.eTag().ifPresent(response::eTag);
		return response.body(HealthView.of(reading));
	}

	static List<ReasonView> reasons(List<HealthReason> reasons, HealthDimension dimension, boolean moneyVisible) {
		return reasons.stream()
			.filter((reason) -> reason.dimension() == dimension)
			.map((reason) -> new ReasonView(reason.colour(), reason.rule(),
					(moneyVisible || !Finding.financial(reason.rule())) ? reason.fact() : FIGURES_HIDDEN))
			.toList();
	}

	/**
	 * {@code PUT .../overrides/{dimension}}: the manager's colour, why, and the last day
	 * it holds (today to 92 days ahead).
	 */
	record OverrideBody(@NotNull HealthColour colour, @NotBlank @Size(max = 2000) String reason,
			@NotNull @CalendarDate LocalDate expiresOn) {
	}

	/** A project's health as the API shows it. */
	record HealthView(UUID projectId, String code, LocalDate asOf, HealthColour overall, String rulesVersion,
			Instant assessedAt, Instant changedAt, List<DimensionView> dimensions) {

		static HealthView of(ProjectHealthService.Reading reading) {
			boolean money = reading.access().budget();
			List<DimensionView> dimensions = List.of(HealthDimension.values())
				.stream()
				.map((dimension) -> new DimensionView(dimension, reading.colours().get(dimension),
						OverrideView.of(reading.overrides().get(dimension)),
						(dimension == HealthDimension.OVERALL) ? List.of()
								: reasons(reading.reasons(), dimension, money)))
				.toList();
			return new HealthView(reading.project().id(), reading.project().code(), reading.asOf(),
					reading.colours().get(HealthDimension.OVERALL), reading.rulesVersion(), reading.assessedAt(),
					reading.changedAt(), dimensions);
		}

	}

	/**
	 * One dimension: its computed colour, the manager's beside it (or {@code null}), and
	 * the findings behind the computed one.
	 */
	record DimensionView(HealthDimension dimension, HealthColour colour, OverrideView override,
			List<ReasonView> reasons) {
	}

	/** One finding. */
	record ReasonView(HealthColour colour, String rule, String fact) {
	}

	/** A manager's colour. */
	record OverrideView(HealthColour colour, HealthColour computedWhenSet, String reason, LocalDate expiresOn,
			Instant setAt, Person setBy) {

		static OverrideView of(ProjectHealth.ManualColour override) {
			if (override == null) {
				return null;
			}
			return new OverrideView(override.colour(), override.computed(), override.reason(), override.expiresOn(),
					override.setAt(),
					(override.setBy() != null) ? new Person(override.setBy().name(), override.setBy().email()) : null);
		}

	}

	/** One entry of the history. */
	record HistoryEntryView(UUID id, HealthRecord.Kind kind, Instant at, Map<HealthDimension, HealthColour> colours,
			List<HealthDimension> changed, List<HealthReason> reasons, String rulesVersion, String causeType,
			HealthDimension dimension, HealthColour override, HealthColour computed, String reason, LocalDate expiresOn,
			Person by) {

		static HistoryEntryView of(HealthRecord entry, boolean moneyVisible) {
			List<HealthReason> reasons = (entry.reasons() != null) ? entry.reasons()
				.stream()
				.map((reason) -> (moneyVisible || !Finding.financial(reason.rule())) ? reason
						: new HealthReason(reason.dimension(), reason.colour(), reason.rule(), FIGURES_HIDDEN))
				.toList() : List.of();
			return new HistoryEntryView(entry.id(), entry.kind(), entry.at(), entry.colours(),
					(entry.changed() != null) ? entry.changed() : List.of(), reasons, entry.rulesVersion(),
					entry.causeType(), entry.dimension(), entry.override(), entry.computed(), entry.reason(),
					entry.expiresOn(),
					(entry.actor() != null) ? new Person(entry.actor().name(), entry.actor().email()) : null);
		}

	}

}
