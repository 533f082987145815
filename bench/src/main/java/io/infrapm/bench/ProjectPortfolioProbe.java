package io.infrapm.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./infrapm bench --project-portfolio}: whether project-service's portfolio views
 * ({@code GET /api/portfolio/summary} and {@code GET /api/portfolio/projects}) answer in
 * under 300 ms with 10,000 projects, and answer right, today and as of a past day.
 * <p>
 * It starts the broker, the store on disk, the mailbox, the issuer, project-service,
 * risk-service and budget-service, each service in its own JVM from its built jar, as
 * {@code ./infrapm up} runs them (see {@link EmbeddedTarget}). Through the API it makes
 * one project whose row has every field: a critical milestone due yesterday (which the
 * date watch reports missed), one due later, 92 % of its budget spent (which raises a
 * risk) and a progress report (which gives it CPI and SPI). It reads the row and the
 * snapshot project-service wrote for it and fails if those it is about to preload
 * ({@link ProjectPortfolioData}) have another shape. It then stops the services, removes
 * the sample, preloads 10,000 rows and a snapshot of each as of 30 days ago, starts
 * project-service again, times its first answers after it is ready, and times eight
 * requests of three callers, each 20 times to warm up and 100 measured, one at a time,
 * checking every answer against the preloaded rows. It writes
 * {@code bench/results/project-portfolio-latest.json} and {@code .md} (and a copy named
 * by date and commit) and exits with 1 if a shape or an answer was wrong.
 */
final class ProjectPortfolioProbe {

	private static final String LOG = "[project-portfolio]";

	private static final String PROJECT_SERVICE = "project-service";

	private static final List<String> SERVICES = List.of(PROJECT_SERVICE, "risk-service", "budget-service");

	private static final int BATCH = 1000;

	private static final int WARM_UP = 20;

	private static final int MEASURED = 100;

	private static final Duration SCENARIO_LIMIT = Duration.ofSeconds(75);

	private static final double TARGET_MS = 300;

	/** How far back the as-of views look. */
	private static final int PAST_DAYS = 30;

	/** How many top risks and missed milestones the summary lists. */
	private static final int TOP_RISKS = 10;

	private static final int MISSED_LISTED = 50;

	private static final Duration SAMPLE_TIMEOUT = Duration.ofMinutes(3);

	private final BenchOptions options;

	private final Path repositoryRoot;

	private final Map<String, Object> results = new LinkedHashMap<>();

	private final Markdown markdown = new Markdown();

	private final ProbeSupport support = new ProbeSupport();

	private final JsonHttp http = new JsonHttp();

	private EmbeddedTarget target;

	private MongoDatabase database;

	private BsonDocument sampleRow;

	private BsonDocument sampleSnapshot;

	private UUID sampleId;

	private LocalDate today;

	private ProjectPortfolioProbe(BenchOptions options, Path repositoryRoot) {
		this.options = options;
		this.repositoryRoot = repositoryRoot;
	}

	/**
	 * Runs the probe.
	 * @param options the options; {@link BenchOptions#portfolioProjects()} counts
	 * @param repositoryRoot the repository, whose built jars run
	 * @return 0, or 1 if a document's shape or an answer was wrong
	 * @throws Exception if the platform cannot run
	 */
	static int run(BenchOptions options, Path repositoryRoot) throws Exception {
		return new ProjectPortfolioProbe(options, repositoryRoot).run();
	}

