package io.infrapm.project.reporting;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ReportAudience;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * When a project's next status report drafts itself: every day, every week on a day, or
 * every month on a day, at a time in a time zone. At that moment the report schedule
 * ({@link ReportScheduler}) drafts the report as of that day, once, and notification-
 * service reminds the manager to complete it. One per project.
 */
@Document(ReportSchedule.COLLECTION)
@CompoundIndex(name = "due", def = "{'nextRunAt': 1}")
public class ReportSchedule {

	/** The collection. */
	public static final String COLLECTION = "report_schedules";

	static final String NEXT_RUN_AT = "nextRunAt";

	static final String CLAIM = "claim";

	@Id
	private UUID projectId;

	private ReportPeriod period;

	private ReportAudience audience;

	private DayOfWeek dayOfWeek;

	private Integer dayOfMonth;

	private LocalTime time;

	private String zone;

	private Instant nextRunAt;

	private LocalDate lastDraftedFor;

	private Claim claim;

	private Instant setAt;

	private Actor setBy;

	@Version
	private Long version;

	ReportSchedule() {
		// for the mapping layer
	}

	/**
	 * A schedule, checked.
	 * @param projectId the project
	 * @param period how often: daily, weekly or monthly
	 * @param audience whom the reports are for
	 * @param dayOfWeek the day of a weekly report; {@code null} otherwise
	 * @param dayOfMonth the day (1 to 28) of a monthly report; {@code null} otherwise
	 * @param time the time of day
	 * @param zone the time zone of the day and the time
	 * @param now the current time
	 * @param actor who sets it
	 * @return the schedule, with its first run after now
	 */
	static ReportSchedule of(UUID projectId, ReportPeriod period, ReportAudience audience, DayOfWeek dayOfWeek,
			Integer dayOfMonth, LocalTime time, String zone, Instant now, Actor actor) {
		ZoneId zoneId;
		try {
			zoneId = ZoneId.of(zone);
		}
		catch (java.time.DateTimeException ex) {
			throw new RuleViolationException("timeZone", "'" + zone + "' is not a time zone (e.g. Europe/Berlin)");
		}
		if (period == ReportPeriod.WEEKLY && dayOfWeek == null) {
			throw new RuleViolationException("dayOfWeek", "a weekly report needs its day of the week");
		}
		if (period != ReportPeriod.WEEKLY && dayOfWeek != null) {
			throw new RuleViolationException("dayOfWeek", "only a weekly report has a day of the week");
		}
		if (period == ReportPeriod.MONTHLY && dayOfMonth == null) {
			throw new RuleViolationException("dayOfMonth", "a monthly report needs its day of the month (1 to 28)");
		}
		if (period != ReportPeriod.MONTHLY && dayOfMonth != null) {
			throw new RuleViolationException("dayOfMonth", "only a monthly report has a day of the month");
		}
		ReportSchedule schedule = new ReportSchedule();
		schedule.projectId = projectId;
		schedule.period = period;
		schedule.audience = audience;
		schedule.dayOfWeek = dayOfWeek;
		schedule.dayOfMonth = dayOfMonth;
		schedule.time = time;
		schedule.zone = zoneId.getId();
		schedule.nextRunAt = schedule.firstRunAfter(now);
		schedule.setAt = now;
		schedule.setBy = actor;
		return schedule;
	}

	/**
	 * Takes the place of the schedule it changes: its version, so that the write is
	 * guarded by it, and what it drafted last.
	 * @param current the schedule as stored
	 */
	void replacing(ReportSchedule current) {
		this.version = current.version;
		this.lastDraftedFor = current.lastDraftedFor;
	}

	/**
	 * The first moment after an instant at which a report is due.
	 * @param after the instant
	 * @return the moment
	 */
	Instant firstRunAfter(Instant after) {
		ZoneId zoneId = ZoneId.of(this.zone);
		ZonedDateTime from = after.atZone(zoneId);
		LocalDate day = from.toLocalDate();
		for (int i = 0; i < 400; i++) {
			LocalDate candidate = day.plusDays(i);
			if (isReportDay(candidate)) {
				// atZone moves a time that a change to summer time skips past the gap.
				ZonedDateTime at = candidate.atTime(this.time).atZone(zoneId);
				if (at.toInstant().isAfter(after)) {
					return at.toInstant();
				}
			}
		}
		throw new IllegalStateException("no report day within 400 days of " + after);
	}

	private boolean isReportDay(LocalDate day) {
		return switch (this.period) {
			case DAILY -> true;
			case WEEKLY -> day.getDayOfWeek() == this.dayOfWeek;
			case MONTHLY -> day.getDayOfMonth() == this.dayOfMonth;
		};
	}

	/**
	 * The day a run at an instant drafts the report for.
	 * @param run the run
	 * @return the day in the schedule's zone
	 */
	LocalDate dayOf(Instant run) {
		return run.atZone(ZoneId.of(this.zone)).toLocalDate();
	}

	public UUID projectId() {
		return this.projectId;
	}

	public ReportPeriod period() {
		return this.period;
	}

	public ReportAudience audience() {
		return this.audience;
	}

	public DayOfWeek dayOfWeek() {
		return this.dayOfWeek;
	}

	public Integer dayOfMonth() {
		return this.dayOfMonth;
	}

	public LocalTime time() {
		return this.time;
	}

	public String zone() {
		return this.zone;
	}

	public Instant nextRunAt() {
		return this.nextRunAt;
	}

	public LocalDate lastDraftedFor() {
		return this.lastDraftedFor;
	}

	Claim claim() {
		return this.claim;
	}

	public Instant setAt() {
		return this.setAt;
	}

	public Actor setBy() {
		return this.setBy;
	}

	/**
	 * The version, its ETag.
	 * @return the version
	 */
	public long version() {
		return (this.version != null) ? this.version : 0;
	}

	/**
	 * An instance's hold on a due schedule while it drafts the report.
	 *
	 * @param token this claim's own token
	 * @param owner the instance
	 * @param until when another instance may take it over
	 */
	record Claim(UUID token, String owner, Instant until) {
	}

}
