package io.infrapm.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Platform} runs: where the repository and the data live, which ports it
 * uses, whether Kafka and MongoDB are embedded or external, and how the service JVMs are
 * started.
 * <p>
 * Start from {@link #local(Path)} (what {@code ./infrapm up} runs) or
 * {@link #ephemeral(Path)} (what end-to-end tests run) and adjust with the
 * {@code with...} methods. A port of {@code 0} means "pick a free loopback port when
 * starting".
 *
 * @param repositoryRoot the directory that holds {@code mvnw}, {@code infrapm} and the
 * service modules; the service jars are {@code <root>/<service>/target/<service>.jar}
 * @param home where data, mail and logs are kept; {@code null} means a temporary
 * directory that is deleted when the platform is closed
 * @param ephemeral whether this is a throw-away platform for tests: in-memory MongoDB and
 * mailbox, temporary Kafka storage, and the platform's own addresses take precedence over
 * the launcher's environment
 * @param kafkaPort the Kafka client port
 * @param mongoPort the MongoDB-wire port
 * @param smtpPort the dev mailbox's SMTP port
 * @param mailboxHttpPort the dev mailbox's HTTP API port
 * @param issuerPort the development OAuth2 issuer's port
 * @param servicePorts the services to start, in order, with their HTTP ports
 * @param externalKafkaBootstrapServers an already running Kafka to use instead of the
 * embedded broker, or {@code null}
 * @param externalMongoUri an already running MongoDB (a connection string without or with
 * a database, which is replaced per service) to use instead of the embedded server, or
 * {@code null}
 * @param serviceMongoUri where the services reach MongoDB, if not where the platform runs
 * it (e.g. through a proxy that a fault test cuts); {@code null} for the same address
 * @param readinessTimeout how long each service may take to report ready
 * @param jvmOptions the options every service JVM is started with
 * @param environment variables set for every service, overriding both the launcher's
 * environment and the platform's defaults
 */
public record PlatformSettings(Path repositoryRoot, Path home, boolean ephemeral, int kafkaPort, int mongoPort,
		int smtpPort, int mailboxHttpPort, int issuerPort, Map<String, Integer> servicePorts,
		String externalKafkaBootstrapServers, String externalMongoUri, String serviceMongoUri,
		Duration readinessTimeout, List<String> jvmOptions, Map<String, String> environment) {

	/** The four services, in the order they are started and listed. */
	public static final List<String> SERVICES = List.of("project-service", "risk-service", "budget-service",
			"notification-service");

	/** The default Kafka port of the local platform. */
	public static final int DEFAULT_KAFKA_PORT = 9092;

	/** The default MongoDB port of the local platform. */
	public static final int DEFAULT_MONGO_PORT = 27017;

	/** The default SMTP port of the dev mailbox. */
	public static final int DEFAULT_SMTP_PORT = 2525;

	/** The default HTTP port of the dev mailbox's API. */
	public static final int DEFAULT_MAILBOX_HTTP_PORT = 8025;

	/** The default port of the development OAuth2 issuer. */
	public static final int DEFAULT_ISSUER_PORT = 9000;

	/** How long a service may take to become ready unless configured otherwise. */
	public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * The options every service JVM gets by default. Five JVMs (the launcher and four
	 * services) share a developer's laptop or a two-core CI runner: a fixed, small heap
	 * keeps their total memory predictable; stopping at the C1 compiler roughly halves
	 * the CPU that JIT compilation burns during start-up (peak throughput does not matter
	 * locally); the serial collector has the least overhead for heaps this small.
	 */
	public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC", "-Xss512k", "-Xshare:auto");

	private static final Map<String, Integer> DEFAULT_SERVICE_PORTS = Map.of("project-service", 8081, "risk-service",
			8082, "budget-service", 8083, "notification-service", 8084);

	private static final Map<String, String> DATABASES = Map.of("project-service", "infrapm-project", "risk-service",
			"infrapm-risk", "budget-service", "infrapm-budget", "notification-service", "infrapm-notification");

	/**
	 * Create settings, checking that they are complete and consistent.
	 * @param repositoryRoot the repository root
	 * @param home the data directory, or {@code null} for a temporary one
	 * @param ephemeral whether the platform is a throw-away one
	 * @param kafkaPort the Kafka port
	 * @param mongoPort the MongoDB port
	 * @param smtpPort the SMTP port
	 * @param mailboxHttpPort the mailbox HTTP port
	 * @param issuerPort the issuer's port
	 * @param servicePorts the services and their ports
	 * @param externalKafkaBootstrapServers external Kafka or {@code null}
	 * @param externalMongoUri external MongoDB or {@code null}
	 * @param serviceMongoUri the services' address of MongoDB, or {@code null}
	 * @param readinessTimeout the readiness timeout
	 * @param jvmOptions the service JVM options
	 * @param environment environment overrides for the services
	 */
	public PlatformSettings {
		if (repositoryRoot == null) {
			throw new IllegalArgumentException("The repository root is required");
		}
		repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
		home = (home != null) ? home.toAbsolutePath().normalize() : null;
		if (home == null && !ephemeral) {
			throw new IllegalArgumentException("A persistent platform needs a home directory");
		}
		for (int port : new int[] { kafkaPort, mongoPort, smtpPort, mailboxHttpPort, issuerPort }) {
			checkPort(port);
		}
		servicePorts = copyOrdered(servicePorts);
		if (servicePorts.isEmpty()) {
			throw new IllegalArgumentException("At least one service must be started");
		}
		servicePorts.forEach((service, port) -> {
			if (!SERVICES.contains(service)) {
				throw new IllegalArgumentException("Unknown service '" + service + "'; known are " + SERVICES);
			}
			checkPort(port);
		});
		externalKafkaBootstrapServers = blankToNull(externalKafkaBootstrapServers);
		externalMongoUri = blankToNull(externalMongoUri);
		serviceMongoUri = blankToNull(serviceMongoUri);
		if (serviceMongoUri != null && !serviceMongoUri.startsWith("mongodb://")) {
			throw new IllegalArgumentException("Not a MongoDB connection string: " + serviceMongoUri);
		}
		if (externalMongoUri != null && !externalMongoUri.startsWith("mongodb://")
				&& !externalMongoUri.startsWith("mongodb+srv://")) {
			throw new IllegalArgumentException("Not a MongoDB connection string: " + externalMongoUri);
		}
		if (readinessTimeout == null || readinessTimeout.isNegative() || readinessTimeout.isZero()) {
			throw new IllegalArgumentException("The readiness timeout must be positive");
		}
		jvmOptions = List.copyOf(jvmOptions);
		environment = Map.copyOf(environment);
	}

	/**
	 * The settings of {@code ./infrapm up}: data under {@code <root>/.infrapm}, the
	 * well-known ports (Kafka 9092, MongoDB 27017, SMTP 2525, mailbox API 8025, issuer
	 * 9000, services 8081 to 8084), embedded Kafka and MongoDB, a readiness timeout of
	 * 120 s.
	 * @param repositoryRoot the repository root
	 * @return the settings
	 */
	public static PlatformSettings local(Path repositoryRoot) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		SERVICES.forEach((service) -> ports.put(service, DEFAULT_SERVICE_PORTS.get(service)));
		return new PlatformSettings(repositoryRoot, repositoryRoot.resolve(".infrapm"), false, DEFAULT_KAFKA_PORT,
				DEFAULT_MONGO_PORT, DEFAULT_SMTP_PORT, DEFAULT_MAILBOX_HTTP_PORT, DEFAULT_ISSUER_PORT, ports, null,
				null, null, DEFAULT_READINESS_TIMEOUT, DEFAULT_JVM_OPTIONS, Map.of());
	}

	/**
	 * Settings for a throw-away platform, as end-to-end tests need it: a temporary home,
	 * free ports everywhere, in-memory MongoDB and mailbox, temporary Kafka storage.
	 * @param repositoryRoot the repository root
	 * @return the settings
	 */
	public static PlatformSettings ephemeral(Path repositoryRoot) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		SERVICES.forEach((service) -> ports.put(service, 0));
		return new PlatformSettings(repositoryRoot, null, true, 0, 0, 0, 0, 0, ports, null, null, null,
				DEFAULT_READINESS_TIMEOUT, DEFAULT_JVM_OPTIONS, Map.of());
	}

	/**
	 * Find the repository root by walking up from {@code start} to the first directory
	 * that contains both {@code mvnw} and {@code infrapm}.
	 * @param start where to start, usually the working directory
	 * @return the repository root
	 * @throws IllegalStateException if there is none above {@code start}
	 */
	public static Path findRepositoryRoot(Path start) {
		for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("infrapm"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Could not find the InfraPM repository (a directory with both mvnw and "
				+ "infrapm) at or above " + start.toAbsolutePath().normalize() + "; run from inside the repository");
	}

	/**
	 * The same settings with data kept elsewhere.
	 * @param home the data directory, or {@code null} for a temporary one (ephemeral
	 * only)
	 * @return new settings
	 */
	public PlatformSettings withHome(Path home) {
		return new PlatformSettings(this.repositoryRoot, home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, this.issuerPort, this.servicePorts,
				this.externalKafkaBootstrapServers, this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout,
				this.jvmOptions, this.environment);
	}

	/**
	 * The same settings with another Kafka port.
	 * @param port the port, or {@code 0} for a free one
	 * @return new settings
	 */
	public PlatformSettings withKafkaPort(int port) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, port, this.mongoPort, this.smtpPort,
				this.mailboxHttpPort, this.issuerPort, this.servicePorts, this.externalKafkaBootstrapServers,
				this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout, this.jvmOptions, this.environment);
	}

	/**
	 * The same settings with another MongoDB port.
	 * @param port the port, or {@code 0} for a free one
	 * @return new settings
	 */
	public PlatformSettings withMongoPort(int port) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, port, this.smtpPort,
				this.mailboxHttpPort, this.issuerPort, this.servicePorts, this.externalKafkaBootstrapServers,
				this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout, this.jvmOptions, this.environment);
	}

	/**
	 * The same settings with other mailbox ports.
	 * @param smtpPort the SMTP port, or {@code 0} for a free one
	 * @param httpPort the HTTP API port, or {@code 0} for a free one
	 * @return new settings
	 */
	public PlatformSettings withMailboxPorts(int smtpPort, int httpPort) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				smtpPort, httpPort, this.issuerPort, this.servicePorts, this.externalKafkaBootstrapServers,
				this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout, this.jvmOptions, this.environment);
	}

	/**
	 * The same settings with another port for the development OAuth2 issuer.
	 * @param port the port, or {@code 0} for a free one
	 * @return new settings
	 */
	public PlatformSettings withIssuerPort(int port) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, port, this.servicePorts, this.externalKafkaBootstrapServers,
				this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout, this.jvmOptions, this.environment);
	}

	/**
	 * The same settings with another port for one service.
	 * @param service the service, e.g. {@code risk-service}
	 * @param port the port, or {@code 0} for a free one
	 * @return new settings
	 */
	public PlatformSettings withServicePort(String service, int port) {
		requireKnown(service);
		Map<String, Integer> ports = new LinkedHashMap<>(this.servicePorts);
		ports.put(service, port);
		return withServicePorts(ports);
	}

	/**
	 * The same settings, starting only some of the services.
	 * @param services the services to start
	 * @return new settings
	 */
	public PlatformSettings withOnlyServices(String... services) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : services) {
			requireKnown(service);
			ports.put(service, this.servicePorts.get(service));
		}
		return withServicePorts(ports);
	}

	private PlatformSettings withServicePorts(Map<String, Integer> ports) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, this.issuerPort, ports, this.externalKafkaBootstrapServers,
				this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout, this.jvmOptions, this.environment);
	}

	/**
	 * The same settings, using Kafka and MongoDB that already run (e.g. Testcontainers)
	 * instead of the embedded ones. The dev mailbox still runs in process.
	 * @param kafkaBootstrapServers the Kafka bootstrap servers
	 * @param mongoUri a MongoDB connection string; each service gets its own database on
	 * it
	 * @return new settings
	 */
	public PlatformSettings withExternalInfrastructure(String kafkaBootstrapServers, String mongoUri) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, this.issuerPort, this.servicePorts, kafkaBootstrapServers,
				mongoUri, this.serviceMongoUri, this.readinessTimeout, this.jvmOptions, this.environment);
	}

	/**
	 * The same settings, with the services reaching MongoDB at another address than the
	 * one the platform runs it on, e.g. through a proxy that a fault test can cut. Each
	 * service still gets its own database there.
	 * @param mongoUri a MongoDB connection string
	 * @return new settings
	 */
	public PlatformSettings withServiceMongoUri(String mongoUri) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, this.issuerPort, this.servicePorts,
				this.externalKafkaBootstrapServers, this.externalMongoUri, mongoUri, this.readinessTimeout,
				this.jvmOptions, this.environment);
	}

	/**
	 * The same settings with another readiness timeout.
	 * @param timeout how long each service may take to become ready
	 * @return new settings
	 */
	public PlatformSettings withReadinessTimeout(Duration timeout) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, this.issuerPort, this.servicePorts,
				this.externalKafkaBootstrapServers, this.externalMongoUri, this.serviceMongoUri, timeout,
				this.jvmOptions, this.environment);
	}

	/**
	 * The same settings with other service JVM options.
	 * @param options the options, replacing {@link #DEFAULT_JVM_OPTIONS}
	 * @return new settings
	 */
	public PlatformSettings withJvmOptions(List<String> options) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, this.issuerPort, this.servicePorts,
				this.externalKafkaBootstrapServers, this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout,
				options, this.environment);
	}

	/**
	 * The same settings with one more environment variable for every service, e.g. a
	 * shorter poll interval for a test.
	 * @param name the variable name, e.g.
	 * {@code INFRAPM_NOTIFICATION_DISPATCH_POLL_INTERVAL}
	 * @param value the value
	 * @return new settings
	 */
	public PlatformSettings withEnvironment(String name, String value) {
		Map<String, String> environment = new LinkedHashMap<>(this.environment);
		environment.put(name, value);
		return new PlatformSettings(this.repositoryRoot, this.home, this.ephemeral, this.kafkaPort, this.mongoPort,
				this.smtpPort, this.mailboxHttpPort, this.issuerPort, this.servicePorts,
				this.externalKafkaBootstrapServers, this.externalMongoUri, this.serviceMongoUri, this.readinessTimeout,
				this.jvmOptions, environment);
	}

	/**
	 * The services to start, in order.
	 * @return the service names
	 */
	public List<String> services() {
		return List.copyOf(this.servicePorts.keySet());
	}

	/**
	 * The executable jar of a service.
	 * @param service the service name
	 * @return {@code <root>/<service>/target/<service>.jar}
	 */
	public Path serviceJar(String service) {
		return this.repositoryRoot.resolve(service).resolve("target").resolve(service + ".jar");
	}

	/**
	 * The MongoDB database a service owns.
	 * @param service the service name
	 * @return e.g. {@code infrapm-risk}
	 */
	public static String databaseOf(String service) {
		String database = DATABASES.get(service);
		if (database == null) {
			throw new IllegalArgumentException("Unknown service '" + service + "'; known are " + SERVICES);
		}
		return database;
	}

	private void requireKnown(String service) {
		if (!SERVICES.contains(service)) {
			throw new IllegalArgumentException("Unknown service '" + service + "'; known are " + SERVICES);
		}
	}

	private static void checkPort(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Not a port: " + port);
		}
	}

	private static Map<String, Integer> copyOrdered(Map<String, Integer> ports) {
		// Map.copyOf would lose the start order, which is also the order of the printed
		// list.
		Map<String, Integer> copy = new LinkedHashMap<>(ports);
		return Collections.unmodifiableMap(copy);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
