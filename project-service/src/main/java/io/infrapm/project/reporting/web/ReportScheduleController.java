package io.infrapm.project.reporting.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import io.infrapm.contracts.project.ReportAudience;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.reporting.ReportSchedule;
import io.infrapm.project.reporting.ReportSchedules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/status-report-schedule}: when the project's next
 * status report drafts itself (e.g. weekly on Friday at 14:00 in Europe/Berlin), after
 * which notification-service reminds the manager to complete it. The manager sets it
 * ({@code PUT}; {@code If-Match} to change one) and drops it; members read it.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/status-report-schedule")
class ReportScheduleController {

	private final ReportSchedules schedules;

	ReportScheduleController(ReportSchedules schedules) {
		this.schedules = schedules;
	}

	@GetMapping
	ResponseEntity<ScheduleView> get(@PathVariable UUID projectId, Caller caller) {
		return view(this.schedules.get(projectId, caller));
	}

	@PutMapping
	ResponseEntity<ScheduleView> set(@PathVariable UUID projectId, @Valid @RequestBody ScheduleBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return view(this.schedules.set(projectId, ifMatch, new ReportSchedules.Change(body.period(), body.audience(),
				body.dayOfWeek(), body.dayOfMonth(), body.time(), body.timeZone().strip()), caller));
	}

	@DeleteMapping
	ResponseEntity<Void> drop(@PathVariable UUID projectId,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		this.schedules.drop(projectId, ifMatch, caller);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<ScheduleView> view(ReportSchedule schedule) {
		return ResponseEntity.ok().eTag(ETags.of(schedule.version())).body(ScheduleView.of(schedule));
	}

	/**
	 * {@code PUT .../status-report-schedule}: a weekly report names its
	 * {@code dayOfWeek}, a monthly one its {@code dayOfMonth} (1 to 28, so that every
	 * month has it); {@code time} is {@code HH:mm} in {@code timeZone}.
	 */
	record ScheduleBody(@NotNull ReportPeriod period, @NotNull ReportAudience audience, DayOfWeek dayOfWeek,
			@Min(1) @Max(28) Integer dayOfMonth, @NotNull @DateTimeFormat(pattern = "HH:mm") LocalTime time,
			@NotBlank @Size(max = 60) String timeZone) {
	}

	/** A schedule as the API shows it. */
	record ScheduleView(UUID projectId, ReportPeriod period, ReportAudience audience, DayOfWeek dayOfWeek,
			Integer dayOfMonth, LocalTime time, String timeZone, Instant nextRunAt, LocalDate lastDraftedFor,
			Instant setAt, Person setBy) {

		static ScheduleView of(ReportSchedule s) {
			return new ScheduleView(s.projectId(), s.period(), s.audience(), s.dayOfWeek(), s.dayOfMonth(), s.time(),
					s.zone(), s.nextRunAt(), s.lastDraftedFor(), s.setAt(),
					(s.setBy() != null) ? new Person(s.setBy().name(), s.setBy().email()) : null);
		}

	}

}
