package io.infrapm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.infrapm.embedded.FiguresJson;
import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;
import io.infrapm.issuer.DevIssuer;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * {@code ./infrapm bench}: measures the platform against the floor of its own parts, on
 * the same machine, in the same run, and writes {@code bench/results/latest.json} and
 * {@code latest.md} (see {@link BenchOptions#USAGE} for the parts). It exits with 1 if a
 * command's effect was lost or applied twice, 2 for bad options, 0 otherwise; missed
 * speed targets are reported in the results, not as a failure. With {@code --portfolio}
 * it runs {@link PortfolioProbe} instead, with {@code --project-portfolio}
 * {@link ProjectPortfolioProbe}.
 */
public final class Bench {

	/** The project manager whose token sends the benchmark's commands. */
	static final String MANAGER = "pat@example.com";

	private static final int[] THREAD_COUNTS = { 1, 2, 4, 8 };

	/**
	 * Effects of a step or burst must arrive within this time after its end, or it counts
	 * as lost.
	 */
	private static final Duration SETTLE = Duration.ofSeconds(60);

	/**
	 * A rate is stable while its effects are all visible this soon after the step's end.
	 */
	private static final long STABLE_DRAIN_MILLIS = 5000;

	/** Latency has bent when a rate's p99 exceeds this multiple of the light-load p99. */
	private static final double BEND_FACTOR = 3;

	private static final double RATE_FACTOR = 1.5;

	/** Longer than the embedded store's housekeeping goes on after the last write. */
	private static final Duration STORE_SETTLE = Duration.ofSeconds(8);

	private static final double MAX_RATE = 3000;

	private final BenchOptions options;

	private final Path repositoryRoot;

	private final String runId = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);

	private final AtomicLong sequence = new AtomicLong();

	private final Map<String, Object> results = new LinkedHashMap<>();

	private final Markdown markdown = new Markdown();

	private final List<Map<String, Object>> targets = new ArrayList<>();

	private final List<ProjectCommands.Outcome> created = new ArrayList<>();

	private final List<ProjectCommands.Outcome> refused = new ArrayList<>();

	private Target target;

	private Effects effects;

	private ProjectCommands commands;

	private Distribution kafkaFloor;

	private Distribution hopFloor;

	private ThreadSteps.Step storeFloorBest;

	private double lightLoadP99;

	private Bench(BenchOptions options, Path repositoryRoot) {
		this.options = options;
		this.repositoryRoot = repositoryRoot;
	}

	/**
	 * Runs the benchmark.
	 * @param args the options (see {@link BenchOptions#USAGE})
	 */
	public static void main(String[] args) {
		Path root = PlatformSettings.findRepositoryRoot(Path.of("").toAbsolutePath());
		BenchOptions options;
		try {
			if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
				System.out.print(BenchOptions.USAGE);
				return;
			}
			options = BenchOptions.parse(root, Arrays.asList(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("infrapm bench: " + ex.getMessage());
			System.err.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		int status;
		try {
			status = options.projectPortfolio() ? ProjectPortfolioProbe.run(options, root)
					: options.portfolio() ? PortfolioProbe.run(options, root) : new Bench(options, root).run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	private String managerToken(Target target) {
		if (target instanceof EmbeddedTarget embedded) {
			return embedded.platform().accessToken(MANAGER, "PROJECT_MANAGER");
		}
		if (this.options.token() != null) {
			return this.options.token();
		}
		return Platform.accessToken(PlatformSettings.local(this.repositoryRoot).home(),
				DevIssuer.uriAt(PlatformSettings.DEFAULT_ISSUER_PORT), MANAGER, List.of("PROJECT_MANAGER"));
	}

	private int run() throws Exception {
		long started = System.nanoTime();
		machine();
		this.target = this.options.running() ? new RunningTarget(this.options.kafka(), this.options.mongodb(),
				this.options.serviceUrls(), this.options.mailboxUrl()) : EmbeddedTarget.start(this.repositoryRoot);
		boolean exact;
		try (Target running = this.target) {
			this.results.put("target", running.description());
			this.markdown.paragraph("Against " + running.description() + ".");
			this.effects = new Effects(running);
			this.commands = new ProjectCommands(running.serviceUrl("project-service"), this.runId,
					managerToken(running));
			if (this.options.phases().contains("startup") && running instanceof EmbeddedTarget embedded) {
				startup(embedded);
			}
			if (this.options.phases().contains("floor")) {
				floor();
			}
			if (this.options.phases().contains("latency")) {
				latency();
			}
			if (this.options.phases().contains("throughput")) {
				throughput();
			}
			if (this.options.phases().contains("burst")) {
				burst();
			}
			exact = exactlyOnce();
			if (running instanceof EmbeddedTarget embedded && this.options.phases().contains("startup")) {
				memoryAfterRun(embedded);
			}
			this.effects.close();
		}
		this.results.put("targets", this.targets);
		targetsSection();
		this.results.put("durationSeconds", Rounding.one((System.nanoTime() - started) / 1e9));
		write();
		return exact ? 0 : 1;
	}

	private void machine() {
		this.results.put("machine", machine(this.repositoryRoot, this.markdown, "InfraPM benchmark"));
	}

	/**
	 * The machine and the commit a run is on, as the first section of its results.
	 * @param repositoryRoot the repository, for the commit
	 * @param markdown the readable results, which get a title and a table
	 * @param title the title
	 * @return the figures for the JSON results
	 */
	static Map<String, Object> machine(Path repositoryRoot, Markdown markdown, String title) {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("date", Instant.now().toString());
		machine.put("commit", Git.describe(repositoryRoot));
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		machine.put("memoryGb", Rounding.one(ProcFs.memTotalKb() / 1024.0 / 1024.0));
		machine.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		machine.put("loadAverageAtStart", Rounding.two(ProcFs.loadAverage()));
		markdown.line("# " + title).line("");
		markdown.table(List.of("date", "commit", "cores", "memory", "Java", "OS", "load average at start"),
				List.of(List.of(machine.get("date"), machine.get("commit"), machine.get("cores"),
						machine.get("memoryGb") + " GB", machine.get("java"), machine.get("os"),
						machine.get("loadAverageAtStart"))));
		return machine;
	}

	/**
	 * Writes results as {@code <prefix>latest.json} and {@code .md} and as a copy named
	 * by the time and the commit, {@code <prefix><yyyyMMdd-HHmmss>-<commit>.json}.
	 * @param out the results directory
	 * @param prefix what the names start with, e.g. {@code portfolio-}, or nothing
	 * @param results the figures
	 * @param markdown the readable results
	 * @return the dated JSON file
	 * @throws IOException if a file cannot be written
	 */
	static Path write(Path out, String prefix, Map<String, Object> results, Markdown markdown) throws IOException {
		Files.createDirectories(out);
		String json = FiguresJson.of(results) + System.lineSeparator();
		String text = markdown.toString();
		Files.writeString(out.resolve(prefix + "latest.json"), json, StandardCharsets.UTF_8);
		Files.writeString(out.resolve(prefix + "latest.md"), text, StandardCharsets.UTF_8);
		@SuppressWarnings("unchecked")
		String stem = prefix
				+ DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()) + "-"
				+ ((Map<String, Object>) results.get("machine")).get("commit");
		Files.writeString(out.resolve(stem + ".json"), json, StandardCharsets.UTF_8);
		Files.writeString(out.resolve(stem + ".md"), text, StandardCharsets.UTF_8);
		System.out.println(text);
		System.out.println("[bench] results: " + out.resolve(prefix + "latest.json") + " and "
				+ out.resolve(prefix + "latest.md") + " (and " + stem + ".json, .md)");
		return out.resolve(stem + ".json");
	}

	// ---------------------------------------------------------------- start-up, memory

	private void startup(EmbeddedTarget embedded) throws InterruptedException {
		Platform platform = embedded.platform();
		Map<String, Object> startup = new LinkedHashMap<>();
		startup.put("platformReadySeconds", Rounding.two(embedded.readyAfter().toMillis() / 1000.0));
		Map<String, Object> together = new LinkedHashMap<>();
		for (String service : PlatformSettings.SERVICES) {
			together.put(service, Rounding.two(platform.startupTime(service).toMillis() / 1000.0));
		}
		startup.put("allAtOnceSeconds", together);
		System.out.println("[bench] start-up: idle 10 s, then each service restarted alone");
		Thread.sleep(10_000);
		Map<String, Object> idle = residentMegabytes(platform);
		startup.put("residentMbAtIdle", idle);
		Map<String, List<Double>> alone = new LinkedHashMap<>();
		for (int repeat = 0; repeat < this.options.startupRepeats(); repeat++) {
			for (String service : PlatformSettings.SERVICES) {
				platform.stop(service);
				platform.start(service);
				alone.computeIfAbsent(service, (key) -> new ArrayList<>())
					.add(Rounding.two(platform.startupTime(service).toMillis() / 1000.0));
			}
		}
		startup.put("aloneSeconds", alone);
		this.results.put("startup", startup);
		double worstAlone = alone.values()
			.stream()
			.flatMap(List::stream)
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(0);
		double worstIdle = idle.values().stream().mapToDouble((mb) -> ((Number) mb).doubleValue()).max().orElse(0);
		target("platform ready (s)", "< 12", (double) startup.get("platformReadySeconds"), 12, false);
		target("slowest service ready alone (s)", "< 4", worstAlone, 4, false);
		target("largest resident memory at idle (MB)", "< 300", worstIdle, 300, false);
		this.markdown.heading("Start-up and memory");
		this.markdown
			.paragraph("Platform ready (broker, store, mailbox, then the issuer and the four services at once): "
					+ startup.get("platformReadySeconds") + " s.");
		List<List<Object>> rows = new ArrayList<>();
		for (String service : PlatformSettings.SERVICES) {
			rows.add(List.of(service, together.get(service), alone.get(service), idle.get(service)));
		}
		this.markdown.table(List.of("service", "ready, all at once (s)", "ready alone (s)", "resident at idle (MB)"),
				rows);
	}

	private void memoryAfterRun(EmbeddedTarget embedded) throws InterruptedException {
		Thread.sleep(5000);
		Map<String, Object> after = residentMegabytes(embedded.platform());
		((Map<String, Object>) this.results.get("startup")).put("residentMbAfterRun", after);
		this.markdown.heading("Memory after the run");
		this.markdown.paragraph("Resident memory 5 s after the last command (MB): " + after + ".");
	}

	private static Map<String, Object> residentMegabytes(Platform platform) {
		Map<String, Object> resident = new LinkedHashMap<>();
		for (String service : PlatformSettings.SERVICES) {
			resident.put(service, Rounding.one(ProcFs.residentKb(platform.processId(service)) / 1024.0));
		}
		return resident;
	}

	// ---------------------------------------------------------------- floor

	private void floor() throws Exception {
		System.out.println("[bench] floor: Kafka round trips, store writes, one hop of both");
		Map<String, Object> floor = new LinkedHashMap<>();
		Duration perStep = Duration.ofSeconds(4);
		try (KafkaRoundTrips kafka = new KafkaRoundTrips(this.target.kafkaBootstrapServers());
				MongoClient mongo = Effects.client(this.target.mongoUri("infrapm-bench"))) {
			ThreadSteps.Result kafkaSteps = ThreadSteps.measure((thread) -> kafka.roundTrip(), 500, THREAD_COUNTS,
					perStep, 3000);
			MongoCollection<Document> writes = mongo.getDatabase("infrapm-bench").getCollection("floor-" + this.runId);
			String payload = "x".repeat(900);
			ThreadSteps.Result storeSteps = ThreadSteps.measure((thread) -> {
				long begun = System.nanoTime();
				writes
					.insertOne(new Document("_id", new ObjectId()).append("thread", thread).append("payload", payload));
				return (System.nanoTime() - begun) / 1000;
			}, 500, THREAD_COUNTS, perStep, 3000);
			MongoCollection<Document> hops = mongo.getDatabase("infrapm-bench")
				.getCollection("floor-hops-" + this.runId);
			kafka.onReceive((id) -> hops.insertOne(new Document("_id", id).append("payload", payload)));
			ThreadSteps.Result hopSteps = ThreadSteps.measure((thread) -> kafka.roundTrip(), 200, new int[] { 1 },
					Duration.ofSeconds(20), 2000);
			kafka.onReceive((id) -> {
			});
			writes.drop();
			hops.drop();
			// The store cleans its file up in earnest once writes pause, holding its lock
			// for a while: let that pass, so the commands that follow do not wait for it.
			Thread.sleep(STORE_SETTLE.toMillis());
			this.kafkaFloor = kafkaSteps.single().latency();
			this.hopFloor = hopSteps.single().latency();
			this.storeFloorBest = storeSteps.best();
			floor.put("kafkaRoundTrip", kafkaSteps.figures());
			floor.put("storeWrite", storeSteps.figures());
			floor.put("hop", hopSteps.single().figures());
			this.results.put("floor", floor);
			this.markdown.heading("Floor: the parts on their own");
			this.markdown.paragraph("Kafka: a 1 KB record produced with the platform's producer settings (acks=all, "
					+ "idempotence, linger 0) to a 6-partition topic on the same broker, until a plain consumer holds it. "
					+ "Store: one acknowledged insert of a 1 KB document on the same store. Hop: both in a row, the "
					+ "consumer writing each record to the store before the round trip ends; what the platform's path "
					+ "from a command to one effect cannot do without. Latency in ms: p50 / p95 / p99 / max.");
			List<List<Object>> rows = new ArrayList<>();
			for (int i = 0; i < THREAD_COUNTS.length; i++) {
				ThreadSteps.Step k = kafkaSteps.steps().get(i);
				ThreadSteps.Step s = storeSteps.steps().get(i);
				rows.add(List.of(k.threads(), Markdown.percentiles(k.latency()), k.perSecond(),
						Markdown.percentiles(s.latency()), s.perSecond()));
			}
			this.markdown.table(List.of("threads", "Kafka round trip (ms)", "Kafka round trips/s", "store write (ms)",
					"store writes/s"), rows);
			this.markdown.paragraph("One hop, 1 thread: " + Markdown.percentiles(this.hopFloor) + " ms ("
					+ hopSteps.single().latency().count() + " round trips). Best store throughput: "
					+ Math.round(this.storeFloorBest.perSecond()) + " writes/s at " + this.storeFloorBest.threads()
					+ " threads.");
		}
	}

	// ---------------------------------------------------------------- latency

	private void latency() throws Exception {
		// The warm-up runs at twice the rate, so that the JIT compilers of the five JVMs
		// have done most of their work (which takes the cores the pipeline needs) before
		// anything counts; then its effects are awaited, so the measured commands find no
		// backlog.
		System.out.printf(Locale.ROOT, "[bench] latency: %d commands at %.0f/s to warm up, then %d at %.0f/s%n",
				this.options.warmUp(), 2 * this.options.latencyRate(), this.options.operations(),
				this.options.latencyRate());
		List<ProjectCommands.Outcome> warmUp = accept(
				OpenLoop.run(this.commands, this.sequence, 2 * this.options.latencyRate(), this.options.warmUp()));
		Arrivals.await(this.effects, warmUp, SETTLE);
		Thread.sleep(STORE_SETTLE.toMillis());
		CpuUse cpuBefore = CpuUse.now(this.target.processes());
		List<ProjectCommands.Outcome> outcomes = OpenLoop.run(this.commands, this.sequence, this.options.latencyRate(),
				this.options.operations());
		List<ProjectCommands.Outcome> accepted = accept(outcomes);
		Arrivals all = Arrivals.await(this.effects, accepted, SETTLE);
		Map<String, Object> cpu = CpuUse.now(this.target.processes()).since(cpuBefore, accepted.size());
		Map<String, Distribution> latencies = all.latencies();
		Distribution command = commandLatency(accepted);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("rate", this.options.latencyRate());
		figures.put("commands", accepted.size());
		figures.put("refused", outcomes.size() - accepted.size());
		figures.put("allArrived", all.complete());
		figures.put("command", command.figures());
		latencies.forEach((effect, distribution) -> figures.put(effect, withRatios(distribution)));
		figures.put("cpu", cpu);
		this.results.put("latency", figures);
		this.lightLoadP99 = latencies.values().stream().mapToDouble(Distribution::p99).max().orElse(0);
		this.markdown.heading("Latency: command returned → effect recorded");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"%d commands (`POST /api/projects` with one stakeholder) at %.0f/s, open loop, after %d not "
						+ "counted at twice the rate. Each effect's time is the one its service records (budget `establishedAt`, "
						+ "register `openedAt`, both in whole milliseconds, taken as the middle of theirs; mail: "
						+ "when the SMTP server accepted it). Ratios are to the one-hop floor measured above.",
				accepted.size(), this.options.latencyRate(), this.options.warmUp()));
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of("command answered (from due)", Markdown.percentiles(command), "", ""));
		latencies.forEach((effect, distribution) -> rows.add(List.of(effect, Markdown.percentiles(distribution),
				ratio(distribution.p50(), floorP50()), ratio(distribution.p99(), floorP99()))));
		this.markdown.table(List.of("effect", "p50 / p95 / p99 / max (ms)", "p50 / floor p50", "p99 / floor p99"),
				rows);
		if (this.hopFloor != null) {
			latencies.forEach((effect, distribution) -> {
				target(effect + " p50 / floor p50", "≤ 3", ratio(distribution.p50(), floorP50()), 3, false);
				target(effect + " p99 / floor p99", "≤ 5", ratio(distribution.p99(), floorP99()), 5, false);
			});
		}
		cpuSection("CPU at the latency rate", figures);
	}

	private Map<String, Object> withRatios(Distribution distribution) {
		Map<String, Object> figures = distribution.figures();
		if (this.hopFloor != null) {
			figures.put("p50OverFloor", ratio(distribution.p50(), floorP50()));
			figures.put("p99OverFloor", ratio(distribution.p99(), floorP99()));
			figures.put("p50OverKafkaRoundTrip", ratio(distribution.p50(), this.kafkaFloor.p50()));
			figures.put("p99OverKafkaRoundTrip", ratio(distribution.p99(), this.kafkaFloor.p99()));
		}
		return figures;
	}

	private double floorP50() {
		return (this.hopFloor != null) ? this.hopFloor.p50() : Double.NaN;
	}

	private double floorP99() {
		return (this.hopFloor != null) ? this.hopFloor.p99() : Double.NaN;
	}

	private static double ratio(double value, double floor) {
		return (floor > 0) ? Rounding.two(value / floor) : Double.NaN;
	}

	private static Distribution commandLatency(List<ProjectCommands.Outcome> outcomes) {
		return Distribution.ofMicros(outcomes.stream().mapToLong(ProjectCommands.Outcome::latencyMicros).toArray());
	}

	private List<ProjectCommands.Outcome> accept(List<ProjectCommands.Outcome> outcomes) {
		List<ProjectCommands.Outcome> accepted = outcomes.stream().filter(ProjectCommands.Outcome::created).toList();
		synchronized (this.created) {
			this.created.addAll(accepted);
			outcomes.stream().filter((outcome) -> !outcome.created()).forEach(this.refused::add);
		}
		return accepted;
	}

	// ---------------------------------------------------------------- throughput

	private void throughput() throws Exception {
		List<Map<String, Object>> steps = new ArrayList<>();
		List<List<Object>> rows = new ArrayList<>();
		double rate = this.options.startRate();
		double best = 0;
		double baseline = this.lightLoadP99;
		while (rate <= MAX_RATE) {
			Map<String, Object> step = runAt(rate, this.options.stepSeconds());
			if (baseline <= 0) {
				baseline = (double) step.get("worstP99Ms");
			}
			boolean bent = (double) step.get("worstP99Ms") > BEND_FACTOR * baseline;
			boolean stable = (boolean) step.get("keptUp") && !bent;
			step.put("latencyBent", bent);
			step.put("stable", stable);
			steps.add(step);
			rows.add(stepRow(step));
			if (!stable) {
				break;
			}
			best = rate;
			rate = Math.round(rate * RATE_FACTOR);
		}
		double sustainRate = (best > 0) ? best : Math.max(1, Math.round(this.options.startRate() / 2));
		System.out.printf(Locale.ROOT, "[bench] sustained: %.0f/s for %d s%n", sustainRate,
				this.options.sustainSeconds());
		OptionalLong writesBefore = this.target.storeWriteCommands();
		Map<String, Object> sustained = runAt(sustainRate, this.options.sustainSeconds());
		OptionalLong writesAfter = awaitQuietStore();
		rows.add(stepRow(sustained));
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("search", steps);
		figures.put("bestStableRate", best);
		figures.put("bendFactor", BEND_FACTOR);
		figures.put("baselineP99Ms", Rounding.two(baseline));
		figures.put("sustained", sustained);
		double commandsPerSecond = (double) sustained.get("acceptedPerSecond");
		if (writesBefore.isPresent() && writesAfter.isPresent() && (int) sustained.get("created") > 0) {
			double perCommand = (writesAfter.getAsLong() - writesBefore.getAsLong())
					/ (double) (int) sustained.get("created");
			figures.put("storeWritesPerCommand", Rounding.two(perCommand));
			if (this.storeFloorBest != null) {
				double share = commandsPerSecond * perCommand / this.storeFloorBest.perSecond();
				figures.put("storeThroughputShare", Rounding.two(share));
				target("sustained commands/s × store writes per command / raw store writes/s", "≥ 0.60",
						Rounding.two(share), 0.60, true);
			}
		}
		this.results.put("throughput", figures);
		this.markdown.heading("Throughput: open-loop rates, then the best stable rate held");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"Rates from %.0f/s, ×%.1f per step of %d s, until a step does not keep up (a command refused, fewer "
						+ "than 95 %% of the rate answered, an effect later than %d s after the step's end) or its "
						+ "worst p99 (of budget, register and mail) exceeds %.0f× the light-load p99 (%.2f ms). The "
						+ "last row holds the best stable rate for %d s. Latencies in ms, from the command's answer.",
				this.options.startRate(), RATE_FACTOR, this.options.stepSeconds(), STABLE_DRAIN_MILLIS / 1000,
				BEND_FACTOR, baseline, this.options.sustainSeconds()));
		this.markdown.table(List.of("rate (/s)", "answered (/s)", "refused", "command p50 / p99", "budget p50 / p99",
				"register p50 / p99", "mail p50 / p99", "last effect after end (ms)", "stable"), rows);
		this.markdown.paragraph("Best stable rate: " + best + "/s. Store writes per command: "
				+ figures.getOrDefault("storeWritesPerCommand", "not counted by this store")
				+ "; sustained commands/s × writes per command as a share of the raw store's best: "
				+ figures.getOrDefault("storeThroughputShare", "n/a") + ".");
		cpuSection("CPU while the best stable rate was held", sustained);
	}

	private Map<String, Object> runAt(double rate, int seconds) throws Exception {
		int count = (int) Math.max(1, Math.round(rate * seconds));
		System.out.printf(Locale.ROOT, "[bench] rate %.0f/s for %d s%n", rate, seconds);
		CpuUse cpuBefore = CpuUse.now(this.target.processes());
		List<ProjectCommands.Outcome> outcomes = OpenLoop.run(this.commands, this.sequence, rate, count);
		long scheduleEnd = outcomes.get(outcomes.size() - 1).intendedAtMicros();
		long firstDue = outcomes.get(0).intendedAtMicros();
		long lastAnswer = outcomes.stream().mapToLong(ProjectCommands.Outcome::returnedAtMicros).max().getAsLong();
		List<ProjectCommands.Outcome> accepted = accept(outcomes);
		Arrivals arrivals = Arrivals.await(this.effects, accepted, SETTLE);
		Map<String, Object> cpu = CpuUse.now(this.target.processes()).since(cpuBefore, accepted.size());
		Map<String, Distribution> latencies = arrivals.latencies();
		double answeredPerSecond = accepted.size() / Math.max(1e-6, (lastAnswer - firstDue) / 1e6);
		long drainMillis = arrivals.complete() ? Math.max(0, (arrivals.lastMicros() - scheduleEnd) / 1000) : -1;
		boolean keptUp = accepted.size() == outcomes.size() && answeredPerSecond >= 0.95 * rate && arrivals.complete()
				&& drainMillis <= STABLE_DRAIN_MILLIS;
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("rate", rate);
		step.put("seconds", seconds);
		step.put("sent", outcomes.size());
		step.put("created", accepted.size());
		step.put("refused", outcomes.size() - accepted.size());
		step.put("acceptedPerSecond", Rounding.one(answeredPerSecond));
		step.put("command", commandLatency(outcomes).figures());
		latencies.forEach((effect, distribution) -> step.put(effect, distribution.figures()));
		step.put("worstP99Ms", latencies.values().stream().mapToDouble(Distribution::p99).max().orElse(0));
		step.put("allArrived", arrivals.complete());
		step.put("missing", arrivals.missingCount());
		step.put("lastEffectAfterEndMs", drainMillis);
		step.put("keptUp", keptUp);
		step.put("cpu", cpu);
		return step;
	}

	/**
	 * The CPU a phase used, per process and per command, and how busy the machine was: a
	 * rate bound by the machine's cores shows as a machine busy nearly all the time.
	 */
	@SuppressWarnings("unchecked")
	private void cpuSection(String heading, Map<String, Object> phase) {
		Map<String, Object> cpu = (Map<String, Object>) phase.get("cpu");
		if (cpu == null || !cpu.containsKey("machineBusyShare")) {
			return;
		}
		this.markdown.heading(heading);
		List<List<Object>> rows = new ArrayList<>();
		((Map<String, Object>) cpu.getOrDefault("cpuMsPerCommand", Map.of()))
			.forEach((process, millis) -> rows.add(List.of(process, millis)));
		if (cpu.containsKey("cpuMsPerCommandTotal")) {
			rows.add(List.of("all of the platform", cpu.get("cpuMsPerCommandTotal")));
		}
		rows.add(List.of("the whole machine", cpu.get("machineCpuMsPerCommand")));
		this.markdown.table(List.of("process", "CPU ms per command"), rows);
		double cores = (double) cpu.get("coresBusy");
		Object perCommand = cpu.getOrDefault("cpuMsPerCommandTotal", cpu.get("machineCpuMsPerCommand"));
		this.markdown.paragraph(String.format(Locale.ROOT,
				"From the first command until the last effect arrived the machine was busy %.0f %% of the time "
						+ "(%.2f of its %d cores). At %s CPU ms a command, its cores could carry at most "
						+ "%.0f commands/s with nothing else running.",
				100 * (double) cpu.get("machineBusyShare"), cores, Runtime.getRuntime().availableProcessors(),
				perCommand, Runtime.getRuntime().availableProcessors() * 1000 / ((Number) perCommand).doubleValue()));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> stepRow(Map<String, Object> step) {
		return List.of(step.get("rate"), step.get("acceptedPerSecond"), step.get("refused"),
				pair((Map<String, Object>) step.get("command")), pair((Map<String, Object>) step.get("budget")),
				pair((Map<String, Object>) step.get("register")), pair((Map<String, Object>) step.get("mail")),
				step.get("lastEffectAfterEndMs"), step.getOrDefault("stable", "held"));
	}

	private static String pair(Map<String, Object> figures) {
		return figures.get("p50Ms") + " / " + figures.get("p99Ms");
	}

	/** The store's write count once it stopped changing for 2 s (at most 30 s). */
	private OptionalLong awaitQuietStore() throws InterruptedException {
		OptionalLong last = this.target.storeWriteCommands();
		if (last.isEmpty()) {
			return last;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			Thread.sleep(2000);
			OptionalLong now = this.target.storeWriteCommands();
			if (now.getAsLong() - last.getAsLong() <= 2) {
				return now;
			}
			last = now;
		}
		return last;
	}

	// ---------------------------------------------------------------- burst

	private void burst() throws Exception {
		int threads = this.options.burstThreads();
		System.out.printf(Locale.ROOT, "[bench] burst: %d clients for %d s%n", threads, this.options.burstSeconds());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.options.burstSeconds());
		List<ProjectCommands.Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
		long started = Micros.now();
		CpuUse cpuBefore = CpuUse.now(this.target.processes());
		List<Thread> clients = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread client = new Thread(() -> {
				while (System.nanoTime() < deadline) {
					outcomes.add(this.commands.create(this.sequence.incrementAndGet(), Micros.now()).join());
				}
			}, "bench-burst-" + t);
			client.start();
			clients.add(client);
		}
		for (Thread client : clients) {
			client.join();
		}
		long ended = Micros.now();
		List<ProjectCommands.Outcome> accepted = accept(new ArrayList<>(outcomes));
		Arrivals arrivals = Arrivals.await(this.effects, accepted, SETTLE.multipliedBy(2));
		Map<String, Object> cpu = CpuUse.now(this.target.processes()).since(cpuBefore, accepted.size());
		double seconds = (ended - started) / 1e6;
		long drainMillis = arrivals.complete() ? Math.max(0, (arrivals.lastMicros() - ended) / 1000) : -1;
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("clients", threads);
		figures.put("seconds", Rounding.one(seconds));
		figures.put("created", accepted.size());
		figures.put("refused", outcomes.size() - accepted.size());
		figures.put("acceptedPerSecond", Rounding.one(accepted.size() / seconds));
		figures.put("command", commandLatency(outcomes).figures());
		figures.put("allArrived", arrivals.complete());
		figures.put("missing", arrivals.missingCount());
		figures.put("lastEffectAfterEndMs", drainMillis);
		figures.put("cpu", cpu);
		this.results.put("burst", figures);
		target("burst fully visible downstream after its end (s)", "≤ 5",
				(drainMillis >= 0) ? Rounding.two(drainMillis / 1000.0) : Double.POSITIVE_INFINITY, 5, false);
		this.markdown.heading("Burst: closed loop as fast as the clients go");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"%d clients, each sending the next create as soon as the last is answered, for %.1f s: %d created "
						+ "(%.1f/s), %d refused; command answered p50 / p99 %s ms. Every effect visible %s after "
						+ "the burst's end.",
				threads, seconds, accepted.size(), accepted.size() / seconds, outcomes.size() - accepted.size(),
				pair(commandLatency(outcomes).figures()),
				(drainMillis >= 0) ? String.format(Locale.ROOT, "%.2f s", drainMillis / 1000.0)
						: "not within " + SETTLE.multipliedBy(2).toSeconds() + " s (" + arrivals.missingCount()
								+ " commands with an effect missing)"));
		cpuSection("CPU during the burst and its drain", figures);
	}

	// ---------------------------------------------------------------- exactly once

	private boolean exactlyOnce() throws Exception {
		if (this.created.isEmpty()) {
			return true;
		}
		System.out.println("[bench] exactly once: counting every effect of every command");
		Thread.sleep(3000);
		Effects.Seen seen = this.effects.read(this.created);
		List<String> codes = new ArrayList<>();
		this.created.forEach((command) -> codes.add("B" + this.runId + "-" + command.sequence()));
		this.refused.forEach((command) -> codes.add("B" + this.runId + "-" + command.sequence()));
		Map<String, Integer> projects = this.effects.projectsByCode(codes);
		long duplicateProjects = projects.values().stream().filter((count) -> count > 1).count();
		long lostBudgets = 0;
		long lostRegisters = 0;
		long lostNotifications = 0;
		long duplicateNotifications = 0;
		long lostMails = 0;
		long duplicateMails = 0;
		for (ProjectCommands.Outcome command : this.created) {
			lostBudgets += seen.budgets().containsKey(command.projectId()) ? 0 : 1;
			lostRegisters += seen.registers().containsKey(command.projectId()) ? 0 : 1;
			int notifications = seen.notifications().getOrDefault(command.projectId(), 0);
			lostNotifications += (notifications == 0) ? 1 : 0;
			duplicateNotifications += Math.max(0, notifications - 1);
			int mails = seen.mails().getOrDefault(command.recipient(), List.of()).size();
			lostMails += (mails == 0) ? 1 : 0;
			duplicateMails += Math.max(0, mails - 1);
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("commandsCreated", this.created.size());
		figures.put("commandsRefused", this.refused.size());
		figures.put("duplicateProjects", duplicateProjects);
		figures.put("lostBudgets", lostBudgets);
		figures.put("lostRegisters", lostRegisters);
		figures.put("lostNotifications", lostNotifications);
		figures.put("duplicateNotifications", duplicateNotifications);
		figures.put("lostMails", lostMails);
		figures.put("duplicateMails", duplicateMails);
		long wrong = duplicateProjects + lostBudgets + lostRegisters + lostNotifications + duplicateNotifications
				+ lostMails + duplicateMails;
		figures.put("exactlyOnce", wrong == 0);
		this.results.put("exactlyOnce", figures);
		target("effects lost or applied twice", "0", wrong, 0, false);
		this.markdown.heading("Exactly once");
		this.markdown.paragraph(String.format(Locale.ROOT,
				"Every one of the %d created projects checked at the far end: %d budgets, %d registers and %d "
						+ "notifications missing, %d notifications and %d mails twice, %d mails missing, %d projects "
						+ "created twice. %s",
				this.created.size(), lostBudgets, lostRegisters, lostNotifications, duplicateNotifications,
				duplicateMails, lostMails, duplicateProjects,
				(wrong == 0) ? "Each effect arrived exactly once." : "THE RUN FAILS: effects were lost or doubled."));
		return wrong == 0;
	}

	// ---------------------------------------------------------------- targets, files

	private void target(String name, String goal, double measured, double limit, boolean atLeast) {
		Map<String, Object> target = new LinkedHashMap<>();
		boolean met = atLeast ? measured >= limit : measured <= limit;
		target.put("target", name);
		target.put("goal", goal);
		target.put("measured", measured);
		target.put("met", met);
		if (!met && limit != 0) {
			target.put("missedBy", Rounding.two(atLeast ? limit / measured : measured / limit) + "×");
		}
		this.targets.add(target);
	}

	private void targetsSection() {
		this.markdown.heading("Targets");
		List<List<Object>> rows = new ArrayList<>();
		for (Map<String, Object> target : this.targets) {
			rows.add(List.of(target.get("target"), target.get("goal"), target.get("measured"),
					(boolean) target.get("met") ? "met" : "missed (" + target.getOrDefault("missedBy", "") + ")"));
		}
		this.markdown.table(List.of("target", "goal", "measured", ""), rows);
	}

	private void write() throws IOException {
		write(this.options.out(), "", this.results, this.markdown);
	}

}
