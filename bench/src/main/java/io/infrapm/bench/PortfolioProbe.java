package io.infrapm.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./infrapm bench --portfolio}: whether {@code GET /api/portfolio/budget-summary}
 * answers in under 500 ms with 10,000 projects and 1,000,000 cost entries in
 * budget-service's database, and answers right.
 * <p>
 * It starts the broker, the store on disk, the mailbox, the issuer, project-service and
 * budget-service, each service in its own JVM from its built jar, as {@code ./infrapm up}
 * runs them (on free ports in a temporary home, see {@link EmbeddedTarget}). Through the
 * API it makes one project with a line, an actual cost, a commitment and a progress
 * report, reads the documents budget-service wrote for it and fails if the documents it
 * is about to preload ({@link PortfolioData}) have another shape. It then stops both
 * services, preloads budget-service's database through the MongoDB driver, in batches,
 * starts budget-service again, times the store's part of the query alone, and times the
 * summary over HTTP for four callers, each 20 requests to warm up and 100 measured, one
 * at a time, checking every answer against the preloaded figures. It writes
 * {@code bench/results/portfolio-latest.json} and {@code .md} (and a copy named by date
 * and commit) and exits with 1 if a shape or an answer was wrong.
 */
final class PortfolioProbe {

	/** The portfolio manager whose token reads the whole portfolio. */
	static final String PORTFOLIO_MANAGER = "portfolio.manager@example.com";

	private static final String BUDGET_SERVICE = "budget-service";

	private static final String PROJECT_SERVICE = "project-service";

	private static final List<String> SERVICES = List.of(PROJECT_SERVICE, BUDGET_SERVICE);

	/** The fields of a budget that are maps, whose keys are data. */
	private static final Set<String> BUDGET_MAPS = Set.of("byCategory", "byType", "actualByDay", "progress",
			"appliedSequences", "openCommitments");

	private static final Set<String> MEMBERSHIP_MAPS = Set.of("stakeholders", "appliedSequences");

	/** The fields the summary reads of a budget ({@code BudgetRow.FIELDS}). */
	private static final List<String> ROW_FIELDS = List.of("projectCode", "projectName", "currency",
			"budgetAtCompletion", "actual", "committed", "measurement", "frozen");

	private static final int COST_BATCH = 1000;

	private static final int BUDGET_BATCH = 500;

	private static final int MEMBERSHIP_BATCH = 1000;

	private static final int WARM_UP = 20;

	private static final int MEASURED = 100;

	/**
	 * A scenario stops early after this long, so that a slow answer keeps the run
	 * bounded.
	 */
	private static final Duration SCENARIO_LIMIT = Duration.ofSeconds(75);

	private static final double TARGET_MS = 500;

	private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(60);

	/** The longest wait for budget-service to make the rows of the preloaded budgets. */
	private static final Duration ROWS_LIMIT = Duration.ofMinutes(5);

	private final BenchOptions options;

	private final Path repositoryRoot;

	private final Map<String, Object> results = new LinkedHashMap<>();

	private final Markdown markdown = new Markdown();

	private final ProbeSupport support = new ProbeSupport();

	private final JsonHttp http = new JsonHttp();

	private EmbeddedTarget target;

	private MongoDatabase database;

	/** What budget-service wrote for the sample project, read raw. */
	private BsonDocument sampleBudget;

	private List<BsonDocument> sampleCosts;

	private BsonDocument sampleMembership;

	private UUID sampleId;

	private PortfolioProbe(BenchOptions options, Path repositoryRoot) {
		this.options = options;
		this.repositoryRoot = repositoryRoot;
	}

	/**
	 * Runs the probe.
	 * @param options the options; {@link BenchOptions#portfolioProjects()} and
	 * {@link BenchOptions#portfolioCosts()} count
	 * @param repositoryRoot the repository, whose built jars run
	 * @return 0, or 1 if a document's shape or an answer was wrong
	 * @throws Exception if the platform cannot run
	 */
	static int run(BenchOptions options, Path repositoryRoot) throws Exception {
		return new PortfolioProbe(options, repositoryRoot).run();
	}

