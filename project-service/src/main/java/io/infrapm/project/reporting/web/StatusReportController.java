package io.infrapm.project.reporting.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.ReportAudience;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.Created;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.reporting.Narrative;
import io.infrapm.project.reporting.StatusReport;
import io.infrapm.project.reporting.StatusReports;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * {@code /api/projects/{projectId}/status-reports}: the manager drafts a report from the
 * facts as of a date ({@code POST}, once per {@code Idempotency-Key}), writes the
 * narrative ({@code PATCH} with {@code If-Match}), drafts the facts again while it is a
 * draft, and publishes it; a correction of a published report is a new draft that
 * supersedes it. Members read the published reports, as JSON, HTML
 * ({@code Accept: text/html}) or PDF ({@code Accept: application/pdf}); managers the
 * drafts too.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/status-reports")
class StatusReportController {

	private static final MediaType PDF = MediaType.APPLICATION_PDF;

	private final StatusReports reports;

	StatusReportController(StatusReports reports) {
		this.reports = reports;
	}

	@PostMapping
	ResponseEntity<ReportView> draft(@PathVariable UUID projectId, @Valid @RequestBody DraftBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		StatusReports.Drafted drafted = this.reports.draft(projectId,
				new StatusReports.Draft(body.period(), body.audience(), body.asOf(), body.supersedes()), idempotencyKey,
				caller);
		StatusReport report = drafted.report();
		return Created
			.at("/api/projects/" + projectId + "/status-reports/" + report.id(), report.revision(), drafted.replayed())
			.body(ReportView.of(report, true));
	}

	@GetMapping
	PageView<ReportSummaryView> list(@PathVariable UUID projectId,
			@RequestParam(required = false) StatusReport.Status status,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.reports.list(projectId, status, page, size, caller).reports(), ReportSummaryView::of);
	}

	@GetMapping(path = "/{reportId}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ReportView> get(@PathVariable UUID projectId, @PathVariable UUID reportId, Caller caller) {
		StatusReports.Visible visible = this.reports.get(projectId, reportId, caller);
		return ResponseEntity.ok()
			.eTag(ETags.of(visible.report().revision()))
			.body(ReportView.of(visible.report(), visible.access().budget()));
	}

	@GetMapping(path = "/{reportId}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> html(@PathVariable UUID projectId, @PathVariable UUID reportId, Caller caller) {
		StatusReports.Visible visible = this.reports.get(projectId, reportId, caller);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.eTag(ETags.of(visible.report().revision()))
			.body(ReportDocuments.html(ReportView.of(visible.report(), visible.access().budget())));
	}

	@GetMapping(path = "/{reportId}", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> pdf(@PathVariable UUID projectId, @PathVariable UUID reportId, Caller caller) {
		StatusReports.Visible visible = this.reports.get(projectId, reportId, caller);
		ReportView view = ReportView.of(visible.report(), visible.access().budget());
		return ResponseEntity.ok()
			.contentType(PDF)
			.eTag(ETags.of(visible.report().revision()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline()
						.filename(view.code() + "-" + view.number() + "-" + view.edition() + ".pdf")
						.build()
						.toString())
			.body(ReportDocuments.pdf(view));
	}

	@PatchMapping("/{reportId}")
	ResponseEntity<ReportView> revise(@PathVariable UUID projectId, @PathVariable UUID reportId,
			@Valid @RequestBody NarrativeBody body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Caller caller) {
		return view(this.reports.revise(projectId, reportId, ifMatch, body.toChange(), caller));
	}

	@PostMapping("/{reportId}/redraft")
	ResponseEntity<ReportView> redraft(@PathVariable UUID projectId, @PathVariable UUID reportId,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return view(this.reports.redraft(projectId, reportId, ifMatch, caller));
	}

	@PostMapping("/{reportId}/publication")
	ResponseEntity<ReportView> publish(@PathVariable UUID projectId, @PathVariable UUID reportId,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return view(this.reports.publish(projectId, reportId, ifMatch, caller));
	}

	private static ResponseEntity<ReportView> view(StatusReport report) {
		return ResponseEntity.ok().eTag(ETags.of(report.revision())).body(ReportView.of(report, true));
	}

	/**
	 * {@code POST .../status-reports}: a new report for a period and an audience, as of a
	 * day (today if absent); or, with {@code supersedes}, a correction of a published
	 * report, which keeps its period, audience and date.
	 */
	record DraftBody(ReportPeriod period, ReportAudience audience, @CalendarDate LocalDate asOf, UUID supersedes) {
	}

	/**
	 * {@code PATCH .../status-reports/{reportId}}: the parts of the narrative to replace;
	 * a part left out stays, an empty list empties it.
	 */
	record NarrativeBody(@Size(max = StatusReport.LONGEST_SUMMARY) String summary,
			@Size(max = 30) List<@NotBlank @Size(max = 1000) String> accomplishments,
			@Size(max = 30) List<@NotBlank @Size(max = 1000) String> nextSteps,
			@Size(max = 30) List<@NotBlank @Size(max = 1000) String> decisionsRequested) {

		Narrative.Change toChange() {
			return new Narrative.Change((this.summary != null) ? this.summary.strip() : null,
					strip(this.accomplishments), strip(this.nextSteps), strip(this.decisionsRequested));
		}

		private static List<String> strip(List<String> items) {
			return (items != null) ? items.stream().map(String::strip).toList() : null;
		}

	}

	/** A report in a list. */
	record ReportSummaryView(UUID id, String number, int edition, StatusReport.Status status, ReportPeriod period,
			ReportAudience audience, LocalDate asOf, HealthColour overall, Instant draftedAt, Instant publishedAt) {

		static ReportSummaryView of(StatusReport report) {
			return new ReportSummaryView(report.id(), report.number(), report.edition(), report.status(),
					report.period(), report.audience(), report.asOf(), report.facts().health().overall(),
					report.draftedAt(), report.publishedAt());
		}

	}

}
