package io.infrapm.project.health;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.contracts.project.ProjectHealthChanged;
import io.infrapm.contracts.project.ProjectHealthOverridden;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.messaging.UnknownAggregateException;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.web.ETags;
import io.infrapm.project.portfolio.DateWatchSettings;
import io.infrapm.project.portfolio.Milestone;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ProjectPortfolio;
import io.infrapm.project.portfolio.ProjectRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The use cases of a project's health: assess it again when its facts change, read it as
 * it is or as it stood on an earlier day, list its history, and set or withdraw a
 * manager's colour.
 */
@Service
public class ProjectHealthService {

	private static final int ATTEMPTS = 5;

	private final ProjectRepository projects;

	private final ProjectPortfolio portfolio;

	private final ProjectSignalsWrites signals;

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final HealthRules rules;

	private final Clock clock;

	private final DateWatchSettings calendar;

	ProjectHealthService(ProjectRepository projects, ProjectPortfolio portfolio, ProjectSignalsWrites signals,
			MongoOperations mongo, Aggregates aggregates, HealthRuleSettings settings, DateWatchSettings calendar,
			Clock clock) {
		this.projects = projects;
		this.portfolio = portfolio;
		this.signals = signals;
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.rules = new HealthRules(settings);
		this.calendar = calendar;
		this.clock = clock;
	}

