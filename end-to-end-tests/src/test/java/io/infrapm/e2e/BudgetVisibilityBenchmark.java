package io.infrapm.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.FiguresJson;
import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe behind the figures in the notes: how long the platform takes to be ready, how
 * long each service takes to start and how much memory it holds, and how long after
 * {@code POST /api/projects} returns its budget is visible on budget-service (outbox
 * relay, Kafka, consumer, MongoDB write, read), over a few hundred projects created one
 * after the other.
 * <p>
 * Not part of {@code ./mvnw verify}: run it with
 * {@code ./mvnw -DskipTests install && ./mvnw -pl end-to-end-tests verify -Pbenchmarks}.
 * {@code -Dbenchmark.projects=N} changes the count (default 300, after 20 not counted for
 * warm-up). The figures are written to
 * {@code end-to-end-tests/target/benchmarks/budget-visibility.json} and printed.
 */
class BudgetVisibilityBenchmark {

	private static final int WARM_UP = 20;

	private static final Duration POLL = Duration.ofMillis(2);

	private static final Duration GIVE_UP = Duration.ofSeconds(30);

	@Test
	void measure() throws Exception {
		int projects = Integer.getInteger("benchmark.projects", 300);
		long launchStarted = System.nanoTime();
		try (Platform platform = Platform
			.launch(PlatformSettings.ephemeral(PlatformSettings.findRepositoryRoot(Path.of(""))))) {
			Duration ready = Duration.ofNanos(System.nanoTime() - launchStarted);
			Map<String, Object> services = services(platform);
			SkeletonHttp http = new SkeletonHttp(platform);

			List<Long> micros = new ArrayList<>();
			Instant measuring = Instant.now();
			for (int i = 0; i < WARM_UP + projects; i++) {
				long visible = createAndAwaitBudget(http);
				if (i >= WARM_UP) {
					micros.add(visible);
				}
			}
			Duration measured = Duration.between(measuring, Instant.now());
			micros.sort(null);

			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("measuredAt", Instant.now().toString());
			figures.put("cpus", Runtime.getRuntime().availableProcessors());
			figures.put("platformReadySeconds", seconds(ready.toMillis()));
			figures.put("services", services);
			figures.put("projects", projects);
			figures.put("warmUpProjects", WARM_UP);
			Map<String, Object> latency = new LinkedHashMap<>();
			latency.put("min", millis(micros.get(0)));
			latency.put("p50", millis(percentile(micros, 50)));
			latency.put("p90", millis(percentile(micros, 90)));
			latency.put("p99", millis(percentile(micros, 99)));
			latency.put("max", millis(micros.get(micros.size() - 1)));
			figures.put("postToBudgetVisibleMillis", latency);
			figures.put("projectsPerSecond", round(projects * 1000.0 / measured.toMillis()));
			Map<String, Object> after = services(platform);
			figures.put("residentMegabytesAfterRun",
					after.entrySet()
						.stream()
						.collect(Collectors.toMap(Map.Entry::getKey,
								(entry) -> ((Map<?, ?>) entry.getValue()).get("residentMegabytes"), (a, b) -> a,
								LinkedHashMap::new)));

			Path file = Path.of("target", "benchmarks", "budget-visibility.json");
			Files.createDirectories(file.getParent());
			Files.writeString(file, FiguresJson.of(figures) + System.lineSeparator());
			System.out.println("Budget visibility benchmark: " + FiguresJson.of(figures));
			assertThat(micros).hasSize(projects);
		}
	}

	/** Create a project and return the microseconds from the 201 to the budget's 200. */
	private static long createAndAwaitBudget(SkeletonHttp http) throws InterruptedException {
		String code = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		HttpResponse<String> created = http.post("project-service", "/api/projects",
				SkeletonHttp.newProject(code, List.of(code.toLowerCase(Locale.ROOT) + "@example.com")));
		long returned = System.nanoTime();
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String budgetPath = "/api/projects/" + JsonPath.read(created.body(), "$.id") + "/budget";
		long deadline = returned + GIVE_UP.toNanos();
		while (http.get("budget-service", budgetPath).statusCode() != 200) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The budget of " + code + " was not visible after " + GIVE_UP);
			}
			Thread.sleep(POLL.toMillis());
		}
		return (System.nanoTime() - returned) / 1_000;
	}

	private static Map<String, Object> services(Platform platform) throws IOException {
		Map<String, Object> services = new LinkedHashMap<>();
		for (String service : PlatformSettings.SERVICES) {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("startSeconds", seconds(platform.startupTime(service).toMillis()));
			figures.put("residentMegabytes", residentMegabytes(platform.processId(service)));
			services.put(service, figures);
		}
		return services;
	}

	/** VmRSS from /proc, where there is one; -1 elsewhere. */
	private static long residentMegabytes(long pid) throws IOException {
		Path status = Path.of("/proc", Long.toString(pid), "status");
		if (!Files.isReadable(status)) {
			return -1;
		}
		return Files.readAllLines(status)
			.stream()
			.filter((line) -> line.startsWith("VmRSS:"))
			.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
			.findFirst()
			.orElse(-1L);
	}

	private static long percentile(List<Long> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

	private static double millis(long micros) {
		return round(micros / 1000.0);
	}

	private static double seconds(long millis) {
		return round(millis / 1000.0);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
