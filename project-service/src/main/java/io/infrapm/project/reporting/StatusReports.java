package io.infrapm.project.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.project.ReportAudience;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.web.ETags;
import io.infrapm.project.health.ProjectHealthService;
import io.infrapm.project.health.ProjectSignalsWrites;
import io.infrapm.project.portfolio.DateWatchSettings;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ProjectPortfolio;
import io.infrapm.project.portfolio.ProjectRepository;
import io.infrapm.project.portfolio.RequestFingerprints;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The use cases of status reports: a manager drafts one from the facts as of a date,
 * writes the narrative, drafts the facts again while it is a draft, and publishes it;
 * members read the published ones, managers the drafts as well.
 */
@Service
public class StatusReports {

	private static final int ATTEMPTS = 5;

	/** Who drafts the reports a schedule calls for. */
	static final Actor SCHEDULE = Actor.service("project-service");

	private final ProjectRepository projects;

	private final ProjectPortfolio portfolio;

	private final ProjectHealthService health;

	private final ProjectSignalsWrites signals;

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final DateWatchSettings calendar;

	private final Clock clock;

	StatusReports(ProjectRepository projects, ProjectPortfolio portfolio, ProjectHealthService health,
			ProjectSignalsWrites signals, MongoOperations mongo, Aggregates aggregates, DateWatchSettings calendar,
			Clock clock) {
		this.projects = projects;
		this.portfolio = portfolio;
		this.health = health;
		this.signals = signals;
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.calendar = calendar;
		this.clock = clock;
	}

	/**
	 * Drafts a report, or a correction of a published one.
	 * @param projectId the project
	 * @param command what to draft
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the project's manager
	 * @return the draft, and whether it was drafted before under the same key
	 */
	public Drafted draft(UUID projectId, Draft command, String idempotencyKey, Caller caller) {
		Project project = visible(projectId, caller);
		ProjectAccess access = project.members().accessOf(caller).requireManage();
		String fingerprint = (idempotencyKey != null) ? RequestFingerprints.of(command, caller) : null;
		return insertDraft(project, access, command, idempotencyKey, fingerprint, caller.actor(), false);
	}

	/**
	 * Drafts the report a schedule calls for on a day, once: a second run for the same
	 * day (another instance's, or this one's after a crash) finds the first draft.
	 * @param schedule the schedule
	 * @param day the day the report is for
	 * @return the draft, or empty if the project is gone or no longer active
	 */
	public Optional<StatusReport> draftOnSchedule(ReportSchedule schedule, LocalDate day) {
		Project project = this.projects.findById(schedule.projectId()).orElse(null);
		if (project == null || project.status() != ProjectStatus.ACTIVE) {
			return Optional.empty();
		}
		ProjectAccess service = new ProjectAccess(project.id(), true, true, true, true, false);
		Draft command = new Draft(schedule.period(), schedule.audience(), day, null);
		String key = "schedule/" + schedule.audience() + "/" + day;
		return Optional.of(insertDraft(project, service, command, key, key, SCHEDULE, true).report());
	}