	private int run() throws Exception {
		long started = System.nanoTime();
		this.results.put("machine", Bench.machine(this.repositoryRoot, this.markdown, "InfraPM portfolio probe"));
		boolean right;
		System.out.println("[portfolio] starting the broker, the store on disk, the issuer, project-service and "
				+ "budget-service");
		this.target = EmbeddedTarget.start(this.repositoryRoot, SERVICES);
		try (EmbeddedTarget running = this.target;
				MongoClient mongo = Effects.client(running.mongoUri(PlatformSettings.databaseOf(BUDGET_SERVICE)))) {
			this.database = mongo.getDatabase(PlatformSettings.databaseOf(BUDGET_SERVICE));
			this.results.put("target", "the store on disk, the broker, the mailbox and the issuer in the probe's JVM, "
					+ String.join(" and ", SERVICES) + " each in its own JVM from its jar, as ./infrapm up runs "
					+ "them, on free ports in a temporary home");
			Platform platform = running.platform();
			String manager = platform.accessToken(Bench.MANAGER, "PROJECT_MANAGER");
			PortfolioData.Template template = sample(manager);
			PortfolioData data = new PortfolioData(this.options.portfolioProjects(), this.options.portfolioCosts(),
					template);
			boolean shapes = shapes(data);
			right = shapes;
			if (shapes) {
				// Neither service is needed while the store fills, and budget-service's
				// sweeps scan the growing budgets meanwhile; it starts again afterwards,
				// so
				// nothing of the preload is cached in it.
				platform.stop(BUDGET_SERVICE);
				platform.stop(PROJECT_SERVICE);
				List<PortfolioData.Project> projects = preload(data);
				restart(platform, projects.size());
				storeAlone(projects);
				String portfolio = platform.accessToken(PORTFOLIO_MANAGER, "PORTFOLIO_MANAGER");
				String member = platform.accessToken(PortfolioData.MEMBER, "STAKEHOLDER");
				right = scenarios(projects, portfolio, member);
				ProbeSupport.residentMemory(platform, BUDGET_SERVICE, "budgetServiceResidentMbAfterRun", this.results,
						this.markdown);
			}
			else {
				ProbeSupport.shapesDiffer(this.markdown, BUDGET_SERVICE);
			}
		}
		return this.support.finish(this.options.out(), "portfolio-", right, started, this.results, this.markdown);
	}

	// ---------------------------------------------------------------- the sample

