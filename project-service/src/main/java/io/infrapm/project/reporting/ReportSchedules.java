package io.infrapm.project.reporting;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.UUID;

import io.infrapm.contracts.project.ReportAudience;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.web.ETags;
import io.infrapm.project.portfolio.ProjectPortfolio;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * A project's report schedule: its manager sets, changes and drops it; members read it.
 */
@Service
public class ReportSchedules {

	private final ProjectPortfolio portfolio;

	private final MongoOperations mongo;

	private final Clock clock;

	ReportSchedules(ProjectPortfolio portfolio, MongoOperations mongo, Clock clock) {
		this.portfolio = portfolio;
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * A project's schedule.
	 * @param projectId the project
	 * @param caller a member
	 * @return the schedule
	 */
	public ReportSchedule get(UUID projectId, Caller caller) {
		visible(projectId, caller);
		return existing(projectId);
	}

	/**
	 * Sets or changes a project's schedule; its first run is the next one after now.
	 * @param projectId the project
	 * @param ifMatch the schedule's ETag as the manager saw it; required to change one
	 * @param change the schedule
	 * @param caller the project's manager
	 * @return the schedule
	 */
	public ReportSchedule set(UUID projectId, String ifMatch, Change change, Caller caller) {
		visible(projectId, caller).requireManage();
		ReportSchedule current = this.mongo.findById(projectId, ReportSchedule.class);
		if (current != null) {
			ETags.requireCurrent(ifMatch, current.version());
		}
		else if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
			throw new NotFoundException("If-Match", "project " + projectId + " has no report schedule to change");
		}
		ReportSchedule next = ReportSchedule.of(projectId, change.period(), change.audience(), change.dayOfWeek(),
				change.dayOfMonth(), change.time(), change.timeZone(), this.clock.instant(), caller.actor());
		try {
			if (current == null) {
				return this.mongo.insert(next);
			}
			next.replacing(current);
			return this.mongo.save(next);
		}
		catch (DuplicateKeyException ex) {
			throw new OptimisticLockingFailureException("the report schedule of " + projectId + " was set meanwhile",
					ex);
		}
	}

	/**
	 * Drops a project's schedule.
	 * @param projectId the project
	 * @param ifMatch its ETag
	 * @param caller the project's manager
	 */
	public void drop(UUID projectId, String ifMatch, Caller caller) {
		visible(projectId, caller).requireManage();
		ReportSchedule current = existing(projectId);
		ETags.requireCurrent(ifMatch, current.version());
		ReportSchedule removed = this.mongo.findAndRemove(
				Query.query(Criteria.where("_id").is(projectId).and("version").is(current.version())),
				ReportSchedule.class);
		if (removed == null) {
			throw new OptimisticLockingFailureException("the report schedule of " + projectId + " changed meanwhile");
		}
	}

	private ReportSchedule existing(UUID projectId) {
		ReportSchedule schedule = this.mongo.findById(projectId, ReportSchedule.class);
		if (schedule == null) {
			throw new NotFoundException("projectId", "project " + projectId + " has no report schedule");
		}
		return schedule;
	}

	private ProjectAccess visible(UUID projectId, Caller caller) {
		return this.portfolio.get(projectId, caller).access();
	}

	/**
	 * A schedule as the manager sets it.
	 *
	 * @param period how often
	 * @param audience for whom
	 * @param dayOfWeek the day of a weekly report, or {@code null}
	 * @param dayOfMonth the day of a monthly report, or {@code null}
	 * @param time the time of day
	 * @param timeZone the time zone
	 */
	public record Change(ReportPeriod period, ReportAudience audience, DayOfWeek dayOfWeek, Integer dayOfMonth,
			LocalTime time, String timeZone) {
	}

}
