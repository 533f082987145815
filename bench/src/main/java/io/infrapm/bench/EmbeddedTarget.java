package io.infrapm.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;

/**
 * The platform as {@code ./infrapm up} runs it (a real Kafka broker, the MongoDB-wire
 * server on disk committing every write, the dev mailbox, each service in its own JVM
 * with the launcher's JVM options), started by the benchmark in a temporary home on free
 * ports, so that it never touches a platform the user runs.
 */
final class EmbeddedTarget implements Target {

	/**
	 * The benchmark's own JVM: it holds the broker, the store and the mailbox, and
	 * generates the load.
	 */
	static final String INFRASTRUCTURE = "broker, store, mailbox and load (one JVM)";

	private final Platform platform;

	private final Path home;

	private final Duration readyAfter;

	private final List<String> services;

	private EmbeddedTarget(Platform platform, Path home, Duration readyAfter, List<String> services) {
		this.platform = platform;
		this.home = home;
		this.readyAfter = readyAfter;
		this.services = services;
	}

	/**
	 * Starts the whole platform.
	 * @param repositoryRoot the repository, whose built jars run
	 * @return the running platform
	 * @throws IOException if the temporary home cannot be made
	 */
	static EmbeddedTarget start(Path repositoryRoot) throws IOException {
		return start(repositoryRoot, PlatformSettings.SERVICES);
	}

	/**
	 * Starts the infrastructure (broker, store on disk, mailbox, issuer) and some of the
	 * services, each as {@code ./infrapm up} runs it.
	 * @param repositoryRoot the repository, whose built jars run
	 * @param services the services to start
	 * @return the running platform
	 * @throws IOException if the temporary home cannot be made
	 */
	static EmbeddedTarget start(Path repositoryRoot, List<String> services) throws IOException {
		Path home = Files.createTempDirectory("infrapm-bench-");
		PlatformSettings settings = PlatformSettings.local(repositoryRoot)
			.withHome(home)
			.withKafkaPort(0)
			.withMongoPort(0)
			.withMailboxPorts(0, 0)
			.withIssuerPort(0)
			.withOnlyServices(services.toArray(String[]::new));
		for (String service : services) {
			settings = settings.withServicePort(service, 0);
		}
		Platform platform = Platform.create(settings, (line) -> System.out.println("[platform] " + line));
		// Ctrl-C stops the services too, rather than leaving them running without a
		// broker.
		Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "bench-shutdown"));
		long started = System.nanoTime();
		try {
			platform.startAll();
		}
		catch (RuntimeException ex) {
			platform.close();
			throw ex;
		}
		return new EmbeddedTarget(platform, home, Duration.ofNanos(System.nanoTime() - started), List.copyOf(services));
	}

	Platform platform() {
		return this.platform;
	}

	/**
	 * Where the embedded store keeps its file.
	 * @return the store's directory in the temporary home
	 */
	Path storeDirectory() {
		return this.home.resolve("mongo");
	}

	/**
	 * From the start of the broker to the last service ready.
	 * @return the time
	 */
	Duration readyAfter() {
		return this.readyAfter;
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.platform.kafkaBootstrapServers();
	}

	@Override
	public String mongoUri(String database) {
		return this.platform.mongoUri(database);
	}

	@Override
	public URI serviceUrl(String service) {
		return URI.create(this.platform.serviceUrl(service));
	}

	@Override
	public List<Mail> mails() {
		return this.platform.mailbox()
			.messages()
			.stream()
			.map((mail) -> new Mail(mail.recipients(), mail.messageId(), Micros.of(mail.receivedAt())))
			.toList();
	}

	@Override
	public OptionalLong storeWriteCommands() {
		return this.platform.storeWriteCommands();
	}

	@Override
	public Map<String, Long> processes() {
		Map<String, Long> processes = new LinkedHashMap<>();
		for (String service : this.services) {
			processes.put(service, this.platform.processId(service));
		}
		processes.put(INFRASTRUCTURE, ProcessHandle.current().pid());
		return processes;
	}

	@Override
	public String description() {
		return "the embedded platform (as ./infrapm up runs it), started by the benchmark on free ports in "
				+ "a temporary home";
	}

	@Override
	public void close() {
		this.platform.close();
		deleteQuietly(this.home);
	}

	private static void deleteQuietly(Path directory) {
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("[bench] could not delete " + directory + ": " + ex.getMessage());
		}
	}

}