	/**
	 * Assesses a project again after its facts changed, and publishes a change of colour
	 * once.
	 * @param projectId the project
	 * @param cause the event whose facts changed
	 * @return {@link HandlingOutcome#APPLIED} if a colour changed, else
	 * {@link HandlingOutcome#DUPLICATE}
	 * @throws UnknownAggregateException if the project is not known (yet)
	 */
	public HandlingOutcome reassess(UUID projectId, ProjectHealth.Cause cause) {
		for (int attempt = 1;; attempt++) {
			Project project = this.projects.findById(projectId)
				.orElseThrow(() -> new UnknownAggregateException("no project " + projectId));
			HealthAssessment assessment = assess(project);
			ProjectHealth stored = this.mongo.findById(projectId, ProjectHealth.class);
			ProjectHealth health = (stored != null) ? stored
					: ProjectHealth.of(projectId, project.code(), project.name());
			boolean changed = health.reassess(assessment, project.code(), project.name(), cause, this.clock.instant());
			try {
				if (stored == null) {
					this.aggregates.insert(health);
				}
				else {
					this.aggregates.update(health);
				}
				return changed ? HandlingOutcome.APPLIED : HandlingOutcome.DUPLICATE;
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
				// Facts of another topic were assessed at the same time: assess again.
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Records a change of the project's own health in its history, once.
	 * @param event the event
	 * @return what happened
	 */
	public HandlingOutcome recordChange(IncomingEvent<ProjectHealthChanged> event) {
		ProjectHealthChanged data = event.data();
		Map<HealthDimension, HealthColour> colours = new EnumMap<>(HealthDimension.class);
		colours.put(HealthDimension.OVERALL, data.overall());
		colours.put(HealthDimension.SCHEDULE, data.schedule());
		colours.put(HealthDimension.COST, data.cost());
		colours.put(HealthDimension.SCOPE, data.scope());
		colours.put(HealthDimension.RISK, data.risk());
		return EventIdempotency.insertOnce(this.mongo,
				new HealthRecord(event.id(), data.projectId(), data.changedAt(), HealthRecord.Kind.CHANGED, colours,
						data.changed(), data.reasons(), data.rulesVersion(), data.causeType(), data.causeId(), null,
						null, null, null, null, null));
	}

	/**
	 * Records an override set or withdrawn in the history, once.
	 * @param event the event
	 * @return what happened
	 */
	public HandlingOutcome recordOverride(IncomingEvent<ProjectHealthOverridden> event) {
		ProjectHealthOverridden data = event.data();
		HealthRecord.Kind kind = (data.colour() != null) ? HealthRecord.Kind.OVERRIDDEN
				: HealthRecord.Kind.OVERRIDE_WITHDRAWN;
		return EventIdempotency.insertOnce(this.mongo,
				new HealthRecord(event.id(), data.projectId(), data.at(), kind, null, List.of(), List.of(), null, null,
						null, data.dimension(), data.colour(), data.computed(), data.reason(), data.expiresOn(),
						data.actor()));
	}

	/**
	 * A project's health today, or as it stood at the end of an earlier day.
	 * @param projectId the project
	 * @param asOf the day, or {@code null} for now
	 * @param caller a member
	 * @return the health
	 */
	public Reading health(UUID projectId, LocalDate asOf, Caller caller) {
		Project project = visible(projectId, caller);
		return reading(project, project.members().accessOf(caller), asOf);
	}

	/**
	 * A project's health today, or as it stood at the end of an earlier day, for a reader
	 * already checked.
	 * @param project the project
	 * @param access what the reader may do
	 * @param asOf the day, or {@code null} for now
	 * @return the health
	 * @throws NotFoundException naming {@code asOf} if no health was recorded by then
	 */
	public Reading reading(Project project, ProjectAccess access, LocalDate asOf) {
		UUID projectId = project.id();
		LocalDate today = today();
		if (asOf != null && asOf.isAfter(today)) {
			throw new RuleViolationException("asOf", "must be today (" + today + ") or earlier, not " + asOf);
		}
		if (asOf == null || asOf.equals(today)) {
			ProjectHealth stored = this.mongo.findById(projectId, ProjectHealth.class);
			if (stored != null && stored.assessment().isPresent()) {
				HealthAssessment assessment = stored.assessment().get();
				return new Reading(project, access, today, assessment.colours(), ProjectHealth.reasons(assessment),
						assessment.rulesVersion(), stored.assessedAt(), stored.changedAt(), stored.overridesOn(today),
						stored.overridesRevision());
			}
			// Not assessed yet (its first event is still on its way): judge it now,
			// without keeping the result.
			HealthAssessment assessment = assess(project);
			return new Reading(project, access, today, assessment.colours(), ProjectHealth.reasons(assessment),
					assessment.rulesVersion(), null, null, Map.of(), 0);
		}
		Instant end = asOf.plusDays(1).atStartOfDay(this.calendar.zone()).toInstant();
		HealthRecord change = this.mongo.findOne(Query.query(
				Criteria.where("projectId").is(projectId).and("kind").is(HealthRecord.Kind.CHANGED).and("at").lt(end))
			.with(Sort.by(Sort.Direction.DESC, "at")), HealthRecord.class);
		if (change == null) {
			throw new NotFoundException("asOf",
					"no health of project " + project.code() + " was recorded on or before " + asOf);
		}
		return new Reading(project, access, asOf, change.colours(), change.reasons(), change.rulesVersion(),
				change.at(), change.at(), overridesAt(projectId, end, asOf), -1);
	}

	/**
	 * A project's health history, latest first.
	 * @param projectId the project
	 * @param page the page
	 * @param size its size
	 * @param caller a member
	 * @return the entries, and whether the caller may read money figures
	 */
	public History history(UUID projectId, int page, int size, Caller caller) {
		Project project = visible(projectId, caller);
		Query query = Query.query(Criteria.where("projectId").is(projectId));
		long total = this.mongo.count(query, HealthRecord.class);
		List<HealthRecord> entries = this.mongo.find(Query.of(query)
			.with(Sort.by(Sort.Direction.DESC, "at").and(Sort.by(Sort.Direction.DESC, "_id")))
			.skip((long) page * size)
			.limit(size), HealthRecord.class);
		return new History(new PageImpl<>(entries, PageRequest.of(page, size), total),
				project.members().accessOf(caller).budget());
	}

	/**
	 * Sets a manager's colour for one dimension, beside the computed one.
	 * @param projectId the project
	 * @param dimension the dimension
	 * @param colour the colour
	 * @param reason why
	 * @param expiresOn its last day
	 * @param ifMatch the health's ETag as the manager saw it
	 * @param caller the project's manager
	 * @return the health after it
	 */
	public Reading override(UUID projectId, HealthDimension dimension, HealthColour colour, String reason,
			LocalDate expiresOn, String ifMatch, Caller caller) {
		return changeOverrides(projectId, ifMatch, caller,
				(health, now) -> health.override(dimension, colour, reason, expiresOn, today(), caller.actor(), now));
	}

	/**
	 * Withdraws a manager's colour.
	 * @param projectId the project
	 * @param dimension the dimension
	 * @param ifMatch the health's ETag as the manager saw it
	 * @param caller the project's manager
	 * @return the health after it
	 */
	public Reading withdrawOverride(UUID projectId, HealthDimension dimension, String ifMatch, Caller caller) {
		return changeOverrides(projectId, ifMatch, caller, (health, now) -> {
			if (!health.withdrawOverride(dimension, caller.actor(), now)) {
				throw new NotFoundException("dimension", "no override of " + dimension + " to withdraw");
			}
			return null;
		});
	}

	private Reading changeOverrides(UUID projectId, String ifMatch, Caller caller, OverrideChange change) {
		Project project = visible(projectId, caller);
		project.members().accessOf(caller).requireManage();
		for (int attempt = 1;; attempt++) {
			ProjectHealth health = this.mongo.findById(projectId, ProjectHealth.class);
			if (health == null) {
				throw new RuleViolationException("dimension", "the project has not been assessed yet");
			}
			ETags.requireCurrent(ifMatch, health.overridesRevision());
			change.apply(health, this.clock.instant());
			try {
				this.aggregates.update(health);
				return health(projectId, null, caller);
			}
			catch (OptimisticLockingFailureException ex) {
				// A recomputation wrote at the same time; the overrides it kept are
				// checked again against If-Match.
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private Map<HealthDimension, ProjectHealth.ManualColour> overridesAt(UUID projectId, Instant end, LocalDate day) {
		List<HealthRecord> records = this.mongo.find(
				Query
					.query(Criteria.where("projectId")
						.is(projectId)
						.and("kind")
						.in(HealthRecord.Kind.OVERRIDDEN, HealthRecord.Kind.OVERRIDE_WITHDRAWN)
						.and("at")
						.lt(end))
					.with(Sort.by(Sort.Direction.ASC, "at")),
				HealthRecord.class);
		Map<HealthDimension, ProjectHealth.ManualColour> holding = new EnumMap<>(HealthDimension.class);
		for (HealthRecord record : records) {
			if (record.kind() == HealthRecord.Kind.OVERRIDE_WITHDRAWN) {
				holding.remove(record.dimension());
			}
			else {
				holding.put(record.dimension(), new ProjectHealth.ManualColour(record.override(), record.computed(),
						record.reason(), record.expiresOn(), record.at(), record.actor()));
			}
		}
		holding.values().removeIf((override) -> override.expiresOn().isBefore(day));
		return holding;
	}

	private Project visible(UUID projectId, Caller caller) {
		return this.portfolio.get(projectId, caller).project();
	}

	private HealthAssessment assess(Project project) {
		return this.rules.assess(facts(project, this.signals.of(project.id()), today()));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.calendar.zone()));
	}

	static HealthFacts facts(Project project, ProjectSignals signals, LocalDate today) {
		List<Milestone> open = project.milestones().stream().filter(Milestone::open).toList();
		return new HealthFacts(today,
				open.stream()
					.map((m) -> new HealthFacts.OpenMilestone(m.name(), m.critical(), m.dueDate(), m.reportedMissed(),
							slipDays(m)))
					.toList(),
				project.vendors()
					.stream()
					.flatMap((vendor) -> vendor.deliverables()
						.stream()
						.filter((deliverable) -> deliverable.late())
						.map((deliverable) -> new HealthFacts.LateDeliverable(vendor.name(), deliverable.name(),
								deliverable.dueDate())))
					.toList(),
				open.stream()
					.flatMap((m) -> m.conflicts()
						.stream()
						.map((conflict) -> new HealthFacts.Conflict(m.name(), conflict.kind(), conflict.detail())))
					.toList(),
				project.changeRequests()
					.stream()
					.filter((change) -> change.open())
					.map((change) -> new HealthFacts.WaitingChange(change.number(), change.title(),
							change.submittedAt()))
					.toList(),
				signals);
	}

	private static long slipDays(Milestone milestone) {
		if (milestone.reschedules().isEmpty()) {
			return 0;
		}
		LocalDate first = milestone.reschedules().get(0).previousDueDate();
		return Math.max(0, ChronoUnit.DAYS.between(first, milestone.dueDate()));
	}

	@FunctionalInterface
	private interface OverrideChange {

		Object apply(ProjectHealth health, Instant now);

	}

	/**
	 * A project's health as a member reads it.
	 *
	 * @param project the project
	 * @param access what the reader may do
	 * @param asOf the day it holds for
	 * @param colours the computed colours
	 * @param reasons why
	 * @param rulesVersion the rules' version
	 * @param assessedAt when it was last assessed, or {@code null} if it was judged just
	 * now
	 * @param changedAt when a colour last changed, or {@code null}
	 * @param overrides the managers' colours that hold on that day
	 * @param etag the overrides' revision, or -1 for a past day (nothing to change)
	 */
	public record Reading(Project project, ProjectAccess access, LocalDate asOf,
			Map<HealthDimension, HealthColour> colours, List<io.infrapm.contracts.project.HealthReason> reasons,
			String rulesVersion, Instant assessedAt, Instant changedAt,
			Map<HealthDimension, ProjectHealth.ManualColour> overrides, long etag) {

		/**
		 * The ETag.
		 * @return it, if the reading can be changed
		 */
		public Optional<String> eTag() {
			return (this.etag >= 0) ? Optional.of(ETags.of(this.etag)) : Optional.empty();
		}

	}

	/**
	 * A page of health history.
	 *
	 * @param entries the entries
	 * @param moneyVisible whether the reader may read money figures
	 */
	public record History(Page<HealthRecord> entries, boolean moneyVisible) {
	}

}
