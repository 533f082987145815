package io.infrapm.project.portfolio.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.ProgressReport;
import io.infrapm.project.portfolio.ProjectSchedule;
import io.infrapm.project.portfolio.ProjectSchedule.Reported;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * {@code /api/projects/{projectId}/progress}: how far a project has come, reported by its
 * manager as of a date ({@code ProgressReported}, which budget-service computes earned
 * value from); members read the reports, latest first.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/progress")
class ProgressController {

	private final ProjectSchedule schedule;

	ProgressController(ProjectSchedule schedule) {
		this.schedule = schedule;
	}

	@PostMapping
	ResponseEntity<ReportView> report(@PathVariable UUID projectId, @Valid @RequestBody ReportBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Reported reported = this.schedule.reportProgress(projectId, body.toSubmission(), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/progress"))
			.header("Idempotent-Replayed", String.valueOf(reported.replayed()))
			.body(ReportView.of(reported.report()));
	}

	@GetMapping
	PageView<ReportView> list(@PathVariable UUID projectId, @RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.schedule.progress(projectId, caller).stream().map(ReportView::of).toList(), page, size);
	}

	/**
	 * {@code POST .../progress}: percentages from 0 to 100, with at most two decimals.
	 */
	record ReportBody(@NotNull @CalendarDate LocalDate asOf,
			@NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal percentComplete,
			@Size(max = 500) List<@NotNull @Valid MilestoneBody> milestones, @Size(max = 4000) String notes) {

		ProgressReport.Submission toSubmission() {
			return new ProgressReport.Submission(this.asOf, this.percentComplete,
					(this.milestones != null) ? this.milestones.stream()
						.map((m) -> new ProgressReport.MilestonePercent(m.milestoneId(), m.percentComplete()))
						.toList() : List.of(),
					this.notes);
		}

	}

	/** One milestone's progress. */
	record MilestoneBody(@NotNull UUID milestoneId, @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3,
			fraction = 2) BigDecimal percentComplete) {
	}

	/** A progress report as the API shows it. */
	record ReportView(UUID id, LocalDate asOf, BigDecimal percentComplete,
			List<ProgressReport.MilestonePercent> milestones, String notes, Instant reportedAt, Person reportedBy) {

		static ReportView of(ProgressReport report) {
			return new ReportView(report.id(), report.asOf(), report.percentComplete(), report.milestones(),
					report.notes(), report.reportedAt(), ProjectView.author(report.reportedBy()));
		}

	}

}