	private int run() throws Exception {
		long started = System.nanoTime();
		this.results.put("machine",
				Bench.machine(this.repositoryRoot, this.markdown, "InfraPM project portfolio probe"));
		boolean right;
		System.out.println(LOG + " starting the broker, the store on disk, the issuer, " + String.join(", ", SERVICES));
		this.target = EmbeddedTarget.start(this.repositoryRoot, SERVICES);
		String databaseName = PlatformSettings.databaseOf(PROJECT_SERVICE);
		try (EmbeddedTarget running = this.target; MongoClient mongo = Effects.client(running.mongoUri(databaseName))) {
			this.database = mongo.getDatabase(databaseName);
			this.results.put("target", "the store on disk, the broker, the mailbox and the issuer in the probe's JVM, "
					+ String.join(", ", SERVICES) + " each in its own JVM from its jar, as ./infrapm up runs them, "
					+ "on free ports in a temporary home; only project-service runs while it is measured");
			Platform platform = running.platform();
			ProjectPortfolioData.Template template = sample(platform.accessToken(Bench.MANAGER, "PROJECT_MANAGER"));
			ProjectPortfolioData data = new ProjectPortfolioData(this.options.portfolioProjects(), template,
					Instant.now().minus(Duration.ofHours(1)));
			right = shapes(data);
			if (right) {
				SERVICES.forEach(platform::stop);
				removeSample();
				List<ProjectPortfolioData.Row> today = new ArrayList<>();
				List<ProjectPortfolioData.Row> past = new ArrayList<>();
				preload(data, today, past);
				storeAlone();
				String portfolio = platform.accessToken(PortfolioProbe.PORTFOLIO_MANAGER, "PORTFOLIO_MANAGER");
				String member = platform.accessToken(ProjectPortfolioData.MEMBER, "STAKEHOLDER");
				right = restart(platform, portfolio, today);
				right &= scenarios(today, past, portfolio, member);
				ProbeSupport.residentMemory(platform, PROJECT_SERVICE, "projectServiceResidentMbAfterRun", this.results,
						this.markdown);
			}
			else {
				ProbeSupport.shapesDiffer(this.markdown, PROJECT_SERVICE);
			}
		}
		return this.support.finish(this.options.out(), "project-portfolio-", right, started, this.results,
				this.markdown);
	}

	// ---------------------------------------------------------------- the sample

	/**
	 * Makes project-service write a row with every field through the API and waits until
	 * it holds still: a critical milestone due yesterday, which the date watch reports
	 * missed within its minute; a milestone due in a month; an actual cost of 92 % of the
	 * budget, which crosses budget-service's thresholds and makes risk-service raise a
	 * risk; and a progress report, from which budget-service measures CPI, SPI and EAC.
	 */
	private ProjectPortfolioData.Template sample(String manager) throws Exception {
		System.out.println(LOG + " a sample project through the API, to read the row project-service writes");
		LocalDate now = LocalDate.now(ZoneOffset.UTC);
		URI projects = this.target.serviceUrl(PROJECT_SERVICE).resolve("/api/projects");
		String code = "PPSAMPLE-" + UUID.randomUUID().toString().substring(0, 6);
		UUID projectId = this.http
			.create(projects, manager,
					"""
							{"code":"%s","name":"Portfolio sample","category":"NETWORK_ROLLOUT",
							"manager":{"name":"Pat Manager","email":"%s"},
							"sponsor":{"name":"Sam Sponsor","email":"sponsor.sample@example.com"},
							"plannedStart":"%s","plannedFinish":"%s","budget":{"amount":100000,"currency":"EUR"},
							"stakeholders":[{"name":"Fin Member","email":"%s","role":"FINANCE"}]}""".formatted(code,
							Bench.MANAGER, now.minusDays(200), now.plusDays(160), ProjectPortfolioData.MEMBER))
			.createdId();
		URI project = projects.resolve("/api/projects/" + projectId + "/");
		this.http.create(project.resolve("milestones"), manager, """
				{"name":"Core cutover","dueDate":"%s","critical":true,"cutover":true}""".formatted(now.minusDays(1)));
		this.http.create(project.resolve("milestones"), manager, """
				{"name":"Go-live","dueDate":"%s","critical":false}""".formatted(now.plusDays(30)));
		this.http.create(this.target.serviceUrl("budget-service")
			.resolve("/api/projects/" + projectId + "/costs"), manager, """
					{"kind":"ACTUAL","amount":92000,"currency":"EUR","category":"HARDWARE","expenditureType":"CAPEX",
					"incurredOn":"%s","vendor":"Sample Vendor Ltd","reference":"INV-1"}""".formatted(now.minusDays(2)));
		this.http.create(project.resolve("progress"), manager, """
				{"asOf":"%s","percentComplete":40}""".formatted(now.minusDays(1)));
		MongoCollection<BsonDocument> rows = this.database.getCollection("portfolio_rows", BsonDocument.class);
		Bson byId = Filters.eq("_id", projectId);
		Set<String> needed = Set.of("overall", "nextMilestone", "topRisk", "actualTotal", "estimateAtCompletion",
				"costPerformanceIndex", "schedulePerformanceIndex");
		ProbeSupport.await(() -> {
			BsonDocument row = rows.find(byId).first();
			return row != null && row.keySet().containsAll(needed) && !row.getArray("missed").isEmpty();
		}, "project-service to write a row with a missed milestone, a top risk, money and CPI/SPI", SAMPLE_TIMEOUT);
		// Later events (the risk's exposure again, another health change) may still come:
		// wait until the row has not changed for five seconds.
		BsonDocument[] last = { rows.find(byId).first() };
		long[] stableSince = { System.nanoTime() };
		ProbeSupport.await(() -> {
			BsonDocument row = rows.find(byId).first();
			if (!row.equals(last[0])) {
				last[0] = row;
				stableSince[0] = System.nanoTime();
			}
			return System.nanoTime() - stableSince[0] > Duration.ofSeconds(5).toNanos();
		}, "the sample's row to hold still", SAMPLE_TIMEOUT);
		this.sampleRow = last[0];
		this.sampleSnapshot = this.database.getCollection("portfolio_snapshots", BsonDocument.class)
			.find(Filters.eq("projectId", projectId))
			.first();
		this.sampleId = projectId;
		this.today = Instant.ofEpochMilli(this.sampleSnapshot.getDateTime("day").getValue())
			.atZone(ZoneOffset.UTC)
			.toLocalDate();
		Document snapshot = this.database.getCollection("portfolio_snapshots")
			.find(Filters.eq("projectId", projectId))
			.first();
		return new ProjectPortfolioData.Template(
				this.database.getCollection("portfolio_rows").find(byId).first().getString("_class"),
				snapshot.getString("_class"), snapshot.get("row", Document.class).getString("_class"));
	}