	/**
	 * Makes budget-service write one of each document through the API: a project (through
	 * project-service, whose event establishes the budget and the membership), a line, an
	 * actual cost that crosses the 50 % threshold, a commitment and a progress report
	 * (which gives the budget its measurement), and waits until the ledger took the costs
	 * and the outbox is empty.
	 */
	private PortfolioData.Template sample(String manager) throws Exception {
		System.out.println("[portfolio] a sample project through the API, to read what budget-service writes");
		URI projects = this.target.serviceUrl(PROJECT_SERVICE).resolve("/api/projects");
		String code = "PFSAMPLE-" + UUID.randomUUID().toString().substring(0, 6);
		UUID projectId = this.http
			.create(projects, manager,
					"""
							{"code":"%s","name":"Portfolio sample","category":"DATA_CENTRE_MIGRATION",
							"manager":{"name":"Pat Manager","email":"%s"},
							"sponsor":{"name":"Sam Sponsor","email":"sponsor.sample@example.com"},
							"plannedStart":"2026-01-05","plannedFinish":"2026-11-27","budget":{"amount":100000,"currency":"EUR"},
							"stakeholders":[{"name":"Fin Member","email":"%s","role":"FINANCE"}]}"""
						.formatted(code, Bench.MANAGER, PortfolioData.MEMBER))
			.createdId();
		MongoCollection<BsonDocument> budgets = this.database.getCollection("budgets", BsonDocument.class);
		MongoCollection<BsonDocument> costs = this.database.getCollection("costs", BsonDocument.class);
		MongoCollection<BsonDocument> memberships = this.database.getCollection("project_memberships",
				BsonDocument.class);
		Bson byId = Filters.eq("_id", projectId);
		ProbeSupport.await(() -> budgets.countDocuments(byId) == 1 && memberships.countDocuments(byId) == 1,
				"budget-service to establish the sample's budget", SAMPLE_TIMEOUT);
		URI budget = this.target.serviceUrl(BUDGET_SERVICE).resolve("/api/projects/" + projectId + "/");
		UUID lineId = this.http.create(budget.resolve("budget/lines"), manager, """
				{"name":"Labour","category":"LABOUR","expenditureType":"OPEX","plannedAmount":60000}""").createdId();
		this.http.create(budget.resolve("costs"), manager, """
				{"kind":"ACTUAL","amount":55000,"currency":"EUR","lineId":"%s","incurredOn":"2026-03-15",
				"vendor":"Sample Vendor Ltd","reference":"INV-1","description":"Sample invoice"}""".formatted(lineId));
		this.http.create(budget.resolve("costs"), manager, """
				{"kind":"COMMITMENT","amount":5000,"currency":"EUR","lineId":"%s","incurredOn":"2026-03-20",
				"vendor":"Sample Vendor Ltd","reference":"PO-1","description":"Sample order"}""".formatted(lineId));
		this.http.create(projects.resolve("/api/projects/" + projectId + "/progress"), manager, """
				{"asOf":"2026-06-30","percentComplete":40}""");
		ProbeSupport.await(() -> {
			BsonDocument written = budgets.find(byId).first();
			return written != null && written.containsKey("measurement")
					&& written.getArray("newCosts", new BsonArray()).isEmpty()
					&& written.getArray("outbox", new BsonArray()).isEmpty()
					&& costs.countDocuments(Filters.eq("projectId", projectId)) == 2;
		}, "budget-service to measure the sample, move its costs to the ledger and publish its events", SAMPLE_TIMEOUT);
		this.sampleBudget = budgets.find(byId).first();
		this.sampleCosts = costs.find(Filters.eq("projectId", projectId)).into(new ArrayList<>());
		this.sampleMembership = memberships.find(byId).first();
		this.sampleId = projectId;
		Document budgetValues = this.database.getCollection("budgets").find(byId).first();
		Document costValues = this.database.getCollection("costs").find(Filters.eq("projectId", projectId)).first();
		Document membershipValues = this.database.getCollection("project_memberships").find(byId).first();
		Document serviceActor = budgetValues.getList("baselines", Document.class).get(0).get("by", Document.class);
		Document progressPoint = (Document) budgetValues.get("progress", Document.class).values().iterator().next();
		return new PortfolioData.Template(budgetValues.getString("_class"), costValues.getString("_class"),
				membershipValues.getString("_class"), progressPoint.getString("_class"), serviceActor,
				costValues.get("recordedBy", Document.class));
	}

