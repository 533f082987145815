package io.infrapm.project.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.outbox.OutboxEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Looks for milestones whose due date passed ({@code MilestoneMissed}) or came within an
 * alert horizon ({@code MilestoneDueSoon}) and for vendor deliverables not accepted by
 * their due date ({@code VendorDeliverableLate}), and reports each once, safely with any
 * number of instances.
 * <p>
 * Each project carries the first day on which it may have something to report. A run
 * claims the projects whose day has come one at a time, with a conditional
 * {@code findAndModify} that sets a claim with a fresh token (not a change of the
 * project, so its version stays); while the claim lasts no other instance looks at the
 * project. What the run finds is written with its events and the project's next day in
 * one update guarded by the project's version, the claim's token and the count of the
 * change calendar's markings; a run with nothing to report ends its claim under the same
 * guard. So a finding is written, and published, exactly once, and nothing is skipped: a
 * user's change or a new window in between makes the run look again at the fresh project,
 * and a run whose claim another instance took over after it expired writes nothing.
 * <p>
 * The calendar day is that of the configured time zone at the instant of the injected
 * {@link Clock}, so tests move time by handing another clock.
 */
@Component
public class DateWatch implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DateWatch.class);

	private static final int ATTEMPTS = 3;

	private final MongoOperations mongo;

	private final ChangeCalendars calendars;

	private final Aggregates aggregates;

	private final DateWatchSettings settings;

	private final DueDates dueDates;

	private final String owner;

	private final Clock clock;

	/** Findings by the simple name of their event type. */
	private final Map<String, Counter> findings;

	private volatile boolean stopping;

	private volatile ScheduledExecutorService scheduler;

	/**
	 * A watch over a store.
	 * @param mongo the store of projects
	 * @param aggregates how projects are written
	 * @param settings the horizons, time zone, interval and claim
	 * @param identity this instance, named in its claims
	 * @param clock the clock that decides what day it is
	 * @param registry where findings are counted
	 */
	public DateWatch(MongoOperations mongo, Aggregates aggregates, DateWatchSettings settings,
			InstanceIdentity identity, Clock clock, MeterRegistry registry) {
		this.calendars = new ChangeCalendars(mongo);
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.settings = settings;
		this.dueDates = new DueDates(settings.horizons());
		this.owner = identity.instance();
		this.clock = clock;
		this.findings = Map.of("MilestoneMissed", findings(registry, "missed"), "MilestoneDueSoon",
				findings(registry, "due_soon"), "VendorDeliverableLate", findings(registry, "deliverable_late"));
	}

	private static Counter findings(MeterRegistry registry, String kind) {
		return Counter.builder("infrapm.milestone.findings")
			.description("Milestones reported missed or due soon and deliverables reported late by the date watch")
			.tag("kind", kind)
			.register(registry);
	}

	/**
	 * Looks at every project whose day has come and that no other instance is looking at,
	 * until none is left or the watch stops.
	 * @return what the run did
	 */
	public Run watchDue() {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), this.settings.zone());
		// Windows whose scheduling request crashed before it marked their projects.
		this.calendars.applyPending();
		int projects = 0;
		int findings = 0;
		Project claimed;
		while (!this.stopping && (claimed = claimNext(today)) != null) {
			findings += watch(claimed, today);
			projects++;
		}
		return new Run(today, projects, findings);
	}

	private Project claimNext(LocalDate today) {
		Instant now = this.clock.instant();
		Query due = Query.query(new Criteria().andOperator(Criteria.where("datesNextCheck").lte(today),
				// Projects written before status was kept are active.
				new Criteria().orOperator(Criteria.where("status").is(ProjectStatus.ACTIVE),
						Criteria.where("status").exists(false)),
				new Criteria().orOperator(Criteria.where("datesClaim").exists(false),
						Criteria.where("datesClaim.until").lt(now))))
			.with(Sort.by("datesNextCheck"));
		Update claim = new Update().set("datesClaim",
				new DateWatchClaim(UUID.randomUUID(), this.owner, now.plus(this.settings.claim())));
		return this.mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(true), Project.class);
	}

	/** Reports what a claimed project has to report; how many findings it wrote. */
	private int watch(Project claimed, LocalDate today) {
		UUID token = claimed.datesClaim().token();
		Project project = claimed;
		for (int attempt = 1;; attempt++) {
			if (project == null || project.datesClaim() == null || !token.equals(project.datesClaim().token())) {
				return 0;
			}
			// Written only if no window of the calendar marked the project since it was
			// read: the marking would be lost to the next day written here.
			Criteria underClaim = Criteria.where("datesClaim.token")
				.is(token)
				.and("datesMarks")
				.is(project.datesMarks());
			UUID projectId = project.id();
			project.calendar(() -> this.calendars.of(projectId));
			int found = project.watchDates(this.dueDates, today, this.clock.instant());
			try {
				if (found == 0) {
					release(project, underClaim);
					return 0;
				}
				List<String> types = project.registeredEvents().stream().map(OutboxEntry::type).toList();
				this.aggregates.update(project, underClaim);
				types.forEach(this::count);
				return found;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					log.info("Project {} kept changing while its dates were checked; its claim expires and a later "
							+ "run checks it again", project.id());
					return 0;
				}
				project = this.mongo.findById(project.id(), Project.class);
			}
		}
	}

	/**
	 * Nothing to report: sets the next day and ends the claim without a new version, so
	 * that a client's ETag of the project stays current; but only if the project is still
	 * as it was read, since a change made meanwhile (a deliverable added, a window
	 * scheduled) asks for a look of its own.
	 * @throws OptimisticLockingFailureException if it changed
	 */
	private void release(Project project, Criteria underClaim) {
		Update update = new Update().unset("datesClaim");
		if (project.datesNextCheck() == null) {
			update.unset("datesNextCheck");
		}
		else {
			update.set("datesNextCheck", project.datesNextCheck());
		}
		Query unchanged = Query.query(new Criteria().andOperator(Criteria.where("_id").is(project.id()),
				Criteria.where(AggregateRoot.VERSION_FIELD).is(project.version()), underClaim));
		if (this.mongo.findAndModify(unchanged, update, Project.class) == null) {
			throw new OptimisticLockingFailureException("project " + project.id() + " changed while it was watched");
		}
	}

	/**
	 * Counts a finding by its event type, e.g.
	 * {@code io.infrapm.project.MilestoneMissed.v1}.
	 */
	private void count(String type) {
		String name = type.substring(type.lastIndexOf('.', type.length() - 4) + 1, type.length() - 3);
		Counter counter = this.findings.get(name);
		if (counter != null) {
			counter.increment();
		}
	}

	private void runSafely() {
		try {
			Run run = watchDue();
			if (run.findings() > 0) {
				log.info("Date watch on {}: {} finding(s) in {} project(s)", run.today(), run.findings(),
						run.projects());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Date watch failed; trying again at the next run", ex);
		}
	}

	@Override
	public void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.stopping = false;
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "date-watch");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.interval().toMillis();
		executor.scheduleWithFixedDelay(this::runSafely, Math.min(interval, 10_000), interval, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		this.stopping = true;
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * What one run did.
	 *
	 * @param today the calendar day it ran for
	 * @param projects how many projects it looked at
	 * @param findings how many findings it reported
	 */
	public record Run(LocalDate today, int projects, int findings) {
	}

}