	private Drafted insertDraft(Project project, ProjectAccess access, Draft command, String idempotencyKey,
			String fingerprint, Actor actor, boolean scheduled) {
		UUID projectId = project.id();
		for (int attempt = 1;; attempt++) {
			if (idempotencyKey != null) {
				StatusReport earlier = this.mongo.findOne(
						Query.query(Criteria.where("requestSlot").is(projectId + "/" + idempotencyKey)),
						StatusReport.class);
				if (earlier != null) {
					if (!earlier.requestFingerprint().equals(fingerprint)) {
						throw new RuleViolationException("Idempotency-Key",
								"was already used for a different report; use a new key for a new report");
					}
					return new Drafted(earlier, true);
				}
			}
			StatusReport report = newDraft(project, access, command, idempotencyKey, fingerprint, actor, scheduled);
			try {
				return new Drafted(this.aggregates.insert(report), false);
			}
			catch (DuplicateKeyException ex) {
				// Another draft took the number, or the same key raced this one: look
				// again.
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private StatusReport newDraft(Project project, ProjectAccess access, Draft command, String idempotencyKey,
			String fingerprint, Actor actor, boolean scheduled) {
		LocalDate today = today();
		Instant now = this.clock.instant();
		if (command.supersedes() != null) {
			StatusReport corrected = report(project.id(), command.supersedes());
			if (corrected.status() != StatusReport.Status.PUBLISHED) {
				throw new RuleViolationException("supersedes",
						"report " + corrected.number() + " is still a draft: change it rather than correct it");
			}
			requireSameOrAbsent("period", command.period(), corrected.period());
			requireSameOrAbsent("audience", command.audience(), corrected.audience());
			requireSameOrAbsent("asOf", command.asOf(), corrected.asOf());
			int edition = latestEdition(project.id(), corrected.number()) + 1;
			return StatusReport.draft(project.id(), project.code(), project.name(), corrected.number(), edition,
					corrected.id(), corrected.period(), corrected.audience(), corrected.asOf(),
					facts(project, access, corrected.period(), corrected.asOf(), now), corrected.narrative(),
					idempotencyKey, fingerprint, scheduled, actor, now);
		}
		if (command.period() == null) {
			throw new RuleViolationException("period", "must not be null");
		}
		if (command.audience() == null) {
			throw new RuleViolationException("audience", "must not be null");
		}
		LocalDate asOf = (command.asOf() != null) ? command.asOf() : today;
		// A schedule's day is in the schedule's zone, which may be a day ahead of this
		// service's calendar.
		if (asOf.isAfter(today) && !scheduled) {
			throw new RuleViolationException("asOf", "must be today (" + today + ") or earlier, not " + asOf);
		}
		LocalDate created = project.createdAt().atZone(this.calendar.zone()).toLocalDate();
		if (asOf.isBefore(created)) {
			throw new RuleViolationException("asOf",
					"must not be before the project was created (" + created + "), not " + asOf);
		}
		String number = "SR-"
				+ (this.mongo.count(Query.query(Criteria.where("projectId").is(project.id()).and("edition").is(1)),
						StatusReport.class) + 1);
		return StatusReport.draft(project.id(), project.code(), project.name(), number, 1, null, command.period(),
				command.audience(), asOf, facts(project, access, command.period(), asOf, now), Narrative.EMPTY,
				idempotencyKey, fingerprint, scheduled, actor, now);
	}

	/**
	 * Changes the narrative of a draft.
	 * @param projectId the project
	 * @param reportId the report
	 * @param ifMatch its ETag as the manager saw it
	 * @param change what changes
	 * @param caller the project's manager
	 * @return the report after the change
	 */
	public StatusReport revise(UUID projectId, UUID reportId, String ifMatch, Narrative.Change change, Caller caller) {
		return change(projectId, reportId, ifMatch, caller,
				(report, project, access, now) -> report.revise(change, caller.actor(), now));
	}

	/**
	 * Drafts the facts of a draft again, as they stand now for its date.
	 * @param projectId the project
	 * @param reportId the report
	 * @param ifMatch its ETag as the manager saw it
	 * @param caller the project's manager
	 * @return the report after it
	 */
	public StatusReport redraft(UUID projectId, UUID reportId, String ifMatch, Caller caller) {
		return change(projectId, reportId, ifMatch, caller, (report, project, access, now) -> report
			.redraft(facts(project, access, report.period(), report.asOf(), now), caller.actor(), now));
	}

	/**
	 * Publishes a draft.
	 * @param projectId the project
	 * @param reportId the report
	 * @param ifMatch its ETag as the manager saw it
	 * @param caller the project's manager
	 * @return the published report
	 */
	public StatusReport publish(UUID projectId, UUID reportId, String ifMatch, Caller caller) {
		return change(projectId, reportId, ifMatch, caller,
				(report, project, access, now) -> report.publish(caller.actor(), now));
	}

	private StatusReport change(UUID projectId, UUID reportId, String ifMatch, Caller caller, Change change) {
		Project project = visible(projectId, caller);
		ProjectAccess access = project.members().accessOf(caller).requireManage();
		StatusReport report = report(projectId, reportId);
		ETags.requireCurrent(ifMatch, report.revision());
		change.apply(report, project, access, this.clock.instant());
		return this.aggregates.update(report);
	}

	/**
	 * A project's reports, latest date first: the published ones, and the drafts for
	 * those who manage the project.
	 * @param projectId the project
	 * @param status only these, or {@code null} for all the caller may see
	 * @param page the page
	 * @param size its size
	 * @param caller a member
	 * @return the page, and what the caller may see
	 */
	public Listed list(UUID projectId, StatusReport.Status status, int page, int size, Caller caller) {
		Project project = visible(projectId, caller);
		ProjectAccess access = project.members().accessOf(caller);
		Criteria criteria = Criteria.where("projectId").is(projectId);
		if (!access.manage()) {
			if (status == StatusReport.Status.DRAFT) {
				return new Listed(new PageImpl<>(List.of(), PageRequest.of(page, size), 0), access);
			}
			criteria.and("status").is(StatusReport.Status.PUBLISHED);
		}
		else if (status != null) {
			criteria.and("status").is(status);
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, StatusReport.class);
		List<StatusReport> reports = this.mongo.find(Query.of(query)
			.with(Sort.by(Sort.Direction.DESC, "asOf", "draftedAt"))
			.skip((long) page * size)
			.limit(size), StatusReport.class);
		return new Listed(new PageImpl<>(reports, PageRequest.of(page, size), total), access);
	}

	/**
	 * One report, as a member may read it: a draft only for those who manage the project.
	 * @param projectId the project
	 * @param reportId the report
	 * @param caller a member
	 * @return the report and what the caller may see
	 */
	public Visible get(UUID projectId, UUID reportId, Caller caller) {
		Project project = visible(projectId, caller);
		ProjectAccess access = project.members().accessOf(caller);
		StatusReport report = report(projectId, reportId);
		if (report.status() == StatusReport.Status.DRAFT && !access.manage()) {
			throw notFound(reportId);
		}
		return new Visible(report, access);
	}

	private ReportFacts facts(Project project, ProjectAccess access, ReportPeriod period, LocalDate asOf, Instant now) {
		ProjectHealthService.Reading reading;
		try {
			reading = this.health.reading(project, access, asOf.isBefore(today()) ? asOf : null);
		}
		catch (NotFoundException ex) {
			// Assessed only after that day (a project older than its health history):
			// the colours of today, which the reasons explain.
			reading = this.health.reading(project, access, null);
		}
		return ReportDrafting.draft(project, reading, this.signals.of(project.id()), period, asOf, this.calendar.zone(),
				now);
	}

	private int latestEdition(UUID projectId, String number) {
		StatusReport latest = this.mongo
			.findOne(Query.query(Criteria.where("projectId").is(projectId).and("number").is(number))
				.with(Sort.by(Sort.Direction.DESC, "edition")), StatusReport.class);
		return (latest != null) ? latest.edition() : 0;
	}

	private StatusReport report(UUID projectId, UUID reportId) {
		StatusReport report = this.mongo.findById(reportId, StatusReport.class);
		if (report == null || !report.projectId().equals(projectId)) {
			throw notFound(reportId);
		}
		return report;
	}

	private static NotFoundException notFound(UUID reportId) {
		return new NotFoundException("reportId", "no status report " + reportId);
	}

	private Project visible(UUID projectId, Caller caller) {
		return this.portfolio.get(projectId, caller).project();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.calendar.zone()));
	}

	private static <T> void requireSameOrAbsent(String field, T given, T corrected) {
		if (given != null && !given.equals(corrected)) {
			throw new RuleViolationException(field,
					"a correction keeps the " + field + " of the report it supersedes (" + corrected + ")");
		}
	}

	@FunctionalInterface
	private interface Change {

		void apply(StatusReport report, Project project, ProjectAccess access, Instant now);

	}

	/**
	 * What to draft.
	 *
	 * @param period the time it covers; required unless it supersedes
	 * @param audience whom it is for; required unless it supersedes
	 * @param asOf the day its facts hold for, or {@code null} for today
	 * @param supersedes the published report it corrects, or {@code null}
	 */
	public record Draft(ReportPeriod period, ReportAudience audience, LocalDate asOf, UUID supersedes) {
	}

	/**
	 * A drafted report.
	 *
	 * @param report the report
	 * @param replayed whether an earlier request with the same key drafted it
	 */
	public record Drafted(StatusReport report, boolean replayed) {
	}

	/**
	 * A page of reports.
	 *
	 * @param reports the reports
	 * @param access what the reader may see
	 */
	public record Listed(Page<StatusReport> reports, ProjectAccess access) {
	}

	/**
	 * A report and what its reader may see.
	 *
	 * @param report the report
	 * @param access what the reader may see
	 */
	public record Visible(StatusReport report, ProjectAccess access) {
	}

}
