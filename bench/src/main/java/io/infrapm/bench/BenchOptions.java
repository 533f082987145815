package io.infrapm.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ./infrapm bench} was asked to do.
 *
 * @param running run against a running platform instead of starting one
 * @param kafka the running platform's broker
 * @param mongodb the running platform's MongoDB, without a database
 * @param serviceUrls the running platform's services
 * @param mailboxUrl the running platform's dev mailbox API
 * @param token a project manager's access token for the running platform, or {@code null}
 * to log {@value Bench#MANAGER} in at {@code ./infrapm up}'s issuer
 * @param phases which parts to run
 * @param warmUp commands before the latency figures count
 * @param operations commands whose latency is measured
 * @param latencyRate the rate of those commands
 * @param startRate the first rate of the throughput search
 * @param stepSeconds how long each rate of the search runs
 * @param sustainSeconds how long the best stable rate is held
 * @param burstSeconds how long the closed-loop burst lasts
 * @param burstThreads how many clients the burst has
 * @param startupRepeats how often each service is restarted alone
 * @param out where the results go
 * @param portfolio run the portfolio probe ({@link PortfolioProbe}) instead of the
 * platform benchmark
 * @param portfolioProjects how many projects the portfolio probe preloads
 * @param portfolioCosts how many cost entries it preloads over them
 * @param projectPortfolio run the project portfolio probe ({@link ProjectPortfolioProbe})
 * instead
 */
record BenchOptions(boolean running, String kafka, String mongodb, Map<String, URI> serviceUrls, URI mailboxUrl,
		String token, Set<String> phases, int warmUp, int operations, double latencyRate, double startRate,
		int stepSeconds, int sustainSeconds, int burstSeconds, int burstThreads, int startupRepeats, Path out,
		boolean portfolio, int portfolioProjects, int portfolioCosts, boolean projectPortfolio) {

	/** The fewest projects the portfolio probe runs with: its member sees 25. */
	static final int MIN_PORTFOLIO_PROJECTS = 100;

	static final List<String> PHASES = List.of("startup", "floor", "latency", "throughput", "burst");

	static final String USAGE = """
			Usage: ./infrapm bench [options]

			Starts the platform as ./infrapm up does (on free ports, in a temporary home) and measures:
			  startup     platform ready, each service ready alone, resident memory at idle
			  floor       raw Kafka produce -> consume (acks=all) and raw store writes, 1 to 8 threads,
			              and one hop of both (produce -> consume -> store write)
			  latency     command returned -> budget, register, mail recorded, over --ops commands
			  throughput  open-loop rates from --start-rate up until latency bends, then the best
			              stable rate for --sustain seconds; every effect must arrive exactly once
			  burst       --burst-threads clients as fast as they can for --burst seconds, then the
			              time until everything is visible downstream
			Writes bench/results/latest.json and latest.md (and a copy named by date and commit).

			Options:
			  --phases a,b,...          the parts to run (default: all)
			  --ops <n>                 measured commands of the latency part (default 2000)
			  --warmup <n>              commands before that, at twice the rate, not counted
			                            (default 1500: until the JIT compilers of five JVMs settle)
			  --latency-rate <per s>    rate of the latency part (default 25)
			  --start-rate <per s>      first rate of the throughput search (default 50)
			  --step-seconds <s>        each rate of the search (default 10)
			  --sustain <s>             the best stable rate is held this long (default 60)
			  --burst <s>               burst length (default 20)
			  --burst-threads <n>       burst clients (default 8)
			  --startup-repeats <n>     restarts of each service alone (default 2)
			  --out <dir>               results directory (default bench/results)
			  --quick                   small counts, to check the harness (not for figures)
			The portfolio probe instead (about 5 to 10 minutes; --quick: 1,000 projects):
			  --portfolio               starts the store, the broker, the issuer, project-service
			                            and budget-service, preloads budget-service's database with
			                            --projects budgets and --costs cost entries (through the
			                            MongoDB driver), restarts budget-service and measures
			                            GET /api/portfolio/budget-summary for four callers; writes
			                            bench/results/portfolio-latest.json and .md (and a copy)
			  --project-portfolio       starts the store, the broker, the issuer, project-service,
			                            risk-service and budget-service, preloads project-service's
			                            database with --projects portfolio rows and a snapshot of
			                            each as of 30 days ago, restarts project-service and
			                            measures GET /api/portfolio/summary and /projects for three
			                            callers, today and as of then; writes
			                            bench/results/project-portfolio-latest.json and .md
			  --projects <n>            projects to preload (default 10000, at least 100)
			  --costs <n>               cost entries over them (default 1000000)
			Against a platform that already runs (the addresses default to ./infrapm up's):
			  --running
			  --kafka <bootstrap>  --mongodb <uri>  --mailbox-url <url>
			  --service-url <service>=<url>      (repeat; project-service=http://127.0.0.1:8081, ...)
			  --token <access token>    a project manager's (default: pat@example.com logged in at
			                            ./infrapm up's issuer, as ./infrapm token does)
			""";

	static BenchOptions parse(Path repositoryRoot, List<String> args) {
		boolean running = false;
		String kafka = "127.0.0.1:9092";
		String mongodb = "mongodb://127.0.0.1:27017";
		Map<String, URI> services = new LinkedHashMap<>();
		services.put("project-service", URI.create("http://127.0.0.1:8081"));
		services.put("risk-service", URI.create("http://127.0.0.1:8082"));
		services.put("budget-service", URI.create("http://127.0.0.1:8083"));
		services.put("notification-service", URI.create("http://127.0.0.1:8084"));
		URI mailbox = URI.create("http://127.0.0.1:8025");
		String token = null;
		Set<String> phases = new LinkedHashSet<>(PHASES);
		int warmUp = 1500;
		int operations = 2000;
		double latencyRate = 25;
		double startRate = 50;
		int stepSeconds = 10;
		int sustain = 60;
		int burst = 20;
		int burstThreads = 8;
		int startupRepeats = 2;
		Path out = repositoryRoot.resolve("bench").resolve("results");
		boolean portfolio = false;
		boolean projectPortfolio = false;
		int portfolioProjects = 10_000;
		int portfolioCosts = 1_000_000;
		for (int i = 0; i < args.size(); i++) {
			String option = args.get(i);
			switch (option) {
				case "--running" -> running = true;
				case "--portfolio" -> portfolio = true;
				case "--project-portfolio" -> projectPortfolio = true;
				case "--quick" -> {
					portfolioProjects = 1000;
					portfolioCosts = 100_000;
					warmUp = 50;
					operations = 200;
					stepSeconds = 3;
					sustain = 10;
					burst = 5;
					startupRepeats = 1;
				}
				default -> {
					if (i + 1 >= args.size()) {
						throw new IllegalArgumentException("unknown option or missing value: " + option);
					}
					String value = args.get(++i);
					switch (option) {
						case "--kafka" -> kafka = value;
						case "--mongodb" -> mongodb = value;
						case "--mailbox-url" -> mailbox = URI.create(value);
						case "--token" -> token = value;
						case "--service-url" -> {
							int equals = value.indexOf('=');
							if (equals < 1 || !services.containsKey(value.substring(0, equals))) {
								throw new IllegalArgumentException(
										"--service-url needs <service>=<url> with a service of " + services.keySet()
												+ ": " + value);
							}
							services.put(value.substring(0, equals), URI.create(value.substring(equals + 1)));
						}
						case "--phases" -> {
							phases = new LinkedHashSet<>(List.of(value.split(",")));
							for (String phase : phases) {
								if (!PHASES.contains(phase)) {
									throw new IllegalArgumentException("unknown phase " + phase + "; known: " + PHASES);
								}
							}
						}
						case "--ops" -> operations = positive(option, value);
						case "--warmup" -> warmUp = positive(option, value);
						case "--latency-rate" -> latencyRate = positive(option, value);
						case "--start-rate" -> startRate = positive(option, value);
						case "--step-seconds" -> stepSeconds = positive(option, value);
						case "--sustain" -> sustain = positive(option, value);
						case "--burst" -> burst = positive(option, value);
						case "--burst-threads" -> burstThreads = positive(option, value);
						case "--startup-repeats" -> startupRepeats = positive(option, value);
						case "--out" -> out = Path.of(value);
						case "--projects" -> portfolioProjects = positive(option, value);
						case "--costs" -> portfolioCosts = positive(option, value);
						default -> throw new IllegalArgumentException("unknown option " + option);
					}
				}
			}
		}
		if (running) {
			phases.remove("startup");
		}
		if ((portfolio || projectPortfolio) && running) {
			throw new IllegalArgumentException(
					"--portfolio and --project-portfolio start their own platform; they do not take --running");
		}
		if (portfolio && projectPortfolio) {
			throw new IllegalArgumentException("--portfolio and --project-portfolio are two probes; run one at a time");
		}
		if (portfolioProjects < MIN_PORTFOLIO_PROJECTS) {
			throw new IllegalArgumentException(
					"--projects needs at least " + MIN_PORTFOLIO_PROJECTS + ", not " + portfolioProjects);
		}
		return new BenchOptions(running, kafka, mongodb, Map.copyOf(services), mailbox, token, phases, warmUp,
				operations, latencyRate, startRate, stepSeconds, sustain, burst, burstThreads, startupRepeats, out,
				portfolio, portfolioProjects, portfolioCosts, projectPortfolio);
	}

	private static int positive(String option, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(option + " needs a positive whole number, not " + value);
	}

}