	/**
	 * Compares the shape of the sample's row and snapshot with those of the first 50
	 * generated projects.
	 */
	private boolean shapes(ProjectPortfolioData data) {
		List<BsonDocument> rows = new ArrayList<>();
		List<BsonDocument> snapshots = new ArrayList<>();
		LocalDate past = this.today.minusDays(PAST_DAYS);
		for (int i = 0; i < Math.min(50, data.projects()); i++) {
			rows.add(ProbeSupport.bson(data.generate(i, this.today, this.today).document()));
			snapshots.add(ProbeSupport.bson(data.snapshot(i, past, this.today).document()));
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		List<String> all = new ArrayList<>();
		all.addAll(ProbeSupport.compare("portfolio_rows", List.of(this.sampleRow), rows, Set.of(), figures));
		all.addAll(ProbeSupport.compare("portfolio_snapshots", List.of(this.sampleSnapshot), snapshots, Set.of(),
				figures));
		figures.put("same", all.isEmpty());
		figures.put("differences", all);
		figures.put("sampleRow", this.sampleRow.toJson());
		this.results.put("shapes", figures);
		this.markdown.heading("Preloaded documents against project-service's own");
		this.markdown.paragraph("One project made through the API (a critical milestone due yesterday, reported "
				+ "missed by the date watch; one due in a month; 92 % of its budget spent, which raised a risk; a "
				+ "progress report, which gave it CPI and SPI): its row and today's snapshot, read raw with the "
				+ "driver and compared, path by path with each BSON type, with those of the first 50 generated "
				+ "projects: " + (all.isEmpty() ? "the same shape" : "DIFFERENT: " + String.join("; ", all)) + ".");
		all.forEach((difference) -> System.out.println(LOG + " shape: " + difference));
		return all.isEmpty();
	}

	/**
	 * Removes the sample, so that the portfolio holds exactly the preloaded projects: its
	 * project too, so that no late event about it writes its row again.
	 */
	private void removeSample() {
		this.database.getCollection("portfolio_rows").deleteOne(Filters.eq("_id", this.sampleId));
		this.database.getCollection("portfolio_snapshots").deleteMany(Filters.eq("projectId", this.sampleId));
		this.database.getCollection("projects").deleteOne(Filters.eq("_id", this.sampleId));
	}

	// ---------------------------------------------------------------- preload

	private void preload(ProjectPortfolioData data, List<ProjectPortfolioData.Row> today,
			List<ProjectPortfolioData.Row> past) throws Exception {
		int total = data.projects();
		LocalDate pastDay = this.today.minusDays(PAST_DAYS);
		System.out.printf(Locale.ROOT, "%s preloading %,d rows and a snapshot of each as of %s%n", LOG, total, pastDay);
		MongoCollection<Document> rows = this.database.getCollection("portfolio_rows");
		MongoCollection<Document> snapshots = this.database.getCollection("portfolio_snapshots");
		List<Document> rowBatch = new ArrayList<>();
		List<Document> snapshotBatch = new ArrayList<>();
		long started = System.nanoTime();
		long[] insertNanos = new long[1];
		for (int i = 0; i < total; i++) {
			ProjectPortfolioData.Generated row = data.generate(i, this.today, this.today);
			ProjectPortfolioData.Generated snapshot = data.snapshot(i, pastDay, this.today);
			today.add(row.row());
			past.add(snapshot.row());
			rowBatch.add(row.document());
			snapshotBatch.add(snapshot.document());
			if (rowBatch.size() == BATCH) {
				ProbeSupport.insert(rows, rowBatch, insertNanos);
				ProbeSupport.insert(snapshots, snapshotBatch, insertNanos);
			}
		}
		ProbeSupport.insert(rows, rowBatch, insertNanos);
		ProbeSupport.insert(snapshots, snapshotBatch, insertNanos);
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.println(LOG + " preloaded; waiting until the store's housekeeping is done");
		long settledBytes = ProbeSupport.awaitQuietStore(this.target, LOG);
		Map<String, Long> byHealth = new TreeMap<>();
		today
			.forEach((row) -> byHealth.merge(Objects.requireNonNullElse(row.overall(), "NOT_ASSESSED"), 1L, Long::sum));
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("rows", rows.estimatedDocumentCount());
		figures.put("snapshots", snapshots.estimatedDocumentCount());
		figures.put("snapshotDay", pastDay.toString());
		figures.put("byHealth", byHealth);
		figures.put("memberReads", today.stream().filter(ProjectPortfolioData.Row::reader).count());
		figures.put("memberSeesMoneyOf", today.stream().filter(ProjectPortfolioData.Row::moneyReader).count());
		figures.put("seconds", Rounding.one(seconds));
		figures.put("insertSeconds", Rounding.one(insertNanos[0] / 1e9));
		figures.put("storeMbSettled", Rounding.one(settledBytes / 1024.0 / 1024.0));
		this.results.put("preload", figures);
		this.markdown.heading("Preload");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"Through the MongoDB driver into project-service's database, insertMany in batches of %,d: %,d rows "
						+ "(overall %s) and a snapshot of each as of %s; the member reads %d of them and sees the money "
						+ "of %d. Took %.1f s (%.1f s of it in the inserts); the store file %.1f MB once settled.",
				BATCH, total, byHealth, pastDay, figures.get("memberReads"), figures.get("memberSeesMoneyOf"), seconds,
				insertNanos[0] / 1e9, settledBytes / 1024.0 / 1024.0));
	}

	/** What an instance's first look reads: every row, through the driver. */
	private void storeAlone() {
		MongoCollection<Document> rows = this.database.getCollection("portfolio_rows");
		MongoCollection<Document> snapshots = this.database.getCollection("portfolio_snapshots");
		List<Long> all = new ArrayList<>();
		List<Long> past = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			long started = System.nanoTime();
			rows.find().forEach((document) -> {
			});
			all.add((System.nanoTime() - started) / 1000);
			started = System.nanoTime();
			snapshots
				.find(Filters.lte("day",
						java.util.Date.from(this.today.minusDays(PAST_DAYS).atStartOfDay().toInstant(ZoneOffset.UTC))))
				.forEach((document) -> {
				});
			past.add((System.nanoTime() - started) / 1000);
		}
		Distribution rowsRead = Distribution.ofMicros(all.stream().skip(1).mapToLong(Long::longValue).toArray());
		Distribution pastRead = Distribution.ofMicros(past.stream().skip(1).mapToLong(Long::longValue).toArray());
		this.results.put("storeAlone", Map.of("allRows", rowsRead.figures(), "pastDaySnapshots", pastRead.figures()));
		this.markdown.heading("The store's part alone");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"Through the driver from the probe's JVM, once to warm up and 3 times measured: every row (what an "
						+ "instance's first look reads) %.0f ms (p50), every snapshot up to the past day (what the "
						+ "first as-of request reads) %.0f ms. The views answer from the rows in memory.",
				rowsRead.p50(), pastRead.p50()));
	}

	/**
	 * Starts project-service on the preloaded store and times its first answers: its rows
	 * load on a thread of their own once it is ready, and a request that comes first
	 * waits for them.
	 */
	private boolean restart(Platform platform, String portfolio, List<ProjectPortfolioData.Row> rows) throws Exception {
		System.out.println(LOG + " starting project-service again, on the preloaded store");
		platform.start(PROJECT_SERVICE);
		double ready = Rounding.two(platform.startupTime(PROJECT_SERVICE).toMillis() / 1000.0);
		URI summary = this.target.serviceUrl(PROJECT_SERVICE).resolve("/api/portfolio/summary");
		JsonHttp.Answer first = this.http.get(summary, portfolio);
		List<String> wrong = new ArrayList<>();
		boolean right = checkSummary(first, rows, null, true, this.today, wrong);
		JsonHttp.Answer second = this.http.get(summary, portfolio);
		right &= checkSummary(second, rows, null, true, this.today, wrong);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("readySeconds", ready);
		figures.put("firstSummaryMs", Rounding.two(first.micros() / 1000.0));
		figures.put("secondSummaryMs", Rounding.two(second.micros() / 1000.0));
		figures.put("problems", wrong);
		this.results.put("afterRestart", figures);
		this.markdown.heading("The first answers after a start");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"project-service (stopped, with the others, for the preload) started again on the preloaded store, "
						+ "ready after %.2f s. The portfolio manager's summary sent at once took %.0f ms (it waits "
						+ "for the rows to load, which starts when the service is ready), the next one %.0f ms. %s",
				ready, first.micros() / 1000.0, second.micros() / 1000.0,
				wrong.isEmpty() ? "Both right." : "WRONG: " + wrong));
		return right;
	}

	// ---------------------------------------------------------------- the views over
	// HTTP

	/**
	 * One request.
	 *
	 * @param name its short name
	 * @param caller who asks, as it reads
	 * @param token their access token
	 * @param query the path and query
	 * @param expected how its answer is checked
	 */
	private record Scenario(String name, String caller, String token, String query, Check expected) {
	}

	/** How an answer is checked. */
	@FunctionalInterface
	private interface Check {

		boolean right(JsonHttp.Answer answer, List<String> problems);

	}

	private boolean scenarios(List<ProjectPortfolioData.Row> today, List<ProjectPortfolioData.Row> past,
			String portfolio, String member) throws Exception {
		LocalDate pastDay = this.today.minusDays(PAST_DAYS);
		int amberPages = (int) ((today.stream().filter((r) -> "AMBER".equals(r.overall())).count() + 99) / 100);
		Comparator<ProjectPortfolioData.Row> byCode = Comparator.comparing(ProjectPortfolioData.Row::code);
		Comparator<ProjectPortfolioData.Row> byHealth = Comparator.comparingInt(ProjectPortfolioData.Row::severity)
			.thenComparing(byCode);
		Comparator<ProjectPortfolioData.Row> byCpi = Comparator
			.comparing(ProjectPortfolioData.Row::costPerformanceIndex, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(byCode);
		String pm = "PORTFOLIO_MANAGER";
		String stakeholder = "STAKEHOLDER, member of " + ProjectPortfolioData.MEMBER_PROJECTS + " (money of "
				+ ProjectPortfolioData.MEMBER_PROJECTS / 2 + ")";
		List<Scenario> scenarios = List.of(
				new Scenario("a) summary, whole portfolio", pm, portfolio, "/api/portfolio/summary",
						(answer, problems) -> checkSummary(answer, today, null, true, this.today, problems)),
				new Scenario("b) rows, worst health first, page 0 of 20", pm, portfolio,
						"/api/portfolio/projects?sort=HEALTH&page=0&size=20",
						(answer, problems) -> checkRows(answer, today, (r) -> true, byHealth, 0, 20, true, problems)),
				new Scenario("c) rows, amber by CPI, last page of 100", pm, portfolio,
						"/api/portfolio/projects?health=AMBER&sort=CPI&page=" + (amberPages - 1) + "&size=100",
						(answer, problems) -> checkRows(answer, today, (r) -> "AMBER".equals(r.overall()), byCpi,
								amberPages - 1, 100, true, problems)),
				new Scenario("d) rows, active storage upgrades by name search, page 0 of 50", pm, portfolio,
						"/api/portfolio/projects?q=storage&status=ACTIVE&page=0&size=50",
						(answer, problems) -> checkRows(answer, today,
								(r) -> r.name().startsWith("Storage") && r.status().equals("ACTIVE"), byCode, 0, 50,
								true, problems)),
				new Scenario("e) summary, member", stakeholder, member, "/api/portfolio/summary",
						(answer, problems) -> checkSummary(answer, today, ProjectPortfolioData.Row::reader, false,
								this.today, problems)),
				new Scenario("f) rows, member, page 0 of 100", stakeholder, member,
						"/api/portfolio/projects?page=0&size=100",
						(answer, problems) -> checkRows(answer, today, ProjectPortfolioData.Row::reader, byCode, 0, 100,
								false, problems)),
				new Scenario("g) summary as of " + PAST_DAYS + " days ago", pm, portfolio,
						"/api/portfolio/summary?asOf=" + pastDay,
						(answer, problems) -> checkSummary(answer, past, null, true, pastDay, problems)),
				new Scenario("h) rows as of " + PAST_DAYS + " days ago, worst health first", pm, portfolio,
						"/api/portfolio/projects?asOf=" + pastDay + "&sort=HEALTH&page=0&size=20",
						(answer, problems) -> checkRows(answer, past, (r) -> true, byHealth, 0, 20, true, problems)));
		List<Map<String, Object>> figures = new ArrayList<>();
		List<List<Object>> rows = new ArrayList<>();
		boolean right = true;
		for (Scenario scenario : scenarios) {
			System.out.println(LOG + " " + scenario.name() + ": GET " + scenario.query());
			URI url = this.target.serviceUrl(PROJECT_SERVICE).resolve(scenario.query());
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("scenario", scenario.name());
			entry.put("caller", scenario.caller());
			entry.put("request", "GET " + scenario.query());
			// The first request of a past day reads its snapshots; later ones find them
			// kept.
			JsonHttp.Answer first = this.http.get(url, scenario.token());
			List<String> firstProblems = new ArrayList<>();
			right &= scenario.expected().right(first, firstProblems);
			entry.put("firstRequestMs", Rounding.two(first.micros() / 1000.0));
			ProbeSupport.Timed timed = ProbeSupport.time(this.http, url, scenario.token(), WARM_UP, MEASURED,
					SCENARIO_LIMIT, scenario.expected()::right);
			Distribution latency = timed.latency();
			entry.putAll(timed.figures());
			figures.add(entry);
			right &= timed.wrongAnswers() == 0 && firstProblems.isEmpty();
			this.support.target("p95, " + scenario.name() + " (ms)", "< 300", latency.p95(), TARGET_MS);
			rows.add(List.of(scenario.name(), "GET " + scenario.query(), Rounding.one(first.micros() / 1000.0),
					latency.count(), Markdown.percentiles(latency),
					String.format(Locale.ROOT, "%,d", timed.answerBytes()),
					firstProblems.isEmpty() ? timed.verdict() : "WRONG first: " + firstProblems.get(0),
					ProbeSupport.verdict(latency.p95(), TARGET_MS)));
			firstProblems.forEach((problem) -> System.out.println(LOG + "   WRONG first: " + problem));
			timed.problems().stream().limit(3).forEach((problem) -> System.out.println(LOG + "   WRONG: " + problem));
		}
		this.results.put("views", figures);
		this.markdown.heading("GET /api/portfolio/summary and /api/portfolio/projects");
		this.markdown.paragraph("Over HTTP from the probe's JVM with bearer tokens of the dev issuer, one request at "
				+ "a time: one first (timed on its own), " + WARM_UP + " to warm up, then " + MEASURED
				+ " measured (at most " + SCENARIO_LIMIT.toSeconds() + " s a scenario), from sending the request to "
				+ "the last byte of the answer. Every answer checked against the preloaded rows: the summary's "
				+ "counts by health, phase, category and status, its money per currency (compared as BigDecimal), "
				+ "its top risks in order and its missed milestones; the rows' totalItems, every code of the page in "
				+ "order, and money shown exactly where the caller may see it. Latency in ms: p50 / p95 / p99 / max.");
		this.markdown.table(List.of("scenario", "request", "first (ms)", "measured", "latency (ms)", "answer bytes",
				"answers", "p95 < 300 ms"), rows);
		return right;
	}

	/**
	 * Checks a summary.
	 * @param visible which rows the caller reads, {@code null} for all
	 * @param wholePortfolio whether the caller sees all money
	 * @param day the day it answers for
	 */
	private static boolean checkSummary(JsonHttp.Answer answer, List<ProjectPortfolioData.Row> rows,
			Predicate<ProjectPortfolioData.Row> visible, boolean wholePortfolio, LocalDate day, List<String> wrong) {
		if (answer.status() != 200) {
			wrong.add("status " + answer.status() + ": "
					+ answer.body().substring(0, Math.min(300, answer.body().length())));
			return false;
		}
		List<String> problems = new ArrayList<>();
		List<ProjectPortfolioData.Row> seen = rows.stream().filter((r) -> visible == null || visible.test(r)).toList();
		JsonNode summary = JsonHttp.tree(answer);
		same(problems, "projects", summary.path("projects").asLong(), (long) seen.size());
		counts(problems, "byHealth", summary.path("byHealth"), seen,
				(r) -> Objects.requireNonNullElse(r.overall(), "NOT_ASSESSED"));
		counts(problems, "byPhase", summary.path("byPhase"), seen, ProjectPortfolioData.Row::phase);
		counts(problems, "byCategory", summary.path("byCategory"), seen, ProjectPortfolioData.Row::category);
		counts(problems, "byStatus", summary.path("byStatus"), seen, ProjectPortfolioData.Row::status);
		Map<String, BigDecimal[]> money = new TreeMap<>();
		for (ProjectPortfolioData.Row row : seen) {
			if (wholePortfolio || row.moneyReader()) {
				BigDecimal[] sums = money.computeIfAbsent(row.currency(), (key) -> new BigDecimal[] { BigDecimal.ZERO,
						BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
				sums[0] = sums[0].add(BigDecimal.ONE);
				sums[1] = sums[1].add(row.budgetAtCompletion());
				sums[2] = sums[2].add(Objects.requireNonNullElse(row.actualTotal(), BigDecimal.ZERO));
				sums[3] = sums[3].add(Objects.requireNonNullElse(row.estimateAtCompletion(), row.budgetAtCompletion()));
			}
		}
		JsonNode answered = summary.path("money");
		same(problems, "currencies in money", answered.size(), money.size());
		for (JsonNode total : answered) {
			BigDecimal[] want = money.get(total.path("currency").asString());
			if (want == null) {
				problems.add("money in " + total.path("currency").asString() + ", which the caller may not see");
				continue;
			}
			String[] fields = { "projects", "budgetAtCompletion", "actualTotal", "estimateAtCompletion" };
			for (int i = 0; i < fields.length; i++) {
				BigDecimal value = total.path(fields[i]).decimalValue();
				if (value.compareTo(want[i]) != 0) {
					problems.add(total.path("currency").asString() + " " + fields[i] + " " + value + ", expected "
							+ want[i].toPlainString());
				}
			}
		}
		List<String> topRisks = seen.stream()
			.filter((r) -> r.topRiskScore() > 0)
			.sorted(Comparator.comparingInt(ProjectPortfolioData.Row::topRiskScore)
				.reversed()
				.thenComparing(ProjectPortfolioData.Row::code))
			.limit(TOP_RISKS)
			.map(ProjectPortfolioData.Row::code)
			.toList();
		List<String> answeredRisks = new ArrayList<>();
		summary.path("topRisks").forEach((risk) -> answeredRisks.add(risk.path("code").asString()));
		same(problems, "topRisks", answeredRisks, topRisks);
		LocalDate from = day.minusDays(30);
		record Missed(String code, LocalDate dueDate) {
		}
		List<Missed> missed = seen.stream()
			.flatMap((r) -> r.missed()
				.stream()
				.filter((m) -> !m.dueDate().isBefore(from))
				.map((m) -> new Missed(r.code(), m.dueDate())))
			.sorted(Comparator.comparing(Missed::dueDate).thenComparing(Missed::code))
			.toList();
		same(problems, "missedCount", summary.path("missedCount").asLong(), (long) missed.size());
		List<Missed> answeredMissed = new ArrayList<>();
		summary.path("missed")
			.forEach((m) -> answeredMissed.add(new Missed(m.path("code").asString(),
					LocalDate.parse(m.path("milestone").path("dueDate").asString()))));
		same(problems, "missed", answeredMissed, missed.stream().limit(MISSED_LISTED).toList());
		wrong.addAll(problems);
		return problems.isEmpty();
	}

	/** Checks a page of rows: its total, every code in order, and where money shows. */
	private static boolean checkRows(JsonHttp.Answer answer, List<ProjectPortfolioData.Row> rows,
			Predicate<ProjectPortfolioData.Row> filter, Comparator<ProjectPortfolioData.Row> order, int page, int size,
			boolean wholePortfolio, List<String> wrong) {
		if (answer.status() != 200) {
			wrong.add("status " + answer.status() + ": "
					+ answer.body().substring(0, Math.min(300, answer.body().length())));
			return false;
		}
		List<String> problems = new ArrayList<>();
		List<ProjectPortfolioData.Row> matching = rows.stream().filter(filter).sorted(order).toList();
		JsonNode body = JsonHttp.tree(answer);
		same(problems, "totalItems", body.path("totalItems").asLong(), (long) matching.size());
		List<ProjectPortfolioData.Row> want = matching.stream().skip((long) page * size).limit(size).toList();
		List<String> codes = new ArrayList<>();
		List<String> money = new ArrayList<>();
		for (JsonNode item : body.path("items")) {
			codes.add(item.path("code").asString());
			if (item.path("currency").isString()) {
				money.add(item.path("code").asString());
			}
		}
		same(problems, "codes", codes, want.stream().map(ProjectPortfolioData.Row::code).toList());
		same(problems, "money shown for", money,
				want.stream()
					.filter((r) -> wholePortfolio || r.moneyReader())
					.map(ProjectPortfolioData.Row::code)
					.toList());
		wrong.addAll(problems);
		return problems.isEmpty();
	}

	private static void counts(List<String> problems, String field, JsonNode answered,
			List<ProjectPortfolioData.Row> rows, java.util.function.Function<ProjectPortfolioData.Row, String> key) {
		Map<String, Long> want = new TreeMap<>();
		rows.forEach((row) -> want.merge(key.apply(row), 1L, Long::sum));
		Map<String, Long> got = new TreeMap<>();
		answered.properties().forEach((entry) -> got.put(entry.getKey(), entry.getValue().asLong()));
		same(problems, field, got, want);
	}

	private static void same(List<String> problems, String what, Object answered, Object expected) {
		if (!Objects.equals(answered, expected)) {
			String text = String.valueOf(answered);
			problems.add(what + " " + text.substring(0, Math.min(200, text.length())) + ", expected "
					+ String.valueOf(expected).substring(0, Math.min(200, String.valueOf(expected).length())));
		}
	}

}
