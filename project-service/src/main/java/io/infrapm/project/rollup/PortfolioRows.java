package io.infrapm.project.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.project.health.HealthAssessment;
import io.infrapm.project.health.ProjectHealth;
import io.infrapm.project.health.ProjectSignals;
import io.infrapm.project.health.ProjectSignalsWrites;
import io.infrapm.project.portfolio.DateWatchSettings;
import io.infrapm.project.portfolio.Milestone;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ProjectRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps the portfolio rows, and a copy of all of them in this instance's memory, which
 * the portfolio views read. A row is written after every event about its project, from
 * the project, its health and its signals as they are then, only if it is newer in at
 * least one of them and older in none than the stored row: two writers racing never leave
 * the older row behind (the loser reads again, and the sources only grow). The memory
 * copy takes this instance's own writes at once and everyone else's from the store every
 * {@link #REFRESH} (rows changed since shortly before the last look), so that it lags
 * another instance's writes by about that much.
 */
@Component
public class PortfolioRows {

	/** How often the memory copy looks for rows other instances wrote. */
	static final Duration REFRESH = Duration.ofSeconds(2);

	/**
	 * How far before the last look each look reaches, for writes still in flight then.
	 */
	private static final Duration OVERLAP = Duration.ofSeconds(10);

	private static final int ATTEMPTS = 5;

	private static final Logger log = LoggerFactory.getLogger(PortfolioRows.class);

	private final MongoOperations mongo;

	private final ProjectRepository projects;

	private final ProjectSignalsWrites signals;

	private final Clock clock;

	private final Map<UUID, PortfolioRow> rows = new ConcurrentHashMap<>();

	/** How many past days' portfolios are kept in memory. */
	private static final int PAST_DAYS_KEPT = 8;

	private final Map<LocalDate, Map<UUID, PortfolioRow>> pastDays = java.util.Collections
		.synchronizedMap(new java.util.LinkedHashMap<>());

	private final java.time.ZoneId zone;

	private volatile Instant loadedUpTo;

	private volatile long lastLookNanos;

	PortfolioRows(MongoOperations mongo, ProjectRepository projects, ProjectSignalsWrites signals,
			DateWatchSettings calendar, Clock clock) {
		this.zone = calendar.zone();
		this.mongo = mongo;
		this.projects = projects;
		this.signals = signals;
		this.clock = clock;
	}

	/**
	 * Writes a project's row from its sources as they are now.
	 * @param projectId the project
	 * @return {@link HandlingOutcome#APPLIED} if the row changed, else
	 * {@link HandlingOutcome#DUPLICATE}; {@link HandlingOutcome#IGNORED} for a project
	 * this service does not hold
	 */
	public HandlingOutcome refresh(UUID projectId) {
		for (int attempt = 1;; attempt++) {
			if (attempt > ATTEMPTS) {
				throw new OptimisticLockingFailureException("the portfolio row of " + projectId + " kept changing");
			}
			Project project = this.projects.findById(projectId).orElse(null);
			if (project == null) {
				return HandlingOutcome.IGNORED;
			}
			ProjectHealth health = this.mongo.findById(projectId, ProjectHealth.class);
			ProjectSignals facts = this.signals.of(projectId);
			PortfolioRow row = assemble(project, health, facts, this.clock.instant());
			PortfolioRow stored = this.mongo.findById(projectId, PortfolioRow.class);
			if (stored != null && stored.atLeastAsNewAs(row)) {
				remember(stored);
				// A crash may have come between the row and its snapshot.
				snapshot(stored);
				return HandlingOutcome.DUPLICATE;
			}
			if (stored != null && !row.atLeastAsNewAs(stored)) {
				// Sources moved on between the reads: read them again.
				continue;
			}
			try {
				if (stored == null) {
					this.mongo.insert(row);
				}
				else if (this.mongo.findAndReplace(Query.query(Criteria.where("_id")
					.is(projectId)
					.and("projectVersion")
					.is(stored.projectVersion())
					.and("healthVersion")
					.is(stored.healthVersion())
					.and("signalsRevision")
					.is(stored.signalsRevision())), row) == null) {
					// Another writer replaced the stored row since it was read.
					continue;
				}
				remember(row);
				snapshot(row);
				return HandlingOutcome.APPLIED;
			}
			catch (DuplicateKeyException ex) {
				// Another writer inserted it first: compare with theirs.
			}
		}
	}

	/**
	 * Keeps a row as today's snapshot of its project, unless today's holds one at least
	 * as new.
	 */
	private void snapshot(PortfolioRow row) {
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		String id = PortfolioSnapshot.idOf(row.projectId(), today);
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			PortfolioSnapshot held = this.mongo.findById(id, PortfolioSnapshot.class);
			if (held != null && held.row().atLeastAsNewAs(row)) {
				return;
			}
			PortfolioSnapshot fresh = new PortfolioSnapshot(id, row.projectId(), today, row);
			try {
				if (held == null) {
					this.mongo.insert(fresh);
					return;
				}
				if (this.mongo.findAndReplace(Query.query(Criteria.where("_id")
					.is(id)
					.and("row.projectVersion")
					.is(held.row().projectVersion())
					.and("row.healthVersion")
					.is(held.row().healthVersion())
					.and("row.signalsRevision")
					.is(held.row().signalsRevision())), fresh) != null) {
					return;
				}
			}
			catch (DuplicateKeyException ex) {
				// Another writer took today's snapshot first: compare with theirs.
			}
		}
		throw new OptimisticLockingFailureException("today's snapshot of " + row.projectId() + " kept changing");
	}

	/**
	 * Every project's row as it stood at the end of a past day: its latest snapshot up to
	 * that day. A past day's answer never changes, so the last few are kept.
	 * @param day the day, before today
	 * @return the rows, by project
	 */
	public Map<UUID, PortfolioRow> asOf(LocalDate day) {
		Map<UUID, PortfolioRow> kept = this.pastDays.get(day);
		if (kept != null) {
			return kept;
		}
		Map<UUID, PortfolioSnapshot> latest = new java.util.HashMap<>();
		for (PortfolioSnapshot snapshot : this.mongo.find(Query.query(Criteria.where("day").lte(day)),
				PortfolioSnapshot.class)) {
			latest.merge(snapshot.projectId(), snapshot, (a, b) -> a.day().isAfter(b.day()) ? a : b);
		}
		Map<UUID, PortfolioRow> rows = new java.util.HashMap<>();
		latest.forEach((projectId, snapshot) -> rows.put(projectId, snapshot.row()));
		Map<UUID, PortfolioRow> answer = Map.copyOf(rows);
		synchronized (this.pastDays) {
			if (this.pastDays.size() >= PAST_DAYS_KEPT) {
				this.pastDays.remove(this.pastDays.keySet().iterator().next());
			}
			this.pastDays.put(day, answer);
		}
		return answer;
	}

	/**
	 * Today in the service's calendar.
	 * @return the day
	 */
	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.zone));
	}

	static PortfolioRow assemble(Project project, ProjectHealth health, ProjectSignals facts, Instant now) {
		HealthAssessment assessment = (health != null) ? health.assessment().orElse(null) : null;
		List<Milestone> open = project.milestones()
			.stream()
			.filter(Milestone::open)
			.sorted(Comparator.comparing(Milestone::dueDate).thenComparing(Milestone::name))
			.toList();
		PortfolioRow.Milestone next = open.stream()
			.filter((m) -> !m.reportedMissed())
			.findFirst()
			.map((m) -> new PortfolioRow.Milestone(m.name(), m.dueDate(), m.critical()))
			.orElse(null);
		List<PortfolioRow.Milestone> missed = open.stream()
			.filter(Milestone::reportedMissed)
			.map((m) -> new PortfolioRow.Milestone(m.name(), m.dueDate(), m.critical()))
			.toList();
		ProjectSignals.Budget budget = facts.budget().orElse(null);
		ProjectSignals.Performance performance = facts.performance().orElse(null);
		PortfolioRow.TopRisk top = facts.topThreats(1)
			.stream()
			.findFirst()
			.map((r) -> new PortfolioRow.TopRisk(r.number(), r.title(), r.scoreOrZero(), r.band()))
			.orElse(null);
		java.math.BigDecimal bac = (budget != null && budget.budgetAtCompletion() != null) ? budget.budgetAtCompletion()
				: (performance != null) ? performance.budgetAtCompletion() : null;
		String currency = (budget != null && budget.currency() != null) ? budget.currency()
				: (performance != null) ? performance.currency() : null;
		if (bac == null && project.budget() != null) {
			bac = project.budget().amount();
			currency = project.budget().currency();
		}
		return new PortfolioRow(project.id(), project.code(), project.name(), project.category(), project.methodology(),
				project.phase(), project.status(), (project.manager() != null) ? project.manager().name() : null,
				(project.manager() != null) ? project.manager().email() : null, project.memberEmails(),
				project.members().moneyReaders(), colour(assessment, HealthDimension.OVERALL),
				colour(assessment, HealthDimension.SCHEDULE), colour(assessment, HealthDimension.COST),
				colour(assessment, HealthDimension.SCOPE), colour(assessment, HealthDimension.RISK), next, missed, bac,
				(budget != null) ? budget.actualTotal() : null,
				(performance != null) ? performance.estimateAtCompletion() : null, currency,
				(performance != null) ? performance.costPerformanceIndex() : null,
				(performance != null) ? performance.schedulePerformanceIndex() : null, top,
				facts.exposure().map(ProjectSignals.Exposure::openThreats).orElse(0), project.version(),
				(health != null) ? health.version() : 0, facts.revision(), now);
	}

	private static HealthColour colour(HealthAssessment assessment, HealthDimension dimension) {
		return (assessment != null) ? assessment.colour(dimension) : null;
	}

	/**
	 * Loads the rows once the service is ready, on a thread of its own, so that the first
	 * portfolio request does not wait for the whole collection.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		Thread loader = new Thread(() -> {
			try {
				all();
			}
			catch (RuntimeException ex) {
				log.warn("Portfolio rows not loaded ahead; the first request loads them", ex);
			}
		}, "portfolio-rows");
		loader.setDaemon(true);
		loader.start();
	}

	/**
	 * Every row, as this instance holds them: loaded in full the first time, then topped
	 * up with the rows changed since shortly before the last look, at most every
	 * {@link #REFRESH}.
	 * @return the rows
	 */
	public Collection<PortfolioRow> all() {
		long now = System.nanoTime();
		if (this.loadedUpTo == null || now - this.lastLookNanos >= REFRESH.toNanos()) {
			synchronized (this) {
				if (this.loadedUpTo == null || System.nanoTime() - this.lastLookNanos >= REFRESH.toNanos()) {
					look();
				}
			}
		}
		return this.rows.values();
	}

	/**
	 * When the rows were last compared with the store.
	 * @return the time, or {@code null} before the first look
	 */
	public Instant lookedAt() {
		return this.loadedUpTo;
	}

	private void look() {
		Instant started = this.clock.instant();
		Query query = (this.loadedUpTo == null) ? new Query()
				: Query.query(Criteria.where("updatedAt").gte(this.loadedUpTo.minus(OVERLAP)));
		List<PortfolioRow> changed = this.mongo.find(query, PortfolioRow.class);
		changed.forEach(this::remember);
		this.loadedUpTo = started;
		this.lastLookNanos = System.nanoTime();
		if (log.isDebugEnabled()) {
			log.debug("Portfolio rows: {} changed since the last look, {} held", changed.size(), this.rows.size());
		}
	}

	private void remember(PortfolioRow row) {
		this.rows.merge(row.projectId(), row, (held, fresh) -> fresh.atLeastAsNewAs(held) ? fresh : held);
	}

}
