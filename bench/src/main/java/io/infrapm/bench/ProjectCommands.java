package io.infrapm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The command every flow of the benchmark starts with: {@code POST /api/projects} with
 * one stakeholder, whose effects are a budget in budget-service, a risk register in
 * risk-service and one mail to the stakeholder through notification-service. Each project
 * has a code and a stakeholder address of its own, so that each effect can be traced to
 * its command; each request carries an {@code Idempotency-Key}.
 */
final class ProjectCommands {

	/**
	 * A command's outcome.
	 *
	 * @param sequence its number in the run
	 * @param status the HTTP status, or 0 if no answer came
	 * @param projectId the created project, if 201
	 * @param recipient the stakeholder's address
	 * @param intendedAtMicros when the schedule meant it to be sent (epoch microseconds)
	 * @param returnedAtMicros when its answer arrived (epoch microseconds)
	 */
	record Outcome(long sequence, int status, UUID projectId, String recipient, long intendedAtMicros,
			long returnedAtMicros) {

		boolean created() {
			return this.status == 201 && this.projectId != null;
		}

		/** From the time the command was due to its answer (open-loop latency). */
		long latencyMicros() {
			return this.returnedAtMicros - this.intendedAtMicros;
		}

	}

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "bench-http");
			thread.setDaemon(true);
			return thread;
		}))
		.build();

	private final URI projects;

	private final String runId;

	private final String authorization;

	ProjectCommands(URI projectService, String runId, String accessToken) {
		this.projects = projectService.resolve("/api/projects");
		this.runId = runId;
		this.authorization = "Bearer " + accessToken;
	}

	/**
	 * The address of the stakeholder of command {@code sequence}.
	 * @param sequence the command's number
	 * @return its address
	 */
	String recipient(long sequence) {
		return "bench-" + this.runId.toLowerCase(Locale.ROOT) + "-" + sequence + "@example.com";
	}

	/**
	 * Sends one create.
	 * @param sequence its number in the run, unique
	 * @param intendedAtMicros when it was due
	 * @return its outcome, once answered (a failure to connect or a timeout is status 0)
	 */
	CompletableFuture<Outcome> create(long sequence, long intendedAtMicros) {
		String code = "B" + this.runId + "-" + sequence;
		String recipient = recipient(sequence);
		String body = """
				{"code":"%s","name":"Benchmark project %d","category":"DATA_CENTRE_MIGRATION",
				"plannedStart":"2027-01-04","plannedFinish":"2027-09-30","budget":{"amount":250000,"currency":"EUR"},
				"stakeholders":[{"name":"Bench Engineer %d","email":"%s","role":"ENGINEER"}]}""".formatted(code,
				sequence, sequence, recipient);
		HttpRequest request = HttpRequest.newBuilder(this.projects)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", code)
			.header("Authorization", this.authorization)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
			long returned = Micros.now();
			if (failure != null) {
				return new Outcome(sequence, 0, null, recipient, intendedAtMicros, returned);
			}
			UUID id = response.headers().firstValue("Location").flatMap(ProjectCommands::idOf).orElse(null);
			return new Outcome(sequence, response.statusCode(), id, recipient, intendedAtMicros, returned);
		});
	}

	private static Optional<UUID> idOf(String location) {
		try {
			return Optional.of(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