	/**
	 * Compares the shape of the sample's documents with that of the generated ones, and
	 * checks that a LocalDate is stored as the instant of its UTC midnight; then removes
	 * the sample, so that the portfolio holds exactly the preloaded projects.
	 * @return whether all is as budget-service writes it
	 */
	private boolean shapes(PortfolioData data) {
		List<BsonDocument> budgets = new ArrayList<>();
		List<BsonDocument> costs = new ArrayList<>();
		List<BsonDocument> memberships = new ArrayList<>();
		for (int i = 0; i < Math.min(50, data.projects()); i++) {
			PortfolioData.Generated generated = data.generate(i);
			budgets.add(ProbeSupport.bson(generated.budget()));
			generated.costs().stream().limit(20).map(ProbeSupport::bson).forEach(costs::add);
			memberships.add(ProbeSupport.bson(generated.membership()));
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		List<String> all = new ArrayList<>();
		all.addAll(ProbeSupport.compare("budgets", List.of(this.sampleBudget), budgets, BUDGET_MAPS, figures));
		all.addAll(ProbeSupport.compare("costs", this.sampleCosts, costs, Set.of(), figures));
		all.addAll(ProbeSupport.compare("project_memberships", List.of(this.sampleMembership), memberships,
				MEMBERSHIP_MAPS, figures));
		long storedMillis = this.sampleCosts.stream()
			.filter((cost) -> cost.getString("reference").getValue().equals("INV-1"))
			.findFirst()
			.orElseThrow()
			.getDateTime("incurredOn")
			.getValue();
		long utcMidnight = PortfolioData.date(LocalDate.of(2026, 3, 15)).getTime();
		boolean localDateAtUtcMidnight = storedMillis == utcMidnight;
		String localDate = Instant.ofEpochMilli(storedMillis).toString();
		figures.put("incurredOn2026-03-15StoredAs", localDate);
		figures.put("localDateAtUtcMidnight", localDateAtUtcMidnight);
		if (!localDateAtUtcMidnight) {
			all.add("a LocalDate (2026-03-15) is stored as " + localDate + ", not at UTC midnight");
		}
		figures.put("same", all.isEmpty());
		figures.put("differences", all);
		this.results.put("shapes", figures);
		this.markdown.heading("Preloaded documents against budget-service's own");
		this.markdown.paragraph("One project made through the API (a line, an actual cost, a commitment, a progress "
				+ "report), its documents read raw with the driver and compared, path by path with each BSON type, "
				+ "with those of the first 50 generated projects: "
				+ (all.isEmpty() ? "the same shape" : "DIFFERENT: " + String.join("; ", all))
				+ ". The cost's incurredOn 2026-03-15 is stored as " + localDate + ".");
		Bson byId = Filters.eq("_id", this.sampleId);
		this.database.getCollection("budgets").deleteOne(byId);
		this.database.getCollection("costs").deleteMany(Filters.eq("projectId", this.sampleId));
		this.database.getCollection("project_memberships").deleteOne(byId);
		all.forEach((difference) -> System.out.println("[portfolio] shape: " + difference));
		return all.isEmpty();
	}

	// ---------------------------------------------------------------- preload

	private List<PortfolioData.Project> preload(PortfolioData data) throws Exception {
		int total = data.projects();
		System.out.printf(Locale.ROOT, "[portfolio] preloading %,d projects and %,d cost entries%n", total,
				this.options.portfolioCosts());
		MongoCollection<Document> budgets = this.database.getCollection("budgets");
		MongoCollection<Document> costs = this.database.getCollection("costs");
		MongoCollection<Document> memberships = this.database.getCollection("project_memberships");
		List<Document> budgetBatch = new ArrayList<>();
		List<Document> costBatch = new ArrayList<>();
		List<Document> membershipBatch = new ArrayList<>();
		List<PortfolioData.Project> projects = new ArrayList<>(total);
		long started = System.nanoTime();
		long[] insertNanos = new long[1];
		long costCount = 0;
		for (int i = 0; i < total; i++) {
			PortfolioData.Generated generated = data.generate(i);
			projects.add(generated.project());
			for (Document cost : generated.costs()) {
				costBatch.add(cost);
				costCount++;
				if (costBatch.size() == COST_BATCH) {
					ProbeSupport.insert(costs, costBatch, insertNanos);
				}
			}
			budgetBatch.add(generated.budget());
			if (budgetBatch.size() == BUDGET_BATCH) {
				ProbeSupport.insert(budgets, budgetBatch, insertNanos);
			}
			membershipBatch.add(generated.membership());
			if (membershipBatch.size() == MEMBERSHIP_BATCH) {
				ProbeSupport.insert(memberships, membershipBatch, insertNanos);
			}
			if ((i + 1) % Math.max(1, total / 10) == 0) {
				System.out.printf(Locale.ROOT, "[portfolio]   %,d projects, %,d costs after %.1f s%n", i + 1, costCount,
						(System.nanoTime() - started) / 1e9);
			}
		}
		ProbeSupport.insert(costs, costBatch, insertNanos);
		ProbeSupport.insert(budgets, budgetBatch, insertNanos);
		ProbeSupport.insert(memberships, membershipBatch, insertNanos);
		double seconds = (System.nanoTime() - started) / 1e9;
		long storeBytes = ProbeSupport.storeBytes(this.target);
		System.out.println("[portfolio] preloaded; waiting until the store's housekeeping is done");
		long settling = System.nanoTime();
		long settledBytes = ProbeSupport.awaitQuietStore(this.target, "[portfolio]");
		double settleSeconds = (System.nanoTime() - settling) / 1e9;
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("budgets", budgets.estimatedDocumentCount());
		counts.put("costs", costs.estimatedDocumentCount());
		counts.put("project_memberships", memberships.estimatedDocumentCount());
		Map<String, Long> currencies = new TreeMap<>();
		projects.forEach((project) -> currencies.merge(project.currency(), 1L, Long::sum));
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("projects", total);
		figures.put("costs", costCount);
		figures.put("projectsByCurrency", currencies);
		figures.put("measuredProjects", projects.stream().filter((p) -> p.estimateAtCompletion() != null).count());
		figures.put("memberFinanceProjects", projects.stream().filter(PortfolioData.Project::member).count());
		figures.put("documentsInStore", counts);
		figures.put("seconds", Rounding.one(seconds));
		figures.put("insertSeconds", Rounding.one(insertNanos[0] / 1e9));
		figures.put("costsPerSecond", Math.round(costCount / seconds));
		figures.put("storeMbRightAfter", Rounding.one(storeBytes / 1024.0 / 1024.0));
		figures.put("storeMbSettled", Rounding.one(settledBytes / 1024.0 / 1024.0));
		figures.put("storeSettledAfterSeconds", Rounding.one(settleSeconds));
		this.results.put("preload", figures);
		this.markdown.heading("Preload");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"Through the MongoDB driver into budget-service's database (%s), insertMany in batches of %,d costs, "
						+ "%d budgets, %,d memberships: %,d projects (%s), %,d of them measured, %,d cost entries, "
						+ "the member a FINANCE stakeholder of %d. Took %.1f s (%.1f s of it in the inserts, %,d costs/s). "
						+ "Store on disk: %.1f MB right after, %.1f MB once its housekeeping was done, %.0f s later. "
						+ "Documents in the store: %s.",
				PlatformSettings.databaseOf(BUDGET_SERVICE), COST_BATCH, BUDGET_BATCH, MEMBERSHIP_BATCH, total,
				currencies, figures.get("measuredProjects"), costCount, figures.get("memberFinanceProjects"), seconds,
				insertNanos[0] / 1e9, Math.round(costCount / seconds), storeBytes / 1024.0 / 1024.0,
				settledBytes / 1024.0 / 1024.0, settleSeconds, counts));
		return projects;
	}

	/**
	 * Starts budget-service on the preloaded store and waits until it has made a row of
	 * every preloaded budget and counted the totals over them: the preload writes budgets
	 * only, as a store from before rows existed would hold them, and the service's
	 * comparison of rows with budgets, its first run seconds after the start, fills
	 * {@code budget_rows} from them.
	 */
	private void restart(Platform platform, int projects) {
		System.out.println("[portfolio] starting budget-service again, on the preloaded store");
		platform.start(BUDGET_SERVICE);
		double seconds = Rounding.two(platform.startupTime(BUDGET_SERVICE).toMillis() / 1000.0);
		this.results.put("budgetServiceReadyAfterRestartSeconds", seconds);
		long started = System.nanoTime();
		MongoCollection<Document> rows = this.database.getCollection("budget_rows");
		MongoCollection<Document> totals = this.database.getCollection("budget_totals");
		try {
			ProbeSupport.await(
					() -> rows.countDocuments() == projects && totals.find()
						.into(new ArrayList<>())
						.stream()
						.mapToLong((total) -> ((Number) total.get("projects")).longValue())
						.sum() == projects,
					"budget-service to make a portfolio row of every budget and count them", ROWS_LIMIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		double rowsSeconds = Rounding.one((System.nanoTime() - started) / 1e9);
		this.results.put("rowsMadeAfterReadySeconds", rowsSeconds);
		this.markdown.paragraph("budget-service (stopped, with project-service, for the preload) started again on "
				+ "the preloaded store, ready after " + seconds + " s; its rows of the " + projects
				+ " budgets, and their totals, were there " + rowsSeconds + " s later.");
		try {
			ProbeSupport.awaitQuietStore(this.target, "[portfolio]");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// ---------------------------------------------------------------- the store alone

	/**
	 * The store's part of each answer, timed from the probe's JVM with the driver: what
	 * the summary asks of the store, without budget-service.
	 */
	private void storeAlone(List<PortfolioData.Project> projects) {
		System.out.println("[portfolio] the store's part alone, through the driver");
		MongoCollection<Document> budgets = this.database.getCollection("budgets");
		MongoCollection<Document> budgetRows = this.database.getCollection("budget_rows");
		MongoCollection<Document> totals = this.database.getCollection("budget_totals");
		MongoCollection<Document> memberships = this.database.getCollection("project_memberships");
		Bson rowFields = Projections.include(ROW_FIELDS);
		Bson byCode = Sorts.ascending("projectCode", "_id");
		int lastPage = (projects.size() + 99) / 100 - 1;
		List<UUID> memberIds = projects.stream()
			.filter(PortfolioData.Project::member)
			.map(PortfolioData.Project::id)
			.toList();
		Map<String, Object> figures = new LinkedHashMap<>();
		List<List<Object>> rows = new ArrayList<>();
		record Query(String name, String what, Runnable run) {
		}
		List<Query> queries = List.of(new Query("rowsFirstPage", "the first 20 rows by code (budget_rows)",
				() -> budgetRows.find().sort(byCode).limit(20).forEach((document) -> {
				})), new Query("rowsLastPage", "the last page of 100 rows by code",
						() -> budgetRows.find().sort(byCode).skip(lastPage * 100).limit(100).forEach((document) -> {
						})),
				new Query("rowsCount", "how many rows there are", () -> budgetRows.countDocuments()),
				new Query("usdRowsFirstPage", "the first 20 USD rows by code",
						() -> budgetRows.find(Filters.eq("currency", "USD"))
							.sort(byCode)
							.limit(20)
							.forEach((document) -> {
							})),
				new Query("usdRowsCount", "how many USD rows there are",
						() -> budgetRows.countDocuments(Filters.eq("currency", "USD"))),
				new Query("keptTotals", "the totals kept per currency (budget_totals)",
						() -> totals.find().forEach((document) -> {
						})),
				new Query("memberMemberships", "the memberships naming the member (addresses)",
						() -> memberships.find(Filters.eq("addresses", PortfolioData.MEMBER)).forEach((document) -> {
						})),
				new Query("memberRows", "the member's 25 rows by _id $in",
						() -> budgetRows.find(Filters.in("_id", memberIds)).forEach((document) -> {
						})),
				new Query("allBudgetRows",
						"for comparison: every budget, the rows' fields (what the summary read "
								+ "before rows were kept)",
						() -> budgets.find().projection(rowFields).forEach((document) -> {
						})));
		int failed = 0;
		for (Query query : queries) {
			List<Long> times = new ArrayList<>();
			for (int i = 0; i < 6 && failed < 20; i++) {
				long started = System.nanoTime();
				try {
					query.run().run();
				}
				catch (MongoException ex) {
					// The store's housekeeping can free a chunk a long read still needs.
					failed++;
					System.out.println("[portfolio]   " + query.name() + " failed: " + ex.getMessage());
					i--;
					continue;
				}
				if (i > 0) {
					times.add((System.nanoTime() - started) / 1000);
				}
			}
			long[] micros = times.stream().mapToLong(Long::longValue).toArray();
			Distribution distribution = Distribution.ofMicros(micros);
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("what", query.what());
			entry.putAll(distribution.figures());
			figures.put(query.name(), entry);
			rows.add(List.of(query.what(), distribution.p50(), distribution.max()));
		}
		figures.put("failedReads", failed);
		this.results.put("storeAlone", figures);
		this.markdown.heading("The store's part alone");
		this.markdown.paragraph("Each query once to warm up, then 5 times, from the probe's JVM through the driver "
				+ "(decoding each document into a driver Document), on the same store, budget-service idle. Reads "
				+ "that failed and were repeated: " + failed + ".");
		this.markdown.table(List.of("query", "p50 (ms)", "max (ms)"), rows);
	}

	// ---------------------------------------------------------------- the summary over
	// HTTP

	/**
	 * One caller's request.
	 *
	 * @param name its short name
	 * @param caller who asks
	 * @param token their access token
	 * @param currency the currency asked for, or {@code null}
	 * @param page the page
	 * @param size its size
	 * @param memberOnly whether the caller sees only the member's projects
	 */
	private record Scenario(String name, String caller, String token, String currency, int page, int size,
			boolean memberOnly) {

		String query() {
			return "/api/portfolio/budget-summary?" + ((this.currency != null) ? "currency=" + this.currency + "&" : "")
					+ "page=" + this.page + "&size=" + this.size;
		}

	}

	private boolean scenarios(List<PortfolioData.Project> projects, String portfolio, String member) throws Exception {
		int lastPage = (projects.size() + 99) / 100 - 1;
		List<Scenario> scenarios = List.of(
				new Scenario("a) portfolio, first page", "PORTFOLIO_MANAGER", portfolio, null, 0, 20, false),
				new Scenario("b) portfolio, last page of 100", "PORTFOLIO_MANAGER", portfolio, null, lastPage, 100,
						false),
				new Scenario("c) portfolio, USD only", "PORTFOLIO_MANAGER", portfolio, "USD", 0, 20, false),
				new Scenario("d) FINANCE member of 25", "STAKEHOLDER, FINANCE on 25 projects", member, null, 0, 20,
						true));
		List<Map<String, Object>> figures = new ArrayList<>();
		List<List<Object>> rows = new ArrayList<>();
		boolean right = true;
		for (Scenario scenario : scenarios) {
			System.out.println("[portfolio] " + scenario.name() + ": GET " + scenario.query());
			URI url = this.target.serviceUrl(BUDGET_SERVICE).resolve(scenario.query());
			ProbeSupport.Timed timed = ProbeSupport.time(this.http, url, scenario.token(), WARM_UP, MEASURED,
					SCENARIO_LIMIT, (answer, wrong) -> check(answer, scenario, projects, wrong));
			Distribution latency = timed.latency();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("scenario", scenario.name());
			entry.put("caller", scenario.caller());
			entry.put("request", "GET " + scenario.query());
			entry.put("expectedTotalItems", expected(scenario, projects).size());
			entry.putAll(timed.figures());
			figures.add(entry);
			right &= timed.wrongAnswers() == 0;
			this.support.target("summary p95, " + scenario.name() + " (ms)", "< 500", latency.p95(), TARGET_MS);
			rows.add(List.of(scenario.name(), "GET " + scenario.query(), latency.count(), Markdown.percentiles(latency),
					String.format(Locale.ROOT, "%,d", timed.answerBytes()), expected(scenario, projects).size(),
					timed.verdict(), ProbeSupport.verdict(latency.p95(), TARGET_MS)));
			timed.problems()
				.stream()
				.limit(3)
				.forEach((problem) -> System.out.println("[portfolio]   WRONG: " + problem));
		}
		this.results.put("summary", figures);
		this.markdown.heading("GET /api/portfolio/budget-summary");
		this.markdown.paragraph("Over HTTP from the probe's JVM with bearer tokens of the dev issuer, one request at "
				+ "a time: " + WARM_UP + " to warm up, then " + MEASURED + " measured (at most "
				+ SCENARIO_LIMIT.toSeconds() + " s a scenario), from sending the request to the last byte of the "
				+ "answer. Every answer checked: totalItems, the page's rows and first code, and the totals per "
				+ "currency (projects, BAC, actual, committed, EAC, measured projects) equal to what was preloaded, "
				+ "compared as BigDecimal. Latency in ms: p50 / p95 / p99 / max.");
		this.markdown.table(List.of("scenario", "request", "measured", "latency (ms)", "answer bytes", "totalItems",
				"answers", "p95 < 500 ms"), rows);
		return right;
	}

	/** The projects a scenario's caller sees, by code. */
	private static List<PortfolioData.Project> expected(Scenario scenario, List<PortfolioData.Project> projects) {
		return projects.stream()
			.filter((project) -> !scenario.memberOnly() || project.member())
			.filter((project) -> scenario.currency() == null || project.currency().equals(scenario.currency()))
			.sorted(Comparator.comparing(PortfolioData.Project::code))
			.toList();
	}

	/**
	 * Checks one answer against the preloaded figures.
	 * @return whether it is right; if not, what is wrong is added to {@code wrong}
	 */
	private static boolean check(JsonHttp.Answer answer, Scenario scenario, List<PortfolioData.Project> projects,
			List<String> wrong) {
		List<String> problems = new ArrayList<>();
		if (answer.status() != 200) {
			wrong.add("status " + answer.status() + ": "
					+ answer.body().substring(0, Math.min(300, answer.body().length())));
			return false;
		}
		List<PortfolioData.Project> visible = expected(scenario, projects);
		JsonNode summary = JsonHttp.tree(answer);
		if (summary.path("totalItems").asLong() != visible.size()) {
			problems.add("totalItems " + summary.path("totalItems").asLong() + ", expected " + visible.size());
		}
		int from = scenario.page() * scenario.size();
		int rows = Math.max(0, Math.min(scenario.size(), visible.size() - from));
		JsonNode items = summary.path("items");
		if (items.size() != rows) {
			problems.add(items.size() + " rows, expected " + rows);
		}
		else if (rows > 0 && !items.get(0).path("projectCode").asString().equals(visible.get(from).code())) {
			problems.add("first row " + items.get(0).path("projectCode").asString() + ", expected "
					+ visible.get(from).code());
		}
		Map<String, Totals> totals = new TreeMap<>();
		visible.forEach((project) -> totals.computeIfAbsent(project.currency(), (key) -> new Totals()).add(project));
		JsonNode answered = summary.path("totals");
		if (answered.size() != totals.size()) {
			problems.add(answered.size() + " currencies in the totals, expected " + totals.keySet());
		}
		for (JsonNode total : answered) {
			Totals want = totals.get(total.path("currency").asString());
			if (want == null) {
				problems.add("a total in " + total.path("currency").asString() + ", which no visible budget has");
				continue;
			}
			want.compare(total, problems);
		}
		wrong.addAll(problems);
		return problems.isEmpty();
	}

	/** What the totals of one currency must be. */
	private static final class Totals {

		private long projects;

		private BigDecimal budgetAtCompletion = BigDecimal.ZERO;

		private BigDecimal actual = BigDecimal.ZERO;

		private BigDecimal committed = BigDecimal.ZERO;

		private BigDecimal estimateAtCompletion = BigDecimal.ZERO;

		private long projectsWithEstimate;

		void add(PortfolioData.Project project) {
			this.projects++;
			this.budgetAtCompletion = this.budgetAtCompletion.add(project.budgetAtCompletion());
			this.actual = this.actual.add(project.actual());
			this.committed = this.committed.add(project.committed());
			BigDecimal eac = project.estimateAtCompletion();
			this.estimateAtCompletion = this.estimateAtCompletion
				.add((eac != null) ? eac : project.budgetAtCompletion());
			this.projectsWithEstimate += (eac != null) ? 1 : 0;
		}

		void compare(JsonNode total, List<String> problems) {
			String currency = total.path("currency").asString();
			if (total.path("projects").asLong() != this.projects) {
				problems.add(currency + " projects " + total.path("projects").asLong() + ", expected " + this.projects);
			}
			if (total.path("projectsWithEstimate").asLong() != this.projectsWithEstimate) {
				problems.add(currency + " projectsWithEstimate " + total.path("projectsWithEstimate").asLong()
						+ ", expected " + this.projectsWithEstimate);
			}
			money(currency, "budgetAtCompletion", total, this.budgetAtCompletion, problems);
			money(currency, "actual", total, this.actual, problems);
			money(currency, "committed", total, this.committed, problems);
			money(currency, "estimateAtCompletion", total, this.estimateAtCompletion, problems);
		}

		private static void money(String currency, String field, JsonNode total, BigDecimal expected,
				List<String> problems) {
			JsonNode value = total.path(field);
			BigDecimal answered = value.isNumber() ? value.decimalValue()
					: value.isString() ? new BigDecimal(value.asString()) : null;
			if (answered == null || answered.compareTo(expected) != 0) {
				problems.add(currency + " " + field + " " + answered + ", expected " + expected.toPlainString());
			}
		}

	}

}
