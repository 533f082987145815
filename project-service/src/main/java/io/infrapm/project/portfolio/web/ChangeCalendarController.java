package io.infrapm.project.portfolio.web;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import io.infrapm.contracts.project.ChangeWindowKind;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.ChangeCalendarService;
import io.infrapm.project.portfolio.ChangeCalendarService.Scheduled;
import io.infrapm.project.portfolio.ChangeWindow;
import io.infrapm.project.portfolio.Person;
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
 * {@code /api/change-calendar/windows}: maintenance windows and change freezes, for every
 * project (portfolio managers) or for one (its manager), once or weekly, in a time zone.
 * A cutover milestone due on a day a freeze touches, or, once any maintenance window
 * applies, on a day none touches, shows the conflict ({@code ScheduleConflictDetected}),
 * cleared when either moves.
 */
@RestController
@RequestMapping("/api/change-calendar/windows")
class ChangeCalendarController {

	private final ChangeCalendarService calendar;

	ChangeCalendarController(ChangeCalendarService calendar) {
		this.calendar = calendar;
	}

	@PostMapping
	ResponseEntity<WindowView> schedule(@Valid @RequestBody WindowBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Scheduled scheduled = this.calendar.schedule(body.toDefinition(), idempotencyKey, caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/change-calendar/windows/" + scheduled.window().id()))
			.header("Idempotent-Replayed", String.valueOf(scheduled.replayed()))
			.body(WindowView.of(scheduled.window()));
	}

	@GetMapping
	PageView<WindowView> list(@RequestParam(required = false) UUID projectId,
			@RequestParam(required = false) ChangeWindowKind kind,
			@RequestParam(defaultValue = "false") boolean includeCancelled,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(
				this.calendar.windows(projectId, kind, includeCancelled, caller).stream().map(WindowView::of).toList(),
				page, size);
	}

	@GetMapping("/{windowId}")
	WindowView get(@PathVariable UUID windowId, Caller caller) {
		return WindowView.of(this.calendar.window(windowId, caller));
	}

	@PostMapping("/{windowId}/cancellation")
	WindowView cancel(@PathVariable UUID windowId, @Valid @RequestBody CancellationBody body, Caller caller) {
		return WindowView.of(this.calendar.cancel(windowId, body.reason(), caller));
	}

	/**
	 * {@code POST .../windows}: local start and end ({@code 2027-12-18T22:00}) in
	 * {@code timeZone}; {@code projectId} absent for every project.
	 */
	record WindowBody(@NotNull ChangeWindowKind kind, UUID projectId, @NotBlank @Size(max = 200) String name,
			@Size(max = 2000) String reason, @NotNull LocalDateTime start, @NotNull LocalDateTime end,
			@NotBlank @Size(max = 60) String timeZone, @CalendarDate LocalDate repeatsWeeklyUntil) {

		ChangeWindow.Definition toDefinition() {
			ZoneId zone;
			try {
				zone = ZoneId.of(this.timeZone.strip());
			}
			catch (DateTimeException ex) {
				throw new RuleViolationException("timeZone",
						"'" + this.timeZone + "' is not a time zone; use an IANA id such as Europe/Berlin");
			}
			return new ChangeWindow.Definition(this.kind, this.projectId, this.name, this.reason, this.start, this.end,
					zone, this.repeatsWeeklyUntil);
		}

	}

	/** {@code POST .../cancellation}. */
	record CancellationBody(@NotBlank @Size(max = 2000) String reason) {
	}

	/**
	 * A window as the API shows it: local times in its zone, and the instants they are.
	 */
	record WindowView(UUID id, ChangeWindowKind kind, UUID projectId, String name, String reason, LocalDateTime start,
			LocalDateTime end, String timeZone, Instant startsAt, Instant endsAt, LocalDate repeatsWeeklyUntil,
			boolean cancelled, String cancelReason, Instant scheduledAt, Person scheduledBy, Instant cancelledAt,
			Person cancelledBy) {

		static WindowView of(ChangeWindow w) {
			return new WindowView(w.id(), w.kind(), w.projectId(), w.name(), w.reason(), w.start(), w.end(),
					w.timeZone(), w.startInstant(), w.endInstant(), w.repeatsWeeklyUntil(), w.cancelled(),
					w.cancelReason(), w.scheduledAt(), ProjectView.author(w.scheduledBy()), w.cancelledAt(),
					ProjectView.author(w.cancelledBy()));
		}

	}

}
