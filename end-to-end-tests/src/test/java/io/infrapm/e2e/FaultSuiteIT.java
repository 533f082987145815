package io.infrapm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.issuer.DevIssuer;
import io.infrapm.embedded.FiguresJson;
import io.infrapm.embedded.DevMailbox;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.Platform;
import io.infrapm.embedded.LoopbackPorts;
import io.infrapm.embedded.PlatformSettings;
import io.infrapm.embedded.ReceivedMail;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own fault suite (DESIGN.md §3, "Proven by faults"): the platform runs as
 * {@code ./infrapm up} runs it, as separate processes, while projects with stakeholders
 * are created through its REST API; meanwhile each service is killed with SIGKILL once
 * (the launcher restarts it), the store is taken away for 20 s, poison is injected, and
 * the whole platform (launcher with broker and store, and the services) is killed with
 * SIGKILL right in a burst of commands and started again. At the end every project
 * answered 201 exists, with its budget, its register and exactly one e-mail per
 * stakeholder, counted at an SMTP server outside the platform; each dead-letter topic
 * holds exactly the poison. The figures go to {@code target/fault-suite/latest.json}.
 * <p>
 * A client does what a careful user's client does: it retries a create that got no answer
 * or a 5xx, with the same {@code Idempotency-Key}, until it is answered. Every fourth
 * project also gets a further stakeholder, {@value #MEMBER}, through the stakeholder
 * endpoint (retried the same way; a 409 means an earlier attempt got through), and that
 * member must end up seeing the project's budget and risks, from exactly one
 * {@code StakeholderAdded}. The other projects plan milestones, vendors, resource plans,
 * iterations, outages and change requests the same way, and a portfolio manager declares
 * a change freeze during the kills: every cutover inside it must show one conflict, from
 * exactly one {@code ScheduleConflictDetected}. Later issues add their flows here.
 */
@DisabledOnOs(OS.WINDOWS)
class FaultSuiteIT {

	private static final Path ROOT = PlatformSettings.findRepositoryRoot(Path.of(""));

	private static final int PROJECTS = Integer.getInteger("faultSuite.projects", 240);

	private static final int CLIENTS = 3;

	/**
	 * The stakeholder added to every fourth project after its creation, in a role that
	 * sees the project's budget and its risks.
	 */
	private static final String MEMBER = "fault-member@example.com";

	private static final String STAKEHOLDER_ADDED = "io.infrapm.project.StakeholderAdded.v1";

	private static final String MILESTONE_PLANNED = "io.infrapm.project.MilestonePlanned.v1";

	private static final String MILESTONE_MISSED = "io.infrapm.project.MilestoneMissed.v1";

	private static final String DELIVERABLE_LATE = "io.infrapm.project.VendorDeliverableLate.v1";

	private static final String PLAN_CHANGED = "io.infrapm.project.ResourcePlanChanged.v1";

	private static final String ITERATION_PLANNED = "io.infrapm.project.IterationPlanned.v1";

	private static final String OUTAGE_RECORDED = "io.infrapm.project.OutageRecorded.v1";

	private static final String HEALTH_CHANGED = "io.infrapm.project.ProjectHealthChanged.v1";

	private static final String REPORT_PUBLISHED = "io.infrapm.project.StatusReportPublished.v1";

	private static final String REPORT_DRAFTED = "io.infrapm.project.StatusReportDrafted.v1";

	private static final String CHANGE_SUBMITTED = "io.infrapm.project.ChangeRequestSubmitted.v1";

	private static final String CHANGE_DECIDED = "io.infrapm.project.ChangeRequestDecided.v1";

	private static final String CONFLICT_DETECTED = "io.infrapm.project.ScheduleConflictDetected.v1";

	private static final String COST_RECORDED = "io.infrapm.budget.CostRecorded.v1";

	private static final String THRESHOLD_CROSSED = "io.infrapm.budget.BudgetThresholdCrossed.v1";

	private static final String ACKNOWLEDGED = "io.infrapm.notification.NotificationAcknowledged.v1";

	private static final String EARNED_VALUE = "io.infrapm.budget.EarnedValueCalculated.v1";

	private static final String PERFORMANCE_CHANGED = "io.infrapm.budget.CostPerformanceChanged.v1";

	private static final String OVERRUN_FORECAST = "io.infrapm.budget.BudgetOverrunForecast.v1";

	private static final String REBASELINED = "io.infrapm.budget.BudgetRebaselined.v1";

	private static final String RISK_IDENTIFIED = "io.infrapm.risk.RiskIdentified.v1";

	private static final String EXPOSURE_CHANGED = "io.infrapm.risk.ProjectRiskExposureChanged.v1";

	private static final String RISK_ASSESSED = "io.infrapm.risk.RiskAssessed.v1";

	private static final String ACTION_CHANGED = "io.infrapm.risk.MitigationActionChanged.v1";

	/**
	 * The day of the suite's costs and progress reports: past, so that a report may have
	 * it, and before the projects' planned start, so that nothing is planned by then (SPI
	 * undefined, green) and only CPI crosses a band.
	 */
	private static final String SPENT_ON = "2026-11-30";

	private static final List<String> CONSUMERS = List.of("risk-service", "budget-service", "notification-service");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int issuerPort = LoopbackPorts.pick();

	private volatile String managerToken;

	private volatile String portfolioToken;

	private volatile String memberToken;

	private final Map<String, String> joined = new ConcurrentHashMap<>();

	private final AtomicInteger joinAttempts = new AtomicInteger();

	/** The projects, by code, that got their cutover milestone planned. */
	private final Map<String, String> planned = new ConcurrentHashMap<>();

	private final AtomicInteger planAttempts = new AtomicInteger();

	/** The projects, by code, whose vendor owes a past-due deliverable. */
	private final Map<String, String> owed = new ConcurrentHashMap<>();

	private final AtomicInteger vendorAttempts = new AtomicInteger();

	/** The projects, by code, whose first resource plan was set. */
	private final Map<String, String> staffed = new ConcurrentHashMap<>();

	private final AtomicInteger staffAttempts = new AtomicInteger();

	/** The hybrid projects, by code, that planned their first iteration. */
	private final Map<String, String> iterated = new ConcurrentHashMap<>();

	/** The projects, by code, that recorded an outage of one of their services. */
	private final Map<String, String> outaged = new ConcurrentHashMap<>();

	/**
	 * The outages whose critical alert the manager acknowledged from its e-mail, by code;
	 * each must end with one {@code NotificationAcknowledged}.
	 */
	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	private final AtomicInteger acknowledgeAttempts = new AtomicInteger();

	/** How many distinct digests reached the member. */
	private volatile int digestMails;

	private volatile DevMailbox mailbox;

	private final AtomicInteger operationAttempts = new AtomicInteger();

	/** The projects, by code, whose cost change request was submitted and approved. */
	private final Map<String, String> changed = new ConcurrentHashMap<>();

	private final AtomicInteger changeAttempts = new AtomicInteger();

	/**
	 * The projects, by code, that ordered 750,000.00 and were invoiced 1,187,500.00 (95 %
	 * of BAC) against the order, and reported 50 % complete, each by key.
	 */
	private final Map<String, String> spent = new ConcurrentHashMap<>();

	private final AtomicInteger spendAttempts = new AtomicInteger();

	/**
	 * The projects, by code, whose manager recorded, assessed and gave an action to a
	 * risk through risk-service's API.
	 */
	private final Map<String, String> registered = new ConcurrentHashMap<>();

	private final AtomicInteger riskAttempts = new AtomicInteger();

	/** The change freeze of every project declared during the kills, once answered. */
	private volatile String freezeId;

	private final AtomicInteger freezeAttempts = new AtomicInteger();

	private final String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);

	private final Map<String, Integer> servicePorts = new LinkedHashMap<>();

	private final Map<String, String> created = new ConcurrentHashMap<>();

	/** Projects whose team report was published: code to id. */
	private final Map<String, String> reported = new ConcurrentHashMap<>();

	private final AtomicInteger reportAttempts = new AtomicInteger();

	/**
	 * Projects whose daily team report was scheduled a minute or two ahead, so that the
	 * schedule drafts it through the kills: code to id.
	 */
	private final Map<String, String> scheduled = new ConcurrentHashMap<>();

	/** What the fault suite counted of the computed health, for its figures. */
	private final Map<String, Object> healthFigures = new LinkedHashMap<>();

	private final AtomicInteger attempts = new AtomicInteger();

	private final AtomicInteger duplicateDeadLetters = new AtomicInteger();

	private final List<Map<String, Object>> faults = new CopyOnWriteArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	/** Each topic the suite counts events on, read once and then onwards. */
	private final Map<String, TopicRecords> topics = new ConcurrentHashMap<>();

	/** When each step of the suite ended, in seconds from its start. */
	private final Map<String, Double> timeline = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

	private volatile long started;

	@TempDir
	Path home;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void everyAcknowledgedCommandTakesEffectExactlyOnceThroughKillsAnOutageAndPoison() throws Exception {
		this.started = System.nanoTime();
		try {
			drive();
		}
		catch (AssertionError | RuntimeException | InterruptedException ex) {
			// Where the time went is the first thing to know of a run that failed
			// far from here.
			throw new AssertionError(ex.getMessage() + "\nsteps (s from start): " + this.timeline, ex);
		}
		finally {
			this.topics.values().forEach(TopicRecords::close);
		}
	}

	private void drive() throws Exception {
		long started = this.started;
		int kafkaPort = LoopbackPorts.pick();
		int mongoPort = LoopbackPorts.pick();
		PlatformSettings.SERVICES.forEach((service) -> this.servicePorts.put(service, LoopbackPorts.pick()));
		try (DevMailbox mailbox = DevMailbox.ephemeral(LoopbackPorts.pick(), LoopbackPorts.pick());
				TcpProxy store = new TcpProxy(mongoPort);
				WebhookReceiver webhooks = new WebhookReceiver()) {
			this.mailbox = mailbox;
			List<String> options = new ArrayList<>(List.of("--home", this.home.resolve("platform").toString(),
					"--kafka-port", Integer.toString(kafkaPort), "--mongo-port", Integer.toString(mongoPort),
					"--smtp-port", Integer.toString(LoopbackPorts.pick()), "--mail-http-port",
					Integer.toString(LoopbackPorts.pick()), "--issuer-port", Integer.toString(this.issuerPort),
					"--service-mongodb", "mongodb://127.0.0.1:" + store.port(), "--restart-crashed", "--timeout",
					"180"));
			this.servicePorts
				.forEach((service, port) -> options.addAll(List.of("--service-port", service + "=" + port)));
			Map<String, String> environment = Map.ofEntries(Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
					Map.entry("SPRING_MAIL_PORT", Integer.toString(mailbox.smtpPort())),
					// Short SMTP timeouts keep the claim of a mail whose sender was
					// killed
					// mid-send short, so that it is taken over within the suite's time.
					Map.entry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_CONNECTIONTIMEOUT", "1000"),
					Map.entry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_TIMEOUT", "1000"),
					Map.entry("SPRING_MAIL_PROPERTIES_MAIL_SMTP_WRITETIMEOUT", "1000"),
					// The same for webhook calls, and retries seconds apart instead of
					// minutes, so that every delivery the receiver refuses once is
					// retried within the suite's time.
					Map.entry("INFRAPM_NOTIFICATION_WEBHOOKS_CONNECT_TIMEOUT", "1s"),
					Map.entry("INFRAPM_NOTIFICATION_WEBHOOKS_RESPONSE_TIMEOUT", "2s"),
					Map.entry("INFRAPM_NOTIFICATION_WEBHOOKS_TOTAL_TIMEOUT", "3s"),
					Map.entry("INFRAPM_NOTIFICATION_WEBHOOKS_RETRY_BACKOFF", "1s"),
					Map.entry("INFRAPM_NOTIFICATION_WEBHOOKS_RETRY_MAX_BACKOFF", "2s"),
					// The date watch reports the suite's past-due milestones while
					// services are killed, not a minute later.
					Map.entry("INFRAPM_PROJECT_DATEWATCH_INTERVAL", "2s"),
					// The report schedule looks for due reports every 5 s, not every
					// minute, and a schedule whose instance was killed mid-draft is taken
					// over after 20 s, not 2 min.
					Map.entry("INFRAPM_PROJECT_REPORTSCHEDULE_INTERVAL", "5s"),
					Map.entry("INFRAPM_PROJECT_REPORTSCHEDULE_CLAIM", "20s"));
			Path log = this.home.resolve("launcher.log");
			LauncherProcess platform = LauncherProcess.start(ROOT, options, environment, log, Duration.ofMinutes(3));
			double readySeconds = seconds(started);
			mark("platform ready");
			// Logged in once, as users would: the issuer keeps its signing key across the
			// restarts below, so the tokens (30 minutes) outlive the suite.
			this.managerToken = login(SkeletonHttp.MANAGER, "PROJECT_MANAGER");
			this.portfolioToken = login("portia@example.com", "PORTFOLIO_MANAGER");
			this.memberToken = login(MEMBER, "STAKEHOLDER");
			subscribe(webhooks);
			chooseDigest();
			String kafka = "127.0.0.1:" + kafkaPort;
			Set<String> poison;
			try {
				List<Thread> clients = startClients();
				awaitCreated(share(30));
				kill(platform, "budget-service", "notification-service");
				awaitCreated(share(80));
				kill(platform, "risk-service");
				awaitCreated(share(110));
				declareFreeze();
				awaitCreated(share(130));
				kill(platform, "project-service");
				awaitCreated(share(180));
				cutStore(store, Duration.ofSeconds(20));
				awaitCreated(share(230));
				poison = injectPoison(kafka);
				awaitCreated(share(280));
				platform = killAndRestartEverything(platform, options, environment, log);
				for (Thread client : clients) {
					client.join(Duration.ofMinutes(3).toMillis());
				}
				mark("clients done");
				assertThat(this.failures).as("refused creates, joins and milestones").isEmpty();
				assertThat(this.created).hasSize(PROJECTS);
				assertThat(this.joined).hasSize((PROJECTS + 3) / 4);
				assertThat(this.planned).hasSize((PROJECTS + 1) / 4);
				assertThat(this.owed).hasSize((PROJECTS + 1) / 4);
				assertThat(this.staffed).hasSize((PROJECTS + 2) / 4);
				assertThat(this.iterated).hasSize((PROJECTS + 2) / 4);
				assertThat(this.outaged).hasSize(PROJECTS / 4);
				assertThat(this.changed).hasSize(PROJECTS / 4);
				assertThat(this.reported).as("team reports published").hasSize(PROJECTS / 4);
				assertThat(this.scheduled).as("team reports scheduled").hasSize((PROJECTS + 7) / 8);
				assertThat(this.spent).hasSize((PROJECTS + 2) / 4);
				assertThat(this.registered).hasSize((PROJECTS + 3) / 4);
				assertThat(this.freezeId).as("the freeze was declared").isNotNull();

				Convergence convergence = awaitEveryEffect(mailbox, Duration.ofMinutes(2));
				mark("every project's effects");
				try (ConsumerGroups groups = new ConsumerGroups(kafka)) {
					long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
					while (!CONSUMERS.stream().allMatch((group) -> groups.caughtUp(group, Topics.PROJECT))
							&& System.nanoTime() < deadline) {
						Thread.sleep(500);
					}
				}
				mark("consumers caught up");
				awaitEvents(kafka, MILESTONE_MISSED, this.planned.values(), Duration.ofSeconds(60));
				awaitEvents(kafka, DELIVERABLE_LATE, this.owed.values(), Duration.ofSeconds(30));
				awaitEvents(kafka, CONFLICT_DETECTED, this.planned.values(), Duration.ofSeconds(30));
				awaitEvents(kafka, Topics.BUDGET, EARNED_VALUE, this.spent.values(), Duration.ofSeconds(30));
				awaitEvents(kafka, Topics.BUDGET, REBASELINED, this.changed.values(), Duration.ofSeconds(30));
				mark("derived events");
				Map<String, String> reddened = new TreeMap<>(this.planned);
				reddened.putAll(this.spent);
				awaitHealthTurns(kafka, reddened.values(), Duration.ofSeconds(60));
				mark("health turned red");
				awaitEvents(kafka, REPORT_PUBLISHED, this.reported.values(), Duration.ofSeconds(30));
				Map<String, Set<String>> reportMails = awaitMails(this.reported.size(), Duration.ofSeconds(60),
						() -> reportMails(mailbox));
				mark("reports mailed");
				// A schedule whose drafting instance was killed is taken over once its
				// claim (20 s here) runs out.
				awaitEvents(kafka, REPORT_DRAFTED, this.scheduled.values(), Duration.ofMinutes(3));
				Map<String, Set<String>> reminders = awaitMails(this.scheduled.size(), Duration.ofSeconds(60),
						() -> reminders(mailbox));
				mark("scheduled reports drafted");
				Map<String, Integer> portfolio = awaitPortfolio(reddened.size(), Duration.ofSeconds(30));
				mark("portfolio");
				Map<String, Set<String>> routedMails = awaitMails(
						this.outaged.size() + 2 * this.spent.size() + this.planned.size(), Duration.ofSeconds(60),
						() -> routedMails(mailbox));
				mark("routed mails");
				long webhookDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (webhooks.deliveriesPerProject(OUTAGE_RECORDED).size() < this.outaged.size()
						&& System.nanoTime() < webhookDeadline) {
					Thread.sleep(500);
				}
				mark("webhooks");
				Map<String, Integer> digested = sendDigest(mailbox);
				mark("digest");
				this.outaged.keySet()
					.stream()
					.filter((code) -> !this.acknowledged.containsKey(code))
					.forEach((code) -> acknowledgeOutage(code, Duration.ofSeconds(5)));
				awaitEvents(kafka, Topics.NOTIFICATION, ACKNOWLEDGED, this.acknowledged.values(),
						Duration.ofSeconds(30));
				Distinct acknowledgements = distinctEvents(kafka, Topics.NOTIFICATION, ACKNOWLEDGED,
						this.acknowledged.values(), "$.alertId");
				mark("acknowledged");
				// Duplicates would arrive late: give the dispatcher and the date watch a
				// few more runs.
				Thread.sleep(5000);
				Map<String, Integer> mailsPerStakeholder = mailsPerStakeholder(mailbox);
				Map<String, List<String>> deadLetters = deadLetters(kafka, poison);
				long lost = PROJECTS - convergence.complete();
				long duplicated = mailsPerStakeholder.values().stream().filter((count) -> count > 1).count();
				Distinct stakeholderEvents = distinctEvents(kafka, STAKEHOLDER_ADDED, this.joined.values(),
						"$.stakeholderId");
				Distinct milestoneEvents = distinctEvents(kafka, MILESTONE_PLANNED, this.planned.values(),
						"$.milestoneId");
				Distinct missedEvents = distinctEvents(kafka, MILESTONE_MISSED, this.planned.values(), "$.milestoneId");
				Distinct lateEvents = distinctEvents(kafka, DELIVERABLE_LATE, this.owed.values(), "$.deliverableId");
				Distinct conflictEvents = distinctEvents(kafka, CONFLICT_DETECTED, this.planned.values(),
						"$.milestoneId");
				Map<String, String> conflictWindows = conflictWindows(this.planned.values());
				Map<String, Integer> milestones = countOf(this.planned.values(), "milestones");
				Map<String, Integer> vendors = countOf(this.owed.values(), "vendors");
				Distinct planEvents = distinctEvents(kafka, PLAN_CHANGED, this.staffed.values(),
						"$.allocations[0].allocationId");
				Map<String, Integer> planRevisions = planRevisions(this.staffed.values());
				Map<String, Integer> iterations = countOf(this.iterated.values(), "iterations");
				Distinct iterationEvents = distinctEvents(kafka, ITERATION_PLANNED, this.iterated.values(),
						"$.iterationId");
				Map<String, Integer> outages = countOf(this.outaged.values(), "outages");
				Distinct outageEvents = distinctEvents(kafka, OUTAGE_RECORDED, this.outaged.values(), "$.outageId");
				Map<String, Integer> deliverables = deliverablesOf(this.owed.values());
				Map<String, Integer> changeRequests = countOf(this.changed.values(), "change-requests?open=false");
				Distinct submittedEvents = distinctEvents(kafka, CHANGE_SUBMITTED, this.changed.values(),
						"$.changeRequestId");
				Distinct decidedEvents = distinctEvents(kafka, CHANGE_DECIDED, this.changed.values(),
						"$.changeRequestId");
				Map<String, Budget> spentBudgets = budgetsOf(this.spent.values());
				Map<String, Budget> changedBudgets = budgetsOf(this.changed.values());
				Map<String, Integer> ledgers = countOf("budget-service", this.spent.values(), "costs");
				Distinct costEvents = distinctEvents(kafka, Topics.BUDGET, COST_RECORDED, this.spent.values(),
						"$.costId");
				Distinct thresholdEvents = distinctEvents(kafka, Topics.BUDGET, THRESHOLD_CROSSED, this.spent.values(),
						"$.thresholdPercent");
				Distinct earnedValueEvents = distinctEvents(kafka, Topics.BUDGET, EARNED_VALUE, this.spent.values(),
						"$.reportId");
				Distinct performanceEvents = distinctEvents(kafka, Topics.BUDGET, PERFORMANCE_CHANGED,
						this.spent.values(), "$.costBand");
				Distinct overrunEvents = distinctEvents(kafka, Topics.BUDGET, OVERRUN_FORECAST, this.spent.values(),
						"$.overrun");
				Distinct rebaselineEvents = distinctEvents(kafka, Topics.BUDGET, REBASELINED, this.changed.values(),
						"$.changeRequestId");
				awaitRisks(this.planned.values(), 2, Duration.ofSeconds(30));
				awaitRisks(this.spent.values(), 1, Duration.ofSeconds(30));
				awaitExposures(this.planned.values(), 2, Duration.ofSeconds(30));
				awaitExposures(this.spent.values(), 1, Duration.ofSeconds(30));
				Map<String, Exposure> plannedExposures = exposuresOf(this.planned.values());
				Map<String, Exposure> spentExposures = exposuresOf(this.spent.values());
				awaitExposures(this.registered.values(), 1, Duration.ofSeconds(30));
				Map<String, Exposure> registeredExposures = exposuresOf(this.registered.values());
				List<String> exposed = new ArrayList<>(this.planned.values());
				exposed.addAll(this.spent.values());
				exposed.addAll(this.registered.values());
				Map<String, List<String>> manualRisks = risksOf(this.registered.values());
				Map<String, Integer> manualActions = actionsOf(this.registered.values());
				Distinct manualIdentified = distinctEvents(kafka, Topics.RISK, RISK_IDENTIFIED,
						this.registered.values(), "$.riskId");
				Distinct manualAssessed = distinctEvents(kafka, Topics.RISK, RISK_ASSESSED, this.registered.values(),
						"$.riskId");
				Distinct manualActionEvents = distinctEvents(kafka, Topics.RISK, ACTION_CHANGED,
						this.registered.values(), "$.actionId");
				Distinct exposureEvents = distinctEvents(kafka, Topics.RISK, EXPOSURE_CHANGED, exposed, "$.revision");
				Map<String, List<String>> plannedRisks = risksOf(this.planned.values());
				Map<String, List<String>> spentRisks = risksOf(this.spent.values());
				Distinct identifiedEvents = distinctEvents(kafka, Topics.RISK, RISK_IDENTIFIED, this.planned.values(),
						"$.riskId");
				mark("counted");
				HealthTurns counted = healthTurns(kafka, this.created.values());
				this.healthFigures.put("healthEvents", counted.events());
				this.healthFigures.put("redeliveredHealthEvents", counted.redelivered());
				this.healthFigures.put("projectsTurnedRed", counted.turnedRed().size());
				this.healthFigures.put("healthMails",
						routedMails.keySet().stream().filter((k) -> k.endsWith("health red")).count());
				this.healthFigures.put("portfolioRows", portfolio.get("all"));
				this.healthFigures.put("portfolioRed", portfolio.get("red"));
				this.healthFigures.put("reportsPublished", this.reported.size());
				this.healthFigures.put("reportAttempts", this.reportAttempts.get());
				this.healthFigures.put("reportMails", reportMails.values().stream().mapToInt(Set::size).sum());
				this.healthFigures.put("reportsScheduled", this.scheduled.size());
				Distinct drafts = distinctEvents(kafka, REPORT_DRAFTED, this.scheduled.values(), "$.reportId");
				this.healthFigures.put("scheduledDrafts", drafts.perProject().size());
				this.healthFigures.put("draftReminders", reminders.values().stream().mapToInt(Set::size).sum());
				writeFigures(readySeconds, convergence, lost, duplicated, mailsPerStakeholder, deadLetters,
						stakeholderEvents, milestoneEvents, missedEvents, lateEvents, planEvents, decidedEvents,
						conflictEvents, costEvents, thresholdEvents, rebaselineEvents, webhooks, started);

				assertThat(convergence.projectsMissing()).as("projects answered 201 but gone").isEmpty();
				assertThat(convergence.budgetsMissing()).as("budgets missing").isEmpty();
				assertThat(convergence.registersMissing()).as("registers missing").isEmpty();
				assertThat(convergence.membershipsMissing()).as("added stakeholders who cannot see their project")
					.isEmpty();
				assertThat(stakeholderEvents.perProject()).as("distinct StakeholderAdded per joined project")
					.hasSize(this.joined.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(milestones).as("milestones of each project that planned one, however often it was sent")
					.hasSize(this.planned.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(milestoneEvents.perProject()).as("distinct MilestonePlanned per project that planned one")
					.hasSize(this.planned.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(missedEvents.perProject())
					.as("distinct MilestoneMissed per project with a past-due milestone")
					.hasSize(this.planned.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(conflictEvents.perProject())
					.as("distinct ScheduleConflictDetected per cutover inside the freeze")
					.hasSize(this.planned.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(conflictWindows).as("the conflict each cutover shows, by the window it meets")
					.hasSize(this.planned.size())
					.allSatisfy((id, window) -> assertThat(window).as(id).isEqualTo(this.freezeId));
				assertThat(vendors).as("vendors of each project that engaged one, however often it was sent")
					.hasSize(this.owed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(deliverables).as("deliverables its vendor owes, however often it was sent")
					.hasSize(this.owed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(lateEvents.perProject()).as("distinct VendorDeliverableLate per project with a past-due one")
					.hasSize(this.owed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(planRevisions)
					.as("resource plan revision of each staffed project, however often it was sent")
					.hasSize(this.staffed.size())
					.allSatisfy((id, revision) -> assertThat(revision).as(id).isEqualTo(1));
				assertThat(planEvents.perProject()).as("distinct ResourcePlanChanged per staffed project")
					.hasSize(this.staffed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(iterations).as("iterations of each hybrid project, however often it was sent")
					.hasSize(this.iterated.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(iterationEvents.perProject()).as("distinct IterationPlanned per hybrid project")
					.hasSize(this.iterated.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(outages).as("outages of each project that recorded one, however often it was sent")
					.hasSize(this.outaged.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(outageEvents.perProject()).as("distinct OutageRecorded per project")
					.hasSize(this.outaged.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(changeRequests).as("decided change requests of each project that submitted one")
					.hasSize(this.changed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(submittedEvents.perProject()).as("distinct ChangeRequestSubmitted per project")
					.hasSize(this.changed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(decidedEvents.perProject()).as("distinct ChangeRequestDecided per project")
					.hasSize(this.changed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(spentBudgets).as("the budget of each project that spent, every cost counted once")
					.hasSize(this.spent.size())
					.allSatisfy((id, budget) -> {
						assertThat(budget.actual()).as(id).isEqualByComparingTo("1187500");
						assertThat(budget.committed()).as(id + ": the order invoiced in full")
							.isEqualByComparingTo("0");
						assertThat(budget.crossed()).as(id).containsExactly(50, 80, 90);
					});
				assertThat(ledgers).as("cost entries in each ledger, however often they were sent")
					.hasSize(this.spent.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(2));
				assertThat(costEvents.perProject()).as("distinct CostRecorded per project that spent")
					.hasSize(this.spent.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(2));
				assertThat(thresholdEvents.perProject()).as("distinct BudgetThresholdCrossed per project (50, 80, 90)")
					.hasSize(this.spent.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(3));
				assertThat(earnedValueEvents.perProject()).as("distinct EarnedValueCalculated per progress report")
					.hasSize(this.spent.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(performanceEvents.perProject()).as("distinct CostPerformanceChanged (CPI 0.53, red)")
					.hasSize(this.spent.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(overrunEvents.perProject()).as("distinct BudgetOverrunForecast (EAC 2,375,000.00)")
					.hasSize(this.spent.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(changedBudgets).as("the budget of each project whose cost change was approved")
					.hasSize(this.changed.size())
					.allSatisfy((id, budget) -> {
						assertThat(budget.budgetAtCompletion()).as(id).isEqualByComparingTo("1275000");
						assertThat(budget.baseline()).as(id + ": rebaselined once").isEqualTo(2);
					});
				assertThat(rebaselineEvents.perProject()).as("distinct BudgetRebaselined per approved cost change")
					.hasSize(this.changed.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(plannedRisks).as("risks risk-service raised for each missed cutover in the freeze")
					.hasSize(this.planned.size())
					.allSatisfy((id, origins) -> assertThat(origins).as(id)
						.containsExactlyInAnyOrder("MILESTONE_MISSED", "SCHEDULE_CONFLICT"));
				assertThat(identifiedEvents.perProject()).as("distinct RiskIdentified per such project")
					.hasSize(this.planned.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(2));
				assertThat(plannedExposures).as("the exposure of each project with both schedule risks")
					.hasSize(this.planned.size())
					.allSatisfy((id, exposure) -> assertThat(exposure.openThreats()).as(id).isEqualTo(2));
				assertThat(spentExposures).as("the exposure of each project with its cost risk")
					.hasSize(this.spent.size())
					.allSatisfy((id, exposure) -> assertThat(exposure.openThreats()).as(id).isEqualTo(1));
				Map<String, Integer> revisions = new TreeMap<>();
				plannedExposures.forEach((id, exposure) -> revisions.put(id, exposure.revision()));
				spentExposures.forEach((id, exposure) -> revisions.put(id, exposure.revision()));
				registeredExposures.forEach((id, exposure) -> revisions.put(id, exposure.revision()));
				assertThat(registeredExposures).as("the exposure of each project whose manager recorded a risk")
					.hasSize(this.registered.size())
					.allSatisfy((id, exposure) -> {
						assertThat(exposure.openThreats()).as(id).isEqualTo(1);
						assertThat(exposure.expectedExposure()).as(id + ": 100,000 at 50 %")
							.isEqualByComparingTo("50000");
					});
				assertThat(manualRisks).as("the one risk each such manager recorded, through retries")
					.hasSize(this.registered.size())
					.allSatisfy((id, origins) -> assertThat(origins).as(id).containsExactly("MANUAL"));
				assertThat(manualActions).as("the one action of each")
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(manualIdentified.perProject()).as("distinct RiskIdentified per such project")
					.hasSize(this.registered.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(manualAssessed.perProject()).as("distinct RiskAssessed per such project: assessed once")
					.hasSize(this.registered.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(manualActionEvents.perProject()).as("distinct MitigationActionChanged per such project")
					.hasSize(this.registered.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(exposureEvents.perProject())
					.as("one distinct ProjectRiskExposureChanged per revision of each exposure, none lost or twice")
					.isEqualTo(revisions);
				assertThat(spentRisks).as("the cost risk of each project that crossed 90 %")
					.hasSize(this.spent.size())
					.allSatisfy((id, origins) -> assertThat(origins).as(id).containsExactly("BUDGET_THRESHOLD"));
				assertThat(mailsPerStakeholder).as("mails per stakeholder at the SMTP server")
					.hasSize(PROJECTS)
					.allSatisfy((email, count) -> assertThat(count).as(email).isPositive());
				// The one duplicate that no sender can rule out: the SMTP server had
				// accepted a mail when its sender was killed, before it could record
				// that.
				// It may only ever come from a notification the service took over after
				// such a crash, and carries the same Message-ID, by which mail clients
				// drop it. Any other second mail fails here.
				mailsPerStakeholder.forEach((email, count) -> {
					if (count > 1) {
						assertThat(mailbox.messagesTo(email)).extracting(ReceivedMail::messageId)
							.as("copies of one notification to " + email)
							.containsOnly(mailbox.messagesTo(email).get(0).messageId());
						assertThat(attemptsOfTheMailTo(email)).as("the notification to " + email + " was taken over")
							.isGreaterThan(1);
					}
				});
				assertThat(mailbox.messages()).as("mails to every stakeholder at least once")
					.hasSizeGreaterThanOrEqualTo(PROJECTS);
				// Routed by notification-service's rules: every unplanned outage and
				// every
				// budget crossing 90 % reaches the manager as one CRITICAL mail. A copy
				// after a kill mid-send carries the same Message-ID, so distinct ids
				// count.
				assertThat(this.acknowledged).as("every outage alert acknowledged from its mail")
					.hasSameSizeAs(this.outaged);
				assertThat(acknowledgements.perProject())
					.as("one distinct NotificationAcknowledged per outage alert, none lost or twice")
					.hasSize(this.outaged.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(routedMails).as("one distinct mail per routed alert, none lost or twice")
					.hasSize(this.outaged.size() + this.spent.size() + reddened.size())
					.allSatisfy((alert, ids) -> assertThat(ids).as(alert).hasSize(1));
				// The manager of every fourth project published its team report through
				// the kills: one report, one event carrying it, one mail of it to the
				// engineer (a copy after a kill mid-send carries the same Message-ID).
				assertThat(countOf(this.reported.values(), "status-reports"))
					.as("one report per project that published one, none drafted twice")
					.hasSize(this.reported.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(distinctEvents(kafka, REPORT_PUBLISHED, this.reported.values(), "$.reportId").perProject())
					.as("one distinct StatusReportPublished per published report")
					.hasSize(this.reported.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(reportMails).as("one distinct mail of each report to the project's engineer")
					.hasSize(this.reported.size())
					.allSatisfy((code, ids) -> assertThat(ids).as(code).hasSize(1));
				// Every eighth project's schedule came due during the kills: it drafted
				// one report, published one StatusReportDrafted and reminded the manager
				// once (the reminder's rule matches only scheduled drafts), however many
				// instances looked at it.
				assertThat(countOf(this.scheduled.values(), "status-reports"))
					.as("one scheduled draft per scheduled project, none lost or twice")
					.hasSize(this.scheduled.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(drafts.perProject()).as("one distinct StatusReportDrafted per scheduled project")
					.hasSize(this.scheduled.size())
					.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
				assertThat(reminders).as("one distinct reminder of each scheduled draft to the manager")
					.hasSize(this.scheduled.size())
					.allSatisfy((code, ids) -> assertThat(ids).as(code).hasSize(1));
				// The portfolio views hold each project once, and count red exactly the
				// projects that turned red.
				assertThat(portfolio).as("the run's rows in the portfolio, all and red")
					.containsEntry("all", this.created.size())
					.containsEntry("red", reddened.size());
				// project-service assessed every project once when it was created, and
				// turned each whose critical milestone was missed or whose costs crossed
				// 90 % red once, through the kills and the replays they cause; the
				// manager got one CRITICAL mail of it.
				HealthTurns finalHealth = healthTurns(kafka, this.created.values());
				assertThat(finalHealth.firstAssessments()).as("one first assessment per project, none lost or twice")
					.hasSize(this.created.size())
					.allSatisfy((id, events) -> assertThat(events).as(id).hasSize(1));
				assertThat(finalHealth.turnedRed())
					.as("one turn to red per project with a missed cutover or 90 % spent")
					.containsOnlyKeys(reddened.values())
					.allSatisfy((id, events) -> assertThat(events).as(id).hasSize(1));
				for (String id : this.spent.values()) {
					assertThat(JsonPath.<List<String>>read(read("project-service", "/api/projects/" + id + "/health"),
							"$.dimensions[?(@.dimension=='COST' && @.colour=='RED')].reasons[*].rule"))
						.as("the cost reason of " + id)
						.contains("cost.consumed");
				}
				for (String id : this.planned.values()) {
					assertThat(JsonPath.<List<String>>read(read("project-service", "/api/projects/" + id + "/health"),
							"$.dimensions[?(@.dimension=='SCHEDULE' && @.colour=='RED')].reasons[*].rule"))
						.as("the schedule reason of " + id)
						.contains("schedule.critical-milestone-missed");
				}
				// Every unplanned outage reaches the portfolio's webhook receiver as one
				// delivery, refused once and retried through the kills, every post
				// signed; a resend after a kill mid-call carries the same delivery id.
				assertThat(webhooks.badSignatures()).as("posts whose signature did not verify").isZero();
				assertThat(webhooks.mixedDeliveries()).as("delivery ids that carried two events").isEmpty();
				assertThat(webhooks.deliveriesPerProject(OUTAGE_RECORDED))
					.as("one distinct webhook delivery per recorded outage, none lost or twice")
					.containsOnlyKeys(this.outaged.values())
					.allSatisfy((id, deliveries) -> assertThat(deliveries).as(id).hasSize(1));
				// The member chose a daily digest: the welcome of every project they
				// joined waited for it, through the kills, and went out in one digest,
				// once.
				Map<String, Integer> expectedDigest = new TreeMap<>();
				this.joined.keySet().forEach((code) -> expectedDigest.put(code + " welcome", 1));
				assertThat(digested).as("each welcome in exactly one digest, none lost or twice")
					.isEqualTo(expectedDigest);
				deadLetters.forEach(
						(topic, markers) -> assertThat(markers).as(topic).containsExactlyInAnyOrderElementsOf(poison));
			}
			finally {
				platform.stop();
				keepLogs();
			}
		}
	}

	private List<Thread> startClients() {
		AtomicInteger next = new AtomicInteger();
		List<Thread> clients = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			Thread client = new Thread(() -> {
				int i;
				while ((i = next.getAndIncrement()) < PROJECTS) {
					if (create(i) && i % 4 == 0) {
						join(i);
						registerRisk(i);
						if (i % 8 == 0) {
							scheduleReport(i);
						}
					}
					else if (this.created.containsKey(code(i)) && i % 4 == 2) {
						planMilestone(i);
						engageVendor(i);
					}
					else if (this.created.containsKey(code(i)) && i % 4 == 1) {
						staff(i);
						iterate(i);
						spendAndReport(i);
					}
					else if (this.created.containsKey(code(i)) && i % 4 == 3) {
						changeAndApprove(i);
						recordOutage(i);
						report(i);
					}
					pause(120);
				}
			}, "fault-suite-client-" + c);
			client.setDaemon(true);
			client.start();
			clients.add(client);
		}
		return clients;
	}

	/**
	 * Subscribes the receiver, as a portfolio manager, to every project's outages, before
	 * any project exists: a subscription is sent what occurs after it.
	 */
	private void subscribe(WebhookReceiver webhooks) {
		String body = "{\"url\":\"" + webhooks.url() + "\",\"eventTypes\":[\"OutageRecorded\"],"
				+ "\"description\":\"Fault suite receiver\"}";
		HttpResponse<String> response = untilAnswered("webhook subscription", new AtomicInteger(),
				() -> HttpRequest.newBuilder(URI.create(url("notification-service") + "/api/webhooks"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + this.portfolioToken)
					.header("Idempotency-Key", "fault-suite-" + this.run)
					.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response).as("the subscription was answered").isNotNull();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		webhooks.secret(JsonPath.read(response.body(), "$.secret"));
	}

	/**
	 * The member asks for a daily digest at a time just gone, so that none is due during
	 * the suite: the e-mails that can wait (the welcome of each project they join) all
	 * wait for it.
	 */
	private void chooseDigest() {
		String at = LocalTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString();
		HttpResponse<String> response = untilAnswered("digest preference", new AtomicInteger(),
				() -> HttpRequest
					.newBuilder(URI.create(url("notification-service") + "/api/recipients/" + MEMBER + "/preferences"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + this.memberToken)
					.header("If-Match", "\"0\"")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"channels\":[\"EMAIL\",\"IN_APP\"],"
							+ "\"digest\":{\"frequency\":\"DAILY\",\"at\":\"" + at + "\",\"zone\":\"UTC\"}}")));
		assertThat(response).as("the digest preference was answered").isNotNull();
		// 412: an earlier attempt stored it without its answer.
		assertThat(response.statusCode()).as(response.body()).isIn(200, 412);
	}

	/**
	 * Asks for the member's digest now, once everything is routed, and counts the
	 * welcomes the digests that arrived carry, per project, over distinct Message-IDs.
	 */
	private Map<String, Integer> sendDigest(DevMailbox mailbox) throws InterruptedException {
		HttpResponse<String> sent = untilAnswered("digest", new AtomicInteger(),
				() -> HttpRequest
					.newBuilder(URI.create(url("notification-service") + "/api/recipients/" + MEMBER + "/digest"))
					.timeout(Duration.ofSeconds(20))
					.header("Authorization", "Bearer " + this.memberToken)
					.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(sent).as("the digest was answered").isNotNull();
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		String digestId = JsonPath.read(sent.body(), "$.digestId");
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (digestId != null && digests(mailbox).stream().noneMatch((mail) -> mail.messageId().startsWith(digestId))
				&& System.nanoTime() < deadline) {
			Thread.sleep(250);
		}
		Map<String, ReceivedMail> distinct = new LinkedHashMap<>();
		digests(mailbox).forEach((mail) -> distinct.putIfAbsent(mail.messageId(), mail));
		this.digestMails = distinct.size();
		Map<String, Integer> counted = new TreeMap<>();
		java.util.regex.Pattern heading = java.util.regex.Pattern.compile("^(\\S+) \".*\"$");
		java.util.regex.Pattern welcome = java.util.regex.Pattern.compile("^- You were added to project .*");
		for (ReceivedMail mail : distinct.values()) {
			String project = null;
			for (String line : mail.body().split("\\R")) {
				java.util.regex.Matcher isHeading = heading.matcher(line);
				if (isHeading.matches()) {
					project = isHeading.group(1);
				}
				else if (welcome.matcher(line).matches() && project != null) {
					counted.merge(project + " welcome", 1, Integer::sum);
				}
			}
		}
		return counted;
	}

	private static List<ReceivedMail> digests(DevMailbox mailbox) {
		return mailbox.messagesTo(MEMBER)
			.stream()
			.filter((mail) -> mail.subject().startsWith("Your InfraPM digest: "))
			.toList();
	}

	/** Creates one project, retrying with the same key until the service answers. */
	private boolean create(int i) {
		String code = code(i);
		String project = SkeletonHttp.newProject(code, List.of(email(i)));
		// Every fourth, offset by one, runs in iterations.
		String body = (i % 4 == 1) ? project.replace("\"category\"", "\"methodology\":\"HYBRID\",\"category\"")
				: project;
		HttpResponse<String> response = untilAnswered(code, this.attempts,
				() -> post("/api/projects", body).header("Idempotency-Key", code));
		if (response == null) {
			return false;
		}
		if (response.statusCode() == 201) {
			this.created.put(code, JsonPath.read(response.body(), "$.id"));
			return true;
		}
		this.failures.add(code + ": " + response.statusCode() + " " + response.body());
		return false;
	}

	/**
	 * Adds {@value #MEMBER} to a project, retrying until the service answers; a 409 is an
	 * earlier attempt that got through without its answer.
	 */
	private void join(int i) {
		String code = code(i);
		String id = this.created.get(code);
		String body = "{\"name\":\"Fault Member\",\"email\":\"" + MEMBER + "\",\"role\":\"FINANCE\"}";
		HttpResponse<String> response = untilAnswered(code + " join", this.joinAttempts,
				() -> post("/api/projects/" + id + "/stakeholders", body));
		if (response != null && (response.statusCode() == 201 || response.statusCode() == 409)) {
			this.joined.put(code, id);
		}
		else if (response != null) {
			this.failures.add(code + " join: " + response.statusCode() + " " + response.body());
		}
	}

	/**
	 * Records a risk through risk-service's API as its manager would, through the kills:
	 * identified with an idempotency key, then assessed and given an action each under
	 * the ETag of the answer before, so that a retry of a command that took effect
	 * answers 412 and is checked by reading, never applied twice. The project must end up
	 * with one manual risk, one assessment, one action, one distinct event of each, and
	 * an exposure of one open threat worth 50,000.00.
	 */
	private void registerRisk(int i) {
		String code = code(i);
		String id = this.created.get(code);
		HttpResponse<String> identified = untilRegisterAnswers(code + " risk",
				() -> toRisks("POST", "/api/projects/" + id + "/risks",
						"{\"title\":\"Rack power below plan\",\"cause\":\"The hall's feeds are shared\","
								+ "\"event\":\"The PDUs trip under load\",\"effect\":\"The cutover is rolled back\","
								+ "\"category\":\"TECHNICAL\",\"type\":\"THREAT\"}",
						null)
					.header("Idempotency-Key", "risk-" + code));
		if (identified == null || identified.statusCode() != 201) {
			if (identified != null) {
				this.failures.add(code + " risk: " + identified.statusCode() + " " + identified.body());
			}
			return;
		}
		String risk = JsonPath.read(identified.body(), "$.id");
		String etag = identified.headers().firstValue("ETag").orElse(null);
		HttpResponse<String> assessed = untilAnswered(code + " assessment", this.riskAttempts,
				() -> toRisks("POST", "/api/risks/" + risk + "/assessments",
						"{\"kind\":\"INHERENT\",\"probability\":3,\"impact\":4,\"costImpact\":100000}", etag));
		String afterAssessment = answeredOrDone(code + " assessment", assessed, risk,
				(read) -> JsonPath.read(read, "$.inherent") != null);
		if (afterAssessment == null) {
			return;
		}
		HttpResponse<String> acted = untilAnswered(code + " action", this.riskAttempts,
				() -> toRisks("POST", "/api/risks/" + risk + "/actions",
						"{\"title\":\"Separate the feeds\",\"dueDate\":\"2099-01-01\"}", afterAssessment));
		if (answeredOrDone(code + " action", acted, risk, (read) -> readActions(risk) > 0) != null) {
			this.registered.put(code, id);
		}
	}

	/**
	 * The ETag after a command sent under {@code If-Match}: its answer's, or, when it
	 * answered 412 (a retry of a command that took effect before its answer was lost),
	 * the risk's as read, if the risk shows the effect.
	 */
	private String answeredOrDone(String what, HttpResponse<String> answer, String risk,
			java.util.function.Predicate<String> done) {
		return answeredOrDone(what, answer, this.riskAttempts, () -> toRisks("GET", "/api/risks/" + risk, null, null),
				done);
	}

	/**
	 * The ETag after a command sent under {@code If-Match}: its answer's, or, when it
	 * answered 412 (a retry of a command that took effect before its answer was lost),
	 * the resource's as read, if it shows the effect.
	 */
	private String answeredOrDone(String what, HttpResponse<String> answer, AtomicInteger attempts,
			Supplier<HttpRequest.Builder> reading, java.util.function.Predicate<String> done) {
		if (answer == null) {
			return null;
		}
		if (answer.statusCode() == 200 || answer.statusCode() == 201) {
			return answer.headers().firstValue("ETag").orElse(null);
		}
		if (answer.statusCode() == 412) {
			HttpResponse<String> read = untilAnswered(what + " read", attempts, reading);
			if (read != null && read.statusCode() == 200 && done.test(read.body())) {
				return read.headers().firstValue("ETag").orElse(null);
			}
		}
		this.failures.add(what + ": " + answer.statusCode() + " " + answer.body());
		return null;
	}

	private int readActions(String risk) {
		HttpResponse<String> read = untilAnswered("actions of " + risk, this.riskAttempts,
				() -> toRisks("GET", "/api/risks/" + risk + "/actions", null, null));
		return (read != null && read.statusCode() == 200) ? JsonPath.<Integer>read(read.body(), "$.totalItems") : 0;
	}

	private HttpRequest.Builder toRisks(String method, String path, String body, String ifMatch) {
		return to("risk-service", method, path, body, ifMatch);
	}

	/**
	 * A request of the manager to a service, with a JSON body and a precondition if
	 * given.
	 */
	private HttpRequest.Builder to(String service, String method, String path, String body, String ifMatch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service) + path))
			.timeout(Duration.ofSeconds(40))
			.header("Authorization", "Bearer " + this.managerToken)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return request;
	}

	/** Like {@link #untilAnswered}, and again while risk-service has no register yet. */
	private HttpResponse<String> untilRegisterAnswers(String what, Supplier<HttpRequest.Builder> request) {
		long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
		HttpResponse<String> response;
		do {
			response = untilAnswered(what, this.riskAttempts, request);
			if (response == null || response.statusCode() != 404) {
				return response;
			}
			pause(500);
		}
		while (System.nanoTime() < deadline);
		return response;
	}

	/**
	 * Plans a critical cutover milestone on a project, retrying with the same idempotency
	 * key until the service answers: however many attempts get through, the project must
	 * end up with one milestone and one {@code MilestonePlanned}. It is due on a day that
	 * has passed, so the date watch must report it missed exactly once, through the
	 * kills.
	 */
	private void planMilestone(int i) {
		String code = code(i);
		String id = this.created.get(code);
		String body = "{\"name\":\"Cutover " + code + "\",\"dueDate\":\"2026-06-01\",\"critical\":true,"
				+ "\"cutover\":true}";
		HttpResponse<String> response = untilAnswered(code + " milestone", this.planAttempts,
				() -> post("/api/projects/" + id + "/milestones", body).header("Idempotency-Key", "ms-" + code));
		if (response != null && response.statusCode() == 201) {
			this.planned.put(code, id);
		}
		else if (response != null) {
			this.failures.add(code + " milestone: " + response.statusCode() + " " + response.body());
		}
	}

	/**
	 * Engages a vendor on a project that owes a deliverable due on a day that has passed,
	 * each step with an idempotency key and retried until answered: the project must end
	 * up with one vendor owing one deliverable, and the date watch must report it late
	 * exactly once.
	 */
	private void engageVendor(int i) {
		String code = code(i);
		String id = this.created.get(code);
		String vendor = "{\"name\":\"Rack & Stack " + code + "\",\"contact\":{\"name\":\"Vera Vendor\","
				+ "\"email\":\"vera@rackstack.example\"},\"serviceLevels\":{\"responseTime\":\"PT4H\","
				+ "\"resolutionTime\":\"P1D\",\"availabilityTarget\":99.9}}";
		HttpResponse<String> engaged = untilAnswered(code + " vendor", this.vendorAttempts,
				() -> post("/api/projects/" + id + "/vendors", vendor).header("Idempotency-Key", "vn-" + code));
		if (engaged == null || engaged.statusCode() != 201) {
			if (engaged != null) {
				this.failures.add(code + " vendor: " + engaged.statusCode() + " " + engaged.body());
			}
			return;
		}
		String vendorId = JsonPath.read(engaged.body(), "$.id");
		String deliverable = "{\"name\":\"Racks installed " + code + "\",\"dueDate\":\"2026-06-01\"}";
		HttpResponse<String> owes = untilAnswered(code + " deliverable", this.vendorAttempts,
				() -> post("/api/projects/" + id + "/vendors/" + vendorId + "/deliverables", deliverable)
					.header("Idempotency-Key", "dl-" + code));
		if (owes != null && owes.statusCode() == 201) {
			this.owed.put(code, id);
		}
		else if (owes != null) {
			this.failures.add(code + " deliverable: " + owes.statusCode() + " " + owes.body());
		}
	}

	/**
	 * Sets a project's first resource plan under the ETag of the empty plan, retried
	 * until answered: a 412 is an earlier attempt that got through without its answer.
	 * The plan must end at revision 1 with one {@code ResourcePlanChanged}.
	 */
	private void staff(int i) {
		String code = code(i);
		String id = this.created.get(code);
		String body = "{\"allocations\":[{\"role\":\"Network engineer\",\"person\":{\"name\":\"Nia " + code
				+ "\",\"email\":\"nia." + code.toLowerCase(Locale.ROOT) + "@example.com\"},"
				+ "\"from\":\"2027-03-01\",\"to\":\"2027-04-30\",\"percent\":60}]}";
		HttpResponse<String> planned = untilAnswered(code + " resource plan", this.staffAttempts,
				() -> HttpRequest
					.newBuilder(URI.create(url("project-service") + "/api/projects/" + id + "/resource-plan"))
					.timeout(Duration.ofSeconds(40))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + this.managerToken)
					.header("If-Match", "\"0\"")
					.PUT(HttpRequest.BodyPublishers.ofString(body)));
		if (planned != null && (planned.statusCode() == 200 || planned.statusCode() == 412)) {
			this.staffed.put(code, id);
		}
		else if (planned != null) {
			this.failures.add(code + " resource plan: " + planned.statusCode() + " " + planned.body());
		}
	}

	/**
	 * Plans a hybrid project's first iteration with an idempotency key, retried until
	 * answered.
	 */
	private void iterate(int i) {
		String code = code(i);
		String id = this.created.get(code);
		String body = "{\"name\":\"Sprint 1 " + code + "\",\"start\":\"2027-01-04\",\"end\":\"2027-01-17\","
				+ "\"committedPoints\":40}";
		HttpResponse<String> planned = untilAnswered(code + " iteration", this.operationAttempts,
				() -> post("/api/projects/" + id + "/iterations", body).header("Idempotency-Key", "it-" + code));
		if (planned != null && planned.statusCode() == 201) {
			this.iterated.put(code, id);
		}
		else if (planned != null) {
			this.failures.add(code + " iteration: " + planned.statusCode() + " " + planned.body());
		}
	}

	/**
	 * Names a project's services under the empty list's ETag (a 412 is an earlier attempt
	 * that got through) and records an incident with an idempotency key, each retried
	 * until answered: one outage and one {@code OutageRecorded} must come of it.
	 */
	private void recordOutage(int i) {
		String code = code(i);
		String id = this.created.get(code);
		HttpResponse<String> services = untilAnswered(code + " services", this.operationAttempts,
				() -> HttpRequest.newBuilder(URI.create(url("project-service") + "/api/projects/" + id + "/services"))
					.timeout(Duration.ofSeconds(40))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + this.managerToken)
					.header("If-Match", "\"0\"")
					.PUT(HttpRequest.BodyPublishers
						.ofString("{\"services\":[{\"name\":\"Email\",\"availabilityTarget\":99.9}]}")));
		if (services == null || (services.statusCode() != 200 && services.statusCode() != 412)) {
			if (services != null) {
				this.failures.add(code + " services: " + services.statusCode() + " " + services.body());
			}
			return;
		}
		String body = "{\"service\":\"Email\",\"planned\":false,\"impact\":\"FULL\","
				+ "\"start\":\"2026-11-02T10:00:00Z\",\"end\":\"2026-11-02T10:40:00Z\",\"cause\":\"Fault " + code
				+ "\"}";
		HttpResponse<String> recorded = untilAnswered(code + " outage", this.operationAttempts,
				() -> post("/api/projects/" + id + "/outages", body).header("Idempotency-Key", "ou-" + code));
		if (recorded != null && recorded.statusCode() == 201) {
			this.outaged.put(code, id);
			// The manager acknowledges the alert from its e-mail as soon as it arrives,
			// through the kills; one that came too late is acknowledged after them.
			acknowledgeOutage(code, Duration.ofSeconds(20));
		}
		else if (recorded != null) {
			this.failures.add(code + " outage: " + recorded.statusCode() + " " + recorded.body());
		}
	}

	/**
	 * Declares, as a portfolio manager, a change freeze of every project over the day the
	 * suite's cutovers are due, with an idempotency key, retried until answered. Half the
	 * cutovers exist by then, and the date watch must mark each of them in conflict once,
	 * through the kill of project-service that follows; the others meet the freeze when
	 * they are planned.
	 */
	private void declareFreeze() {
		String body = "{\"kind\":\"CHANGE_FREEZE\",\"name\":\"Fault freeze " + this.run + "\","
				+ "\"reason\":\"Fault suite\",\"start\":\"2026-05-31T00:00\",\"end\":\"2026-06-02T00:00\","
				+ "\"timeZone\":\"UTC\"}";
		HttpResponse<String> declared = untilAnswered("freeze", this.freezeAttempts,
				() -> post("/api/change-calendar/windows", body, this.portfolioToken).header("Idempotency-Key",
						"freeze-" + this.run));
		if (declared != null && declared.statusCode() == 201) {
			this.freezeId = JsonPath.read(declared.body(), "$.id");
		}
		else if (declared != null) {
			this.failures.add("freeze: " + declared.statusCode() + " " + declared.body());
		}
	}

	/**
	 * The window of the one conflict each project's cutover shows, as its manager reads
	 * it.
	 */
	private Map<String, String> conflictWindows(Collection<String> projects) throws IOException, InterruptedException {
		Map<String, String> windows = new TreeMap<>();
		for (String id : projects) {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(url("project-service") + "/api/projects/" + id + "/milestones"))
					.timeout(Duration.ofSeconds(20))
					.header("Authorization", "Bearer " + this.managerToken)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			List<String> found = JsonPath.read(response.body(), "$.items[*].conflicts[*].windowId");
			windows.put(id, (found.size() == 1) ? found.get(0) : found.toString());
		}
		return windows;
	}

	/** The resource plan revision of each project, as its manager reads it. */
	private Map<String, Integer> planRevisions(Collection<String> projects) throws IOException, InterruptedException {
		Map<String, Integer> revisions = new TreeMap<>();
		for (String id : projects) {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create(url("project-service") + "/api/projects/" + id + "/resource-plan"))
				.timeout(Duration.ofSeconds(20))
				.header("Authorization", "Bearer " + this.managerToken)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			revisions.put(id, JsonPath.<Integer>read(response.body(), "$.revision"));
		}
		return revisions;
	}

	/**
	 * How many deliverables the vendors of each project owe, as its manager reads them.
	 */
	private Map<String, Integer> deliverablesOf(Collection<String> projects) throws IOException, InterruptedException {
		Map<String, Integer> counts = new TreeMap<>();
		for (String id : projects) {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(url("project-service") + "/api/projects/" + id + "/vendors"))
					.timeout(Duration.ofSeconds(20))
					.header("Authorization", "Bearer " + this.managerToken)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			counts.put(id, JsonPath.<List<Object>>read(response.body(), "$.items[*].deliverables[*]").size());
		}
		return counts;
	}

	/**
	 * Drafts, completes and publishes the team's weekly report of a project as its
	 * manager would, through the kills: the draft once per idempotency key, the summary
	 * and the publication under the ETag of the answer before, so that a retry of a step
	 * that took effect answers 412 (or 409 for the publication) and is checked by
	 * reading. The project must end with one report, published, one distinct
	 * {@code StatusReportPublished} and one mail of it to its engineer.
	 */
	private void report(int i) {
		String code = code(i);
		String reports = "/api/projects/" + this.created.get(code) + "/status-reports";
		HttpResponse<String> drafted = untilAnswered(code + " report", this.reportAttempts,
				() -> toProjects("POST", reports, "{\"period\":\"WEEKLY\",\"audience\":\"TEAM\"}", null)
					.header("Idempotency-Key", "sr-" + code));
		if (drafted == null || drafted.statusCode() != 201) {
			if (drafted != null) {
				this.failures.add(code + " report: " + drafted.statusCode() + " " + drafted.body());
			}
			return;
		}
		String item = reports + "/" + JsonPath.read(drafted.body(), "$.id");
		String drafts = drafted.headers().firstValue("ETag").orElse(null);
		HttpResponse<String> revised = untilAnswered(code + " summary", this.reportAttempts,
				() -> toProjects("PATCH", item, "{\"summary\":\"Racks in; the cutover is next\"}", drafts));
		String summarised = answeredOrDone(code + " summary", revised, this.reportAttempts,
				() -> toProjects("GET", item, null, null), (read) -> JsonPath.read(read, "$.summary") != null);
		if (summarised == null) {
			return;
		}
		HttpResponse<String> published = untilAnswered(code + " publication", this.reportAttempts,
				() -> toProjects("POST", item + "/publication", null, summarised));
		boolean done = (published != null && published.statusCode() == 409) || answeredOrDone(code + " publication",
				published, this.reportAttempts, () -> toProjects("GET", item, null, null),
				(read) -> "PUBLISHED".equals(JsonPath.read(read, "$.status"))) != null;
		if (done) {
			this.reported.put(code, this.created.get(code));
		}
	}

	/**
	 * Schedules a project's daily team report for the next whole minute at least 45 s
	 * ahead (UTC), so that it comes due during the kills. Each attempt takes its time
	 * when it is sent. A retry of a PUT that took effect before its answer was lost
	 * answers 428 (the schedule exists, and a change needs its ETag) or 412, and is
	 * checked by reading. A schedule that took effect too late for its time (a request
	 * held up by a kill or by the store's outage) shows its next run tomorrow, and is set
	 * again under its ETag; one whose report was drafted already is done: the day's draft
	 * is keyed by its day, so setting it again could not draft a second.
	 */
	private void scheduleReport(int i) {
		String code = code(i);
		String path = "/api/projects/" + this.created.get(code) + "/status-report-schedule";
		String etag = null;
		HttpResponse<String> set = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			String ifMatch = etag;
			set = untilAnswered(code + " schedule", this.reportAttempts,
					() -> toProjects("PUT", path, "{\"period\":\"DAILY\",\"audience\":\"TEAM\",\"time\":\""
							+ dueInAMinuteOrTwo() + "\",\"timeZone\":\"UTC\"}", ifMatch));
			if (set != null && (set.statusCode() == 428 || set.statusCode() == 412)) {
				set = untilAnswered(code + " schedule read", this.reportAttempts,
						() -> toProjects("GET", path, null, null));
			}
			if (set == null || set.statusCode() != 200) {
				break;
			}
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			String drafted = JsonPath.read(set.body(), "$.lastDraftedFor");
			Instant next = Instant.parse(JsonPath.read(set.body(), "$.nextRunAt"));
			if (today.toString().equals(drafted) || next.isBefore(Instant.now().plus(Duration.ofMinutes(3)))) {
				this.scheduled.put(code, this.created.get(code));
				return;
			}
			etag = set.headers().firstValue("ETag").orElse(null);
		}
		this.failures.add(code + " schedule: " + ((set != null) ? set.statusCode() + " " + set.body() : "no answer"));
	}

	/** The next whole minute (UTC, {@code HH:mm}) at least 45 s from now. */
	private static String dueInAMinuteOrTwo() {
		return LocalTime.now(ZoneOffset.UTC).plusSeconds(45).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).toString();
	}

	private HttpRequest.Builder toProjects(String method, String path, String body, String ifMatch) {
		return to("project-service", method, path, body, ifMatch);
	}

	/**
	 * Submits a cost change request on a project with an idempotency key, and approves it
	 * as a portfolio manager; each step retried until answered (a 409 on the approval is
	 * an earlier attempt that got through without its answer).
	 */
	private void changeAndApprove(int i) {
		String code = code(i);
		String id = this.created.get(code);
		String body = "{\"title\":\"Extra capacity " + code + "\",\"category\":\"COST\","
				+ "\"justification\":\"Growth beyond plan\",\"costImpact\":{\"amount\":25000,\"currency\":\"EUR\"}}";
		HttpResponse<String> submitted = untilAnswered(code + " change request", this.changeAttempts,
				() -> post("/api/projects/" + id + "/change-requests", body).header("Idempotency-Key", "cr-" + code));
		if (submitted == null || submitted.statusCode() != 201) {
			if (submitted != null) {
				this.failures.add(code + " change request: " + submitted.statusCode() + " " + submitted.body());
			}
			return;
		}
		String changeId = JsonPath.read(submitted.body(), "$.id");
		HttpResponse<String> decided = untilAnswered(code + " decision", this.changeAttempts,
				() -> post("/api/projects/" + id + "/change-requests/" + changeId + "/decision",
						"{\"decision\":\"APPROVED\",\"reason\":\"Within the portfolio reserve\"}",
						this.portfolioToken));
		if (decided != null && (decided.statusCode() == 200 || decided.statusCode() == 409)) {
			this.changed.put(code, id);
		}
		else if (decided != null) {
			this.failures.add(code + " decision: " + decided.statusCode() + " " + decided.body());
		}
	}

	/**
	 * Orders and invoices 95 % of a project's BAC in budget-service and reports it half
	 * done in project-service, each by idempotency key and retried until answered;
	 * budget-service answers 404 until it has the project's budget, which is asked again.
	 * Each project must end with two cost entries, three thresholds crossed once, one
	 * earned value, one band crossed and one overrun forecast.
	 */
	private void spendAndReport(int i) {
		String code = code(i);
		String id = this.created.get(code);
		String costs = "/api/projects/" + id + "/costs";
		HttpResponse<String> ordered = untilBudgetAnswers(code + " order",
				() -> toBudget(costs,
						"{\"kind\":\"COMMITMENT\",\"amount\":750000,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
								+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"" + SPENT_ON
								+ "\",\"vendor\":\"Rack & Stack\"," + "\"reference\":\"PO-" + code + "\"}")
					.header("Idempotency-Key", "po-" + code));
		if (ordered == null || ordered.statusCode() != 201) {
			if (ordered != null) {
				this.failures.add(code + " order: " + ordered.statusCode() + " " + ordered.body());
			}
			return;
		}
		String order = JsonPath.read(ordered.body(), "$.id");
		HttpResponse<String> invoiced = untilBudgetAnswers(code + " invoice",
				() -> toBudget(costs,
						"{\"kind\":\"ACTUAL\",\"amount\":1187500,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
								+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"" + SPENT_ON
								+ "\",\"vendor\":\"Rack & Stack\"," + "\"reference\":\"INV-" + code
								+ "\",\"commitmentId\":\"" + order + "\"}")
					.header("Idempotency-Key", "inv-" + code));
		if (invoiced == null || invoiced.statusCode() != 201) {
			if (invoiced != null) {
				this.failures.add(code + " invoice: " + invoiced.statusCode() + " " + invoiced.body());
			}
			return;
		}
		HttpResponse<String> reported = untilAnswered(code + " progress", this.spendAttempts,
				() -> post("/api/projects/" + id + "/progress",
						"{\"asOf\":\"" + SPENT_ON + "\",\"percentComplete\":50,\"notes\":\"Racks delivered\"}")
					.header("Idempotency-Key", "progress-" + code));
		if (reported != null && reported.statusCode() == 201) {
			this.spent.put(code, id);
		}
		else if (reported != null) {
			this.failures.add(code + " progress: " + reported.statusCode() + " " + reported.body());
		}
	}

	private HttpRequest.Builder toBudget(String path, String body) {
		return HttpRequest.newBuilder(URI.create(url("budget-service") + path))
			.timeout(Duration.ofSeconds(40))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.managerToken)
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	/**
	 * Like {@link #untilAnswered}, and again while budget-service does not know the
	 * project's budget yet (404: its creation is still on its way).
	 */
	private HttpResponse<String> untilBudgetAnswers(String what, Supplier<HttpRequest.Builder> request) {
		long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
		HttpResponse<String> response;
		do {
			response = untilAnswered(what, this.spendAttempts, request);
			if (response == null || response.statusCode() != 404) {
				return response;
			}
			pause(500);
		}
		while (System.nanoTime() < deadline);
		return response;
	}

	private HttpRequest.Builder post(String path, String body) {
		return post(path, body, this.managerToken);
	}

	private HttpRequest.Builder post(String path, String body, String token) {
		return HttpRequest.newBuilder(URI.create(url("project-service") + path))
			.timeout(Duration.ofSeconds(40))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	/**
	 * Sends a request again and again, for up to four minutes, until the service answers
	 * it with anything but a server error: the service or the whole platform may be down,
	 * or the store away.
	 * @return the answer, or {@code null} (recorded as a failure) if none came
	 */
	private HttpResponse<String> untilAnswered(String what, AtomicInteger attempts,
			Supplier<HttpRequest.Builder> request) {
		long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
		while (System.nanoTime() < deadline) {
			attempts.incrementAndGet();
			try {
				HttpResponse<String> response = this.http.send(request.get().build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() < 500) {
					return response;
				}
			}
			catch (IOException ex) {
				// No answer (the service or the platform is down): try again.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			pause(250);
		}
		this.failures.add(what + ": never answered");
		return null;
	}

	/**
	 * How many distinct events of a type each of some projects published: distinct by
	 * event id and by the id of what they announce, the larger of the two. The outbox
	 * relays at least once, so a record may be on the topic twice with the same
	 * {@code ce_id} (its publisher killed between the broker's ack and the outbox entry's
	 * removal); consumers drop such a copy, and it is counted apart.
	 * @param idPath where the payload names what the event announces
	 */
	private Distinct distinctEvents(String kafka, String type, Collection<String> projects, String idPath) {
		return distinctEvents(kafka, Topics.PROJECT, type, projects, idPath);
	}

	private Distinct distinctEvents(String kafka, String topic, String type, Collection<String> projects,
			String idPath) {
		Set<String> ids = Set.copyOf(projects);
		Map<String, Set<String>> eventIds = new TreeMap<>();
		Map<String, Set<String>> subjects = new TreeMap<>();
		int matched = 0;
		TopicRecords records = this.topics.computeIfAbsent(topic, (name) -> new TopicRecords(kafka, name));
		for (ConsumerRecord<String, byte[]> record : records.refresh(Duration.ofSeconds(30))) {
			if (!ids.contains(record.key()) || !type.equals(KafkaTestClient.header(record, "ce_type"))) {
				continue;
			}
			matched++;
			eventIds.computeIfAbsent(record.key(), (key) -> new HashSet<>())
				.add(KafkaTestClient.header(record, "ce_id"));
			subjects.computeIfAbsent(record.key(), (key) -> new HashSet<>())
				.add(String.valueOf(JsonPath.<Object>read(KafkaTestClient.value(record), idPath)));
		}
		int redelivered = matched - eventIds.values().stream().mapToInt(Set::size).sum();
		Map<String, Integer> counts = new TreeMap<>();
		eventIds
			.forEach((project, events) -> counts.put(project, Math.max(events.size(), subjects.get(project).size())));
		return new Distinct(counts, redelivered);
	}

	/** Waits until every project has an event of a type on the project topic. */
	private void awaitEvents(String kafka, String type, Collection<String> projects, Duration timeout)
			throws InterruptedException {
		awaitEvents(kafka, Topics.PROJECT, type, projects, timeout);
	}

	/** Waits until every project has an event of a type on a topic. */
	private void awaitEvents(String kafka, String topic, String type, Collection<String> projects, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (distinctEvents(kafka, topic, type, projects, "$.projectId").perProject().size() < projects.size()
				&& System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
	}

	/**
	 * project-service's health events per project: the distinct ids of its first
	 * assessment, and of each turn from another colour to red.
	 */
	private HealthTurns healthTurns(String kafka, Collection<String> projects) {
		Set<String> ids = Set.copyOf(projects);
		Map<String, Set<String>> first = new TreeMap<>();
		Map<String, Set<String>> red = new TreeMap<>();
		int matched = 0;
		Set<String> distinct = new HashSet<>();
		TopicRecords records = this.topics.computeIfAbsent(Topics.PROJECT, (name) -> new TopicRecords(kafka, name));
		for (ConsumerRecord<String, byte[]> record : records.refresh(Duration.ofSeconds(30))) {
			if (!ids.contains(record.key()) || !HEALTH_CHANGED.equals(KafkaTestClient.header(record, "ce_type"))) {
				continue;
			}
			matched++;
			String eventId = KafkaTestClient.header(record, "ce_id");
			distinct.add(eventId);
			String value = KafkaTestClient.value(record);
			String previous = JsonPath.read(value, "$.previousOverall");
			if (previous == null) {
				first.computeIfAbsent(record.key(), (key) -> new HashSet<>()).add(eventId);
			}
			if ("RED".equals(JsonPath.read(value, "$.overall")) && !"RED".equals(previous)) {
				red.computeIfAbsent(record.key(), (key) -> new HashSet<>()).add(eventId);
			}
		}
		return new HealthTurns(first, red, distinct.size(), matched - distinct.size());
	}

	private HealthTurns awaitHealthTurns(String kafka, Collection<String> projects, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HealthTurns turns = healthTurns(kafka, projects);
		while (turns.turnedRed().size() < projects.size() && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			turns = healthTurns(kafka, projects);
		}
		return turns;
	}

	/**
	 * Health events: the first assessments and the turns to red per project, by event id;
	 * how many distinct events there were, and how many copies of them.
	 */
	private record HealthTurns(Map<String, Set<String>> firstAssessments, Map<String, Set<String>> turnedRed,
			int events, int redelivered) {
	}

	/**
	 * Distinct events per project, and the copies of events with the same id.
	 */
	private record Distinct(Map<String, Integer> perProject, int redelivered) {

		long duplicated() {
			return this.perProject.values().stream().filter((count) -> count > 1).count();
		}

	}

	/**
	 * How many items a list of each project holds, as its manager reads it.
	 * @param list the path after the project, e.g. {@code milestones}
	 */
	private Map<String, Integer> countOf(Collection<String> projects, String list)
			throws IOException, InterruptedException {
		return countOf("project-service", projects, list);
	}

	/**
	 * How many items a list of each project holds in a service, as its manager reads it.
	 * @param service the service
	 * @param list the path after the project, e.g. {@code costs}
	 */
	private Map<String, Integer> countOf(String service, Collection<String> projects, String list)
			throws IOException, InterruptedException {
		Map<String, Integer> counts = new TreeMap<>();
		for (String id : projects) {
			counts.put(id, JsonPath.<Integer>read(read(service, "/api/projects/" + id + "/" + list), "$.totalItems"));
		}
		return counts;
	}

	/** The origin of each risk in each project's register, as its manager reads it. */
	private Map<String, List<String>> risksOf(Collection<String> projects) throws IOException, InterruptedException {
		Map<String, List<String>> risks = new TreeMap<>();
		for (String id : projects) {
			risks.put(id, JsonPath.read(read("risk-service", "/api/projects/" + id + "/risks?size=100"),
					"$.items[*].origin"));
		}
		return risks;
	}

	/**
	 * Each project's risk exposure as its manager reads it: open threats and revision.
	 */
	private Map<String, Exposure> exposuresOf(Collection<String> projects) throws IOException, InterruptedException {
		Map<String, Exposure> exposures = new TreeMap<>();
		for (String id : projects) {
			String exposure = read("risk-service", "/api/projects/" + id + "/risk-exposure");
			exposures.put(id,
					new Exposure(JsonPath.read(exposure, "$.openThreats"), JsonPath.read(exposure, "$.revision"),
							new BigDecimal(JsonPath.read(exposure, "$.expectedExposure").toString())));
		}
		return exposures;
	}

	/** Waits until each project's exposure counts some open threats. */
	private void awaitExposures(Collection<String> projects, int threats, Duration timeout)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (exposuresOf(projects).values().stream().anyMatch((exposure) -> exposure.openThreats() != threats)
				&& System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
	}

	/**
	 * A project's risk exposure.
	 *
	 * @param openThreats how many open threats it counts
	 * @param revision how often it changed
	 * @param expectedExposure its expected monetary value
	 */
	private record Exposure(int openThreats, int revision, BigDecimal expectedExposure) {
	}

	/** How many mitigation actions the risks of each project hold. */
	private Map<String, Integer> actionsOf(Collection<String> projects) throws IOException, InterruptedException {
		Map<String, Integer> actions = new TreeMap<>();
		for (String id : projects) {
			List<String> risks = JsonPath.read(read("risk-service", "/api/projects/" + id + "/risks?size=100"),
					"$.items[*].id");
			int count = 0;
			for (String risk : risks) {
				count += JsonPath.<Integer>read(read("risk-service", "/api/risks/" + risk + "/actions"),
						"$.totalItems");
			}
			actions.put(id, count);
		}
		return actions;
	}

	/** Waits until each project's register holds at least some risks. */
	private void awaitRisks(Collection<String> projects, int count, Duration timeout)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (risksOf(projects).values().stream().anyMatch((origins) -> origins.size() < count)
				&& System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
	}

	/** Each project's budget in budget-service, as its manager reads it. */
	private Map<String, Budget> budgetsOf(Collection<String> projects) throws IOException, InterruptedException {
		Map<String, Budget> budgets = new TreeMap<>();
		for (String id : projects) {
			String budget = read("budget-service", "/api/projects/" + id + "/budget");
			budgets.put(id,
					new Budget(new BigDecimal(JsonPath.<Object>read(budget, "$.budgetAtCompletion.amount").toString()),
							new BigDecimal(JsonPath.<Object>read(budget, "$.actual").toString()),
							new BigDecimal(JsonPath.<Object>read(budget, "$.committed").toString()),
							JsonPath.read(budget, "$.crossedThresholds"), JsonPath.read(budget, "$.baseline")));
		}
		return budgets;
	}

	/** What the suite checks of a budget. */
	private record Budget(BigDecimal budgetAtCompletion, BigDecimal actual, BigDecimal committed, List<Integer> crossed,
			int baseline) {
	}

	private String read(String service, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url(service) + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + this.managerToken)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(service + " " + path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	private void kill(LauncherProcess platform, String... services) {
		for (String service : services) {
			long killed = System.nanoTime();
			platform.killService(service);
			Thread monitor = new Thread(() -> {
				awaitReady(service, Duration.ofMinutes(2));
				this.faults.add(fault("SIGKILL " + service, killed));
			}, "fault-suite-recovery-" + service);
			monitor.setDaemon(true);
			monitor.start();
		}
	}

	private void cutStore(TcpProxy store, Duration outage) throws InterruptedException {
		long cut = System.nanoTime();
		store.cut();
		Thread.sleep(outage.toMillis());
		store.restore();
		Map<String, Object> fault = fault("store away " + outage.toSeconds() + " s", cut);
		this.faults.add(fault);
	}

	private LauncherProcess killAndRestartEverything(LauncherProcess platform, List<String> options,
			Map<String, String> environment, Path log) {
		long killed = System.nanoTime();
		platform.killAll();
		LauncherProcess restarted = LauncherProcess.start(ROOT, options, environment, log, Duration.ofMinutes(3));
		PlatformSettings.SERVICES.forEach((service) -> awaitReady(service, Duration.ofMinutes(1)));
		this.faults.add(fault("SIGKILL whole platform", killed));
		return restarted;
	}

	/**
	 * Publishes what no consumer can ever handle: data that is not JSON, a version of a
	 * known type nobody understands, and an envelope without an id.
	 */
	private Set<String> injectPoison(String kafka) {
		String notJson = "poison-not-json-" + this.run;
		String unknownVersion = "poison-unknown-version-" + this.run;
		String noId = "poison-no-id-" + this.run;
		String key = UUID.randomUUID().toString();
		try (KafkaTestClient client = new KafkaTestClient(kafka)) {
			client.publish(Topics.PROJECT, key,
					KafkaTestClient.cloudEventHeaders(UUID.randomUUID(), "io.infrapm.project.ProjectCreated.v1", key),
					"{" + notJson);
			client.publish(Topics.PROJECT, key,
					KafkaTestClient.cloudEventHeaders(UUID.randomUUID(), "io.infrapm.project.ProjectCreated.v9", key),
					"{\"marker\":\"" + unknownVersion + "\"}");
			Map<String, String> withoutId = new LinkedHashMap<>(
					KafkaTestClient.cloudEventHeaders(UUID.randomUUID(), "io.infrapm.project.ProjectCreated.v1", key));
			withoutId.remove("ce_id");
			client.publish(Topics.PROJECT, key, withoutId, "{\"marker\":\"" + noId + "\"}");
		}
		return Set.of(notJson, unknownVersion, noId);
	}

	private Convergence awaitEveryEffect(DevMailbox mailbox, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Convergence convergence;
		do {
			convergence = convergence(mailbox);
			if (convergence.complete() == PROJECTS) {
				return convergence;
			}
			Thread.sleep(1000);
		}
		while (System.nanoTime() < deadline);
		return convergence;
	}

	private Convergence convergence(DevMailbox mailbox) {
		Set<String> mailed = mailbox.messages()
			.stream()
			.flatMap((mail) -> mail.recipients().stream())
			.map((address) -> address.toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		List<String> projects = new ArrayList<>();
		List<String> budgets = new ArrayList<>();
		List<String> registers = new ArrayList<>();
		List<String> mails = new ArrayList<>();
		this.created.forEach((code, id) -> {
			if (status("project-service", "/api/projects/" + id) != 200) {
				projects.add(code);
			}
			if (status("budget-service", "/api/projects/" + id + "/budget") != 200) {
				budgets.add(code);
			}
			if (status("risk-service", "/api/projects/" + id + "/risks") != 200) {
				registers.add(code);
			}
			if (!mailed.contains(email(code))) {
				mails.add(code);
			}
		});
		List<String> memberships = new ArrayList<>();
		this.joined.forEach((code, id) -> {
			if (status("budget-service", "/api/projects/" + id + "/budget", this.memberToken) != 200
					|| status("risk-service", "/api/projects/" + id + "/risks", this.memberToken) != 200) {
				memberships.add(code);
			}
		});
		return new Convergence(projects, budgets, registers, mails, memberships);
	}

	private int attemptsOfTheMailTo(String email) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI
					.create(url("notification-service") + "/api/deliveries?channel=EMAIL&size=100&recipient=" + email))
				.header("Authorization", "Bearer " + this.portfolioToken)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			List<Integer> attempts = JsonPath.read(response.body(), "$.items[*].attempts");
			return attempts.stream().mapToInt(Integer::intValue).max().orElse(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	/**
	 * Acknowledges the critical alert of a project's unplanned outage on the manager's
	 * mail about it, whose Message-ID is the notification's id, retrying until answered.
	 * @param wait how long to wait for the mail
	 */
	private void acknowledgeOutage(String code, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		String subject = "[" + code + "] CRITICAL: Unplanned outage of Email";
		while (true) {
			String notification = this.mailbox.messagesTo(SkeletonHttp.MANAGER)
				.stream()
				.filter((mail) -> mail.subject().equals(subject))
				.map((mail) -> mail.messageId().replaceAll("^<|@.*$", ""))
				.findFirst()
				.orElse(null);
			if (notification != null) {
				HttpResponse<String> response = untilAnswered(code + " acknowledgement", this.acknowledgeAttempts,
						() -> HttpRequest
							.newBuilder(URI.create(url("notification-service") + "/api/notifications/" + notification
									+ "/acknowledgement"))
							.timeout(Duration.ofSeconds(20))
							.header("Authorization", "Bearer " + this.managerToken)
							.POST(HttpRequest.BodyPublishers.noBody()));
				if (response != null && response.statusCode() == 200) {
					this.acknowledged.put(code, this.outaged.get(code));
				}
				else if (response != null) {
					this.failures.add(code + " acknowledgement: " + response.statusCode() + " " + response.body());
				}
				return;
			}
			if (System.nanoTime() > deadline) {
				return;
			}
			pause(250);
		}
	}

	/**
	 * Reads mails until as many keys as expected have one, or the time is up: the
	 * Message-IDs of each key, as {@code read} finds them in the mailbox.
	 */
	private static Map<String, Set<String>> awaitMails(int expected, Duration timeout,
			Supplier<Map<String, Set<String>>> read) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Set<String>> mails = read.get();
		while (mails.size() < expected && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			mails = read.get();
		}
		return mails;
	}

	/** The Message-IDs of the manager's reminders of each scheduled draft. */
	private Map<String, Set<String>> reminders(DevMailbox mailbox) {
		Map<String, Set<String>> mails = new TreeMap<>();
		for (ReceivedMail mail : mailbox.messagesTo(SkeletonHttp.MANAGER)) {
			this.scheduled.keySet()
				.stream()
				.filter((code) -> mail.subject().startsWith("[" + code + "] Status report SR-1 drafted"))
				.forEach((code) -> mails.computeIfAbsent(code, (key) -> new TreeSet<>()).add(mail.messageId()));
		}
		return mails;
	}

	/**
	 * How many of this run's projects the portfolio rows hold, all and red, as a
	 * portfolio manager reads them; waited for while fewer are red than expected (the
	 * rows follow the events).
	 */
	private Map<String, Integer> awaitPortfolio(int red, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Integer> counts = portfolio();
		while (counts.getOrDefault("red", 0) < red && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			counts = portfolio();
		}
		return counts;
	}

	private Map<String, Integer> portfolio() {
		Map<String, Integer> counts = new TreeMap<>();
		for (String filter : List.of("all", "red")) {
			String query = "/api/portfolio/projects?size=1&q=FS-" + this.run + "-"
					+ (filter.equals("red") ? "&health=RED" : "");
			HttpResponse<String> answer = untilAnswered("portfolio " + filter, new AtomicInteger(),
					() -> to("project-service", "GET", query, null, null).setHeader("Authorization",
							"Bearer " + this.portfolioToken));
			if (answer != null && answer.statusCode() == 200) {
				counts.put(filter, JsonPath.<Integer>read(answer.body(), "$.totalItems"));
			}
		}
		return counts;
	}

	/** The Message-IDs of the report mails to each reporting project's engineer. */
	private Map<String, Set<String>> reportMails(DevMailbox mailbox) {
		Map<String, Set<String>> mails = new TreeMap<>();
		for (String code : this.reported.keySet()) {
			for (ReceivedMail mail : mailbox.messagesTo(email(code))) {
				if (mail.subject().startsWith("[" + code + "] Status report SR-1")) {
					mails.computeIfAbsent(code, (key) -> new TreeSet<>()).add(mail.messageId());
				}
			}
		}
		return mails;
	}

	/**
	 * The Message-IDs of the mails notification-service routed for the suite's flows, by
	 * alert.
	 */
	private Map<String, Set<String>> routedMails(DevMailbox mailbox) {
		Map<String, Set<String>> routed = new TreeMap<>();
		for (ReceivedMail mail : mailbox.messagesTo(SkeletonHttp.MANAGER)) {
			this.outaged.keySet()
				.stream()
				.filter((code) -> mail.subject().equals("[" + code + "] CRITICAL: Unplanned outage of Email"))
				.forEach((code) -> routed.computeIfAbsent(code + " outage", (key) -> new TreeSet<>())
					.add(mail.messageId()));
			this.spent.keySet()
				.stream()
				.filter((code) -> mail.subject().startsWith("[" + code + "] CRITICAL: Budget 90 % consumed"))
				.forEach((code) -> routed.computeIfAbsent(code + " budget 90 %", (key) -> new TreeSet<>())
					.add(mail.messageId()));
			java.util.stream.Stream.concat(this.spent.keySet().stream(), this.planned.keySet().stream())
				.filter((code) -> mail.subject().startsWith("[" + code + "] CRITICAL: Health RED"))
				.forEach((code) -> routed.computeIfAbsent(code + " health red", (key) -> new TreeSet<>())
					.add(mail.messageId()));
		}
		return routed;
	}

	private Map<String, Integer> mailsPerStakeholder(DevMailbox mailbox) {
		Map<String, Integer> counts = new TreeMap<>();
		this.created.keySet().forEach((code) -> counts.put(email(code), 0));
		for (ReceivedMail mail : mailbox.messages()) {
			if (mail.subject().contains("] Status report ")) {
				// Counted by report, in reportMails.
				continue;
			}
			for (String recipient : mail.recipients()) {
				// Managers and members get mails of their own; they are counted by
				// what they are about.
				counts.computeIfPresent(recipient.toLowerCase(Locale.ROOT), (email, count) -> count + 1);
			}
		}
		return counts;
	}

	/**
	 * The poison each dead-letter topic holds, one entry per source record.
	 * Dead-lettering is at least once, like every delivery: a consumer killed between
	 * writing a dead letter and committing its offset writes it again after the restart.
	 * The copies carry the same original topic, partition and offset, by which a reader
	 * tells them apart; they are counted in {@link #duplicateDeadLetters}.
	 */
	private Map<String, List<String>> deadLetters(String kafka, Set<String> poison) {
		Map<String, List<String>> markers = new LinkedHashMap<>();
		try (KafkaTestClient client = new KafkaTestClient(kafka)) {
			for (String group : CONSUMERS) {
				String topic = Topics.deadLetter(Topics.PROJECT, group);
				List<ConsumerRecord<String, byte[]>> records = client.readToEnd(topic, (record) -> true,
						Duration.ofSeconds(30));
				Map<String, String> bySource = new LinkedHashMap<>();
				for (ConsumerRecord<String, byte[]> record : records) {
					String value = KafkaTestClient.value(record);
					String marker = poison.stream().filter(value::contains).findFirst().orElse("unexpected: " + value);
					if (bySource.putIfAbsent(source(record), marker) != null) {
						this.duplicateDeadLetters.incrementAndGet();
					}
				}
				markers.put(topic, List.copyOf(bySource.values()));
			}
		}
		return markers;
	}

	private static String source(ConsumerRecord<String, byte[]> record) {
		return java.util.HexFormat.of().formatHex(header(record, "kafka_dlt-original-topic")) + "/"
				+ java.util.HexFormat.of().formatHex(header(record, "kafka_dlt-original-partition")) + "@"
				+ java.util.HexFormat.of().formatHex(header(record, "kafka_dlt-original-offset"));
	}

	private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? header.value() : new byte[0];
	}

	private void writeFigures(double readySeconds, Convergence convergence, long lost, long duplicated,
			Map<String, Integer> mails, Map<String, List<String>> deadLetters, Distinct stakeholderEvents,
			Distinct milestoneEvents, Distinct missedEvents, Distinct lateEvents, Distinct planEvents,
			Distinct decidedEvents, Distinct conflictEvents, Distinct costEvents, Distinct thresholdEvents,
			Distinct rebaselineEvents, WebhookReceiver webhooks, long started) throws IOException {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("projects", PROJECTS);
		figures.put("createAttempts", this.attempts.get());
		figures.put("answered201", this.created.size());
		figures.put("joined", this.joined.size());
		figures.put("joinAttempts", this.joinAttempts.get());
		figures.put("duplicatedStakeholderEvents", stakeholderEvents.duplicated());
		figures.put("redeliveredStakeholderEvents", stakeholderEvents.redelivered());
		figures.put("milestonesPlanned", this.planned.size());
		figures.put("milestoneAttempts", this.planAttempts.get());
		figures.put("duplicatedMilestoneEvents", milestoneEvents.duplicated());
		figures.put("redeliveredMilestoneEvents", milestoneEvents.redelivered());
		figures.put("milestonesReportedMissed", missedEvents.perProject().size());
		figures.put("duplicatedMissedEvents", missedEvents.duplicated());
		figures.put("redeliveredMissedEvents", missedEvents.redelivered());
		figures.put("vendorsEngaged", this.owed.size());
		figures.put("vendorAttempts", this.vendorAttempts.get());
		figures.put("deliverablesReportedLate", lateEvents.perProject().size());
		figures.put("duplicatedLateEvents", lateEvents.duplicated());
		figures.put("projectsSpent", this.spent.size());
		figures.put("spendAttempts", this.spendAttempts.get());
		figures.put("costEntriesRecorded", costEvents.perProject().values().stream().mapToInt(Integer::intValue).sum());
		figures.put("redeliveredCostEvents", costEvents.redelivered());
		figures.put("thresholdsCrossed",
				thresholdEvents.perProject().values().stream().mapToInt(Integer::intValue).sum());
		figures.put("redeliveredThresholdEvents", thresholdEvents.redelivered());
		figures.put("budgetsRebaselined", rebaselineEvents.perProject().size());
		figures.put("redeliveredRebaselineEvents", rebaselineEvents.redelivered());
		figures.put("resourcePlansSet", this.staffed.size());
		figures.put("resourcePlanAttempts", this.staffAttempts.get());
		figures.put("duplicatedPlanEvents", planEvents.duplicated());
		figures.put("iterationsPlanned", this.iterated.size());
		figures.put("outagesRecorded", this.outaged.size());
		figures.put("outageAlertsAcknowledged", this.acknowledged.size());
		figures.putAll(this.healthFigures);
		figures.put("acknowledgeAttempts", this.acknowledgeAttempts.get());
		figures.put("iterationAndOutageAttempts", this.operationAttempts.get());
		figures.put("digestMails", this.digestMails);
		figures.put("webhookDeliveries",
				webhooks.deliveriesPerProject(OUTAGE_RECORDED).values().stream().mapToInt(java.util.Set::size).sum());
		figures.put("webhookPosts", webhooks.posts());
		figures.put("webhookRefusedFirstAttempts", webhooks.refused());
		figures.put("webhookResent", webhooks.resent());
		figures.put("webhookBadSignatures", webhooks.badSignatures());
		figures.put("changeRequestsApproved", this.changed.size());
		figures.put("changeRequestAttempts", this.changeAttempts.get());
		figures.put("duplicatedChangeDecisions", decidedEvents.duplicated());
		figures.put("freezeAttempts", this.freezeAttempts.get());
		figures.put("cutoversInFreeze", conflictEvents.perProject().size());
		figures.put("duplicatedConflictEvents", conflictEvents.duplicated());
		figures.put("redeliveredConflictEvents", conflictEvents.redelivered());
		figures.put("platformReadySeconds", round(readySeconds));
		figures.put("faults", List.copyOf(this.faults));
		figures.put("lost", lost);
		figures.put("duplicatedMails", duplicated);
		figures.put("mails", mails.values().stream().mapToInt(Integer::intValue).sum());
		figures.put("deadLetters",
				deadLetters.entrySet()
					.stream()
					.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().size(), (a, b) -> a,
							TreeMap::new)));
		figures.put("missing",
				Map.of("projects", convergence.projectsMissing().size(), "budgets", convergence.budgetsMissing().size(),
						"registers", convergence.registersMissing().size(), "mails", convergence.mailsMissing().size(),
						"memberships", convergence.membershipsMissing().size()));
		synchronized (this.timeline) {
			figures.put("steps", new LinkedHashMap<>(this.timeline));
		}
		figures.put("totalSeconds", round(seconds(started)));
		figures.put("cores", Runtime.getRuntime().availableProcessors());
		figures.put("java", System.getProperty("java.version"));
		String json = FiguresJson.of(figures);
		Path out = Path.of("target", "fault-suite", "latest.json");
		Files.createDirectories(out.getParent());
		Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
		System.out.println("Fault suite: " + json);
	}

	/** The launcher's and the services' logs, kept beside the figures to look into. */
	private void keepLogs() throws IOException {
		Path logs = Path.of("target", "fault-suite", "logs");
		Files.createDirectories(logs);
		Files.copy(this.home.resolve("launcher.log"), logs.resolve("launcher.log"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		try (var services = Files.newDirectoryStream(this.home.resolve("platform").resolve("logs"))) {
			for (Path log : services) {
				Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	private Map<String, Object> fault(String what, long at) {
		Map<String, Object> fault = new LinkedHashMap<>();
		fault.put("fault", what);
		fault.put("at", Instant.now().minusNanos(System.nanoTime() - at).toString());
		fault.put("recoverySeconds", round(seconds(at)));
		mark(what + " recovered");
		return fault;
	}

	private void awaitCreated(int count) throws InterruptedException {
		awaitCount(this.created::size, count, Duration.ofMinutes(3));
		mark(count + " created");
	}

	/**
	 * Where, of a run of 320 projects, the suite's faults were first placed: the same
	 * share of however many projects it runs.
	 */
	private static int share(int of320) {
		return Math.max(1, of320 * PROJECTS / 320);
	}

	private void mark(String step) {
		this.timeline.put(step, round(seconds(this.started)));
	}

	private static void awaitCount(IntSupplier current, int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (current.getAsInt() < Math.min(count, PROJECTS)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("only " + current.getAsInt() + " of " + count + " created in " + timeout);
			}
			Thread.sleep(100);
		}
	}

	private void awaitReady(String service, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (status(service, "/actuator/health/readiness") == 200) {
				return;
			}
			pause(200);
		}
		throw new AssertionError(service + " was not ready again within " + timeout);
	}

	private String login(String email, String role) {
		return Platform.accessToken(this.home.resolve("platform"), DevIssuer.uriAt(this.issuerPort), email,
				List.of(role));
	}

	private int status(String service, String path) {
		return status(service, path, this.managerToken);
	}

	private int status(String service, String path, String token) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create(url(service) + path))
					.header("Authorization", "Bearer " + token)
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private String url(String service) {
		return "http://127.0.0.1:" + this.servicePorts.get(service);
	}

	private String code(int i) {
		return "FS-" + this.run + "-" + i;
	}

	private String email(int i) {
		return email(code(i));
	}

	private static String email(String code) {
		return code.toLowerCase(Locale.ROOT) + "@example.com";
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What has arrived where, for the projects answered 201. */
	private record Convergence(List<String> projectsMissing, List<String> budgetsMissing, List<String> registersMissing,
			List<String> mailsMissing, List<String> membershipsMissing) {

		long complete() {
			return PROJECTS - Set.copyOf(concat()).size();
		}

		private List<String> concat() {
			List<String> all = new ArrayList<>(this.projectsMissing);
			all.addAll(this.budgetsMissing);
			all.addAll(this.registersMissing);
			all.addAll(this.mailsMissing);
			all.addAll(this.membershipsMissing);
			return all;
		}

	}

}
