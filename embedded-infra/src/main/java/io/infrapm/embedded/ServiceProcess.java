package io.infrapm.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service running as its own JVM: started with {@code java -jar}, its output appended
 * to a log file, its readiness polled over HTTP, stopped with SIGTERM and, if it does not
 * stop in time, killed.
 */
final class ServiceProcess {

	/**
	 * How often readiness is asked for. A poll costs the service well under a
	 * millisecond; a coarse interval adds up to itself to every start-up time.
	 */
	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(1))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String name;

	private final int port;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final Path logFile;

	private volatile Process process;

	private volatile Instant startedAt;

	private volatile Duration startupTime;

	private volatile boolean stopRequested;

	private final ClassDataArchive archive;

	private volatile long logOffset;

	ServiceProcess(String name, int port, List<String> command, Map<String, String> environment, Path workingDirectory,
			Path logFile, ClassDataArchive archive) {
		this.archive = archive;
		this.name = name;
		this.port = port;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		this.logFile = logFile;
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	Path logFile() {
		return this.logFile;
	}

	/**
	 * The class data archive the service starts from.
	 * @return the archive, or {@code null} if it starts from its jar
	 */
	ClassDataArchive archive() {
		return this.archive;
	}

	Duration startupTime() {
		return this.startupTime;
	}

	boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	Process process() {
		return this.process;
	}

	boolean isStopRequested() {
		return this.stopRequested;
	}

	/**
	 * Start the JVM. Output is appended to the log file behind a marker line, so the log
	 * of an earlier run (or of a restart within a test) stays readable.
	 */
	void start() throws IOException {
		Files.createDirectories(this.logFile.getParent());
		String marker = System.lineSeparator() + "=== " + this.name + " started by InfraPM at " + Instant.now()
				+ " on port " + this.port + " ===" + System.lineSeparator();
		Files.writeString(this.logFile, marker, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		this.logOffset = Files.size(this.logFile);
		ProcessBuilder builder = new ProcessBuilder(this.command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		// The builder starts from the launcher's environment; the platform's values are
		// already merged into this.environment according to PlatformSettings.
		builder.environment().putAll(this.environment);
		this.startupTime = null;
		this.stopRequested = false;
		this.startedAt = Instant.now();
		this.process = builder.start();
		// Nothing is ever typed into a service: give it end-of-input at once.
		this.process.getOutputStream().close();
	}

	/**
	 * Wait until the service reports ready, or fail with its exit code or a timeout,
	 * naming the service and showing the end of its log.
	 * @param timeout how long to wait
	 * @param abandon checked between polls; when it returns {@code true} the wait stops
	 * @return how long the service took from process start to ready
	 */
	Duration awaitReady(Duration timeout, BooleanSupplier abandon) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String path = "/actuator/health/readiness";
		while (true) {
			Process current = this.process;
			if (abandon.getAsBoolean()) {
				throw new PlatformStartException("Start of " + this.name + " was abandoned");
			}
			if (!current.isAlive()) {
				throw new PlatformStartException(
						this.name + " exited with code " + current.exitValue() + " while starting. The end of its log ("
								+ this.logFile + "):" + System.lineSeparator() + logTail(40));
			}
			int status = status(path);
			if (status == 200) {
				this.startupTime = Duration.between(this.startedAt, Instant.now());
				return this.startupTime;
			}
			if (status == 404 && path.endsWith("/readiness")) {
				// A service without the probe groups still has the overall health
				// endpoint.
				path = "/actuator/health";
				continue;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new PlatformStartException(this.name + " did not report ready at " + url() + path + " within "
						+ timeout.toSeconds() + " s. The end of its log (" + this.logFile + "):"
						+ System.lineSeparator() + logTail(40));
			}
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PlatformStartException("Interrupted while waiting for " + this.name);
			}
		}
	}

	/**
	 * The HTTP status of a health endpoint, treating a body that is not UP as not ready
	 * ({@code 503}) and an unreachable server as {@code -1}.
	 */
	private int status(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200 && !response.body().replace(" ", "").contains("\"status\":\"UP\"")) {
				return 503;
			}
			return response.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Stop the JVM: SIGTERM, so Spring Boot shuts down gracefully (finishing requests,
	 * committing Kafka offsets); after {@code grace} it is killed.
	 * @param grace how long to wait for a graceful stop
	 */
	void stop(Duration grace) {
		this.stopRequested = true;
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		current.destroy();
		try {
			if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				current.destroyForcibly();
				current.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			current.destroyForcibly();
		}
	}

	/**
	 * Whether the log of the current run (its first 64 KB, where the JVM's own warnings
	 * are) contains a text.
	 * @param text the text
	 * @return {@code true} if it does
	 */
	boolean logContains(String text) {
		try (RandomAccessFile file = new RandomAccessFile(this.logFile.toFile(), "r")) {
			long offset = Math.min(this.logOffset, file.length());
			byte[] bytes = new byte[(int) Math.min(file.length() - offset, 64 * 1024)];
			file.seek(offset);
			file.readFully(bytes);
			return new String(bytes, StandardCharsets.UTF_8).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The last lines of the service's log, at most the last 64 KB of it.
	 * @param lines how many lines
	 * @return the lines, or a note that there is no log
	 */
	String logTail(int lines) {
		try (RandomAccessFile file = new RandomAccessFile(this.logFile.toFile(), "r")) {
			long length = file.length();
			int size = (int) Math.min(length, 64 * 1024);
			byte[] bytes = new byte[size];
			file.seek(length - size);
			file.readFully(bytes);
			List<String> all = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
			List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
			return "    " + String.join(System.lineSeparator() + "    ", tail);
		}
		catch (IOException ex) {
			return "    (no log: " + ex.getMessage() + ")";
		}
	}

}
