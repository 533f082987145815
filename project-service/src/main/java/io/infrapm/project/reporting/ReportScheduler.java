package io.infrapm.project.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.platform.lifecycle.PeriodicSweep;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Drafts the status reports whose schedule has come, on any number of instances: each
 * claims a due schedule with a conditional {@code findAndModify} (a fresh token, until a
 * while from now), drafts the report as of the schedule's day (once per day: the draft's
 * key is the day, so a second run finds the first draft), and moves the schedule to its
 * next run under the same token. A run whose claim another instance took over after it
 * expired moves nothing. Runs missed while no instance ran are not drafted one by one:
 * the latest is, and the schedule moves past now.
 */
public class ReportScheduler extends PeriodicSweep {

	private final MongoOperations mongo;

	private final StatusReports reports;

	private final ReportScheduleSettings settings;

	private final String owner;

	private final Clock clock;

	/**
	 * A scheduler.
	 * @param mongo the store
	 * @param reports where reports are drafted
	 * @param settings the interval and claim
	 * @param owner this instance, named in its claims
	 * @param clock the clock
	 */
	public ReportScheduler(MongoOperations mongo, StatusReports reports, ReportScheduleSettings settings, String owner,
			Clock clock) {
		super("report-schedule", settings.interval());
		this.mongo = mongo;
		this.reports = reports;
		this.settings = settings;
		this.owner = owner;
		this.clock = clock;
	}

	@Override
	public int sweep() {
		int drafted = 0;
		ReportSchedule due;
		while ((due = claimNext()) != null) {
			drafted += run(due);
		}
		return drafted;
	}

	private ReportSchedule claimNext() {
		Instant now = this.clock.instant();
		Query dueNow = Query.query(Criteria.where(ReportSchedule.NEXT_RUN_AT)
			.lte(now)
			.orOperator(Criteria.where(ReportSchedule.CLAIM).is(null),
					Criteria.where(ReportSchedule.CLAIM + ".until").lt(now)));
		Update claim = new Update().set(ReportSchedule.CLAIM,
				new ReportSchedule.Claim(UUID.randomUUID(), this.owner, now.plus(this.settings.claim())));
		return this.mongo.findAndModify(dueNow, claim, FindAndModifyOptions.options().returnNew(true),
				ReportSchedule.class);
	}

	private int run(ReportSchedule schedule) {
		Instant now = this.clock.instant();
		// The latest run that is due: one missed while no instance ran is not drafted on
		// its own.
		Instant run = schedule.nextRunAt();
		Instant after;
		while (!(after = schedule.firstRunAfter(run)).isAfter(now)) {
			run = after;
		}
		LocalDate day = schedule.dayOf(run);
		boolean drafted = this.reports.draftOnSchedule(schedule, day).isPresent();
		Query mine = Query.query(Criteria.where("_id")
			.is(schedule.projectId())
			.and(ReportSchedule.CLAIM + ".token")
			.is(schedule.claim().token()));
		this.mongo.updateFirst(mine,
				new Update().set(ReportSchedule.NEXT_RUN_AT, after)
					.set("lastDraftedFor", day)
					.unset(ReportSchedule.CLAIM),
				ReportSchedule.class);
		return drafted ? 1 : 0;
	}

}
