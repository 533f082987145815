package io.infrapm.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.infrapm.issuer.DevIssuer;
import io.infrapm.issuer.IssuerLogin;

/**
 * The whole InfraPM platform on one machine: Kafka, MongoDB and the dev mailbox in this
 * JVM, and each service in a JVM of its own, as {@code ./infrapm up} runs it and as
 * end-to-end tests drive it.
 * <p>
 * {@link #startAll()} first checks everything that can be checked without starting
 * anything (the home is not locked by another platform, every fixed port is free, every
 * service jar is built) and fails at once with a message saying what to do. It then
 * starts the infrastructure, then all services at the same time, and waits for each
 * service's readiness endpoint. {@link #close()} stops the services (gracefully, then
 * forcibly), then the mailbox, Kafka and MongoDB; it is safe to call from a shutdown hook
 * while {@link #startAll()} is still running.
 * <p>
 * Each service gets the launcher's environment plus the platform's addresses:
 * {@code SERVER_PORT}, {@code SERVER_ADDRESS}, {@code SPRING_MONGODB_URI} (its own
 * database), {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code SPRING_MAIL_HOST},
 * {@code SPRING_MAIL_PORT}, {@code MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED}, and
 * {@code INFRAPM_NOTIFICATION_WEBHOOKS_ALLOW_LOOPBACK} and {@code ..._ALLOW_HTTP}
 * (webhook receivers may run on the same machine). For a local platform a variable the
 * user has set wins over the platform's default (a {@code SPRING_MAIL_HOST} exported in
 * the shell is used as it is), except {@code SERVER_PORT}, which must differ per service.
 * For an ephemeral platform the platform's values win, so a developer's shell cannot
 * point a test at the wrong broker. {@link PlatformSettings#environment()} overrides
 * both.
 */
public final class Platform implements AutoCloseable {

	/** How long a service gets to stop after SIGTERM before it is killed. */
	static final Duration STOP_GRACE = Duration.ofSeconds(20);

	/** Progress lines line up: name, address, time. */
	private static final String LINE = "%-21s %-30s ";

	private final PlatformSettings settings;

	private final Map<String, String> launcherEnvironment;

	private final Consumer<String> progress;

	/** Serialises startAll, start and stop; close deliberately does not take it. */
	private final ReentrantLock lifecycle = new ReentrantLock();

	/** Guards the fields below, briefly, so close can run while startAll is waiting. */
	private final Object state = new Object();

	private boolean closing;

	private boolean started;

	private PlatformLock lock;

	private Path home;

	private boolean temporaryHome;

	private LocalKafka kafka;

	private LocalMongo mongo;

	private DevMailbox mailbox;

	private DevIssuer issuer;

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private Platform(PlatformSettings settings, Map<String, String> launcherEnvironment, Consumer<String> progress) {
		// The services are told the issuer's address before it runs (they start at the
		// same time), so an ephemeral platform picks its issuer's port now.
		this.settings = (settings.issuerPort() == 0) ? settings.withIssuerPort(LoopbackPorts.pick()) : settings;
		this.launcherEnvironment = Map.copyOf(launcherEnvironment);
		this.progress = progress;
	}

	/**
	 * Create a platform that is not started yet, reporting progress to {@code progress}.
	 * @param settings how to run
	 * @param progress receives one line per step (infrastructure started, service ready)
	 * @return the platform
	 */
	public static Platform create(PlatformSettings settings, Consumer<String> progress) {
		return new Platform(settings, System.getenv(), progress);
	}

	/**
	 * Create and start a platform, printing progress to standard output. If it cannot
	 * start, whatever was started is stopped again before the exception is thrown.
	 * @param settings how to run
	 * @return the running platform
	 * @throws PlatformStartException if it could not start
	 */
	public static Platform launch(PlatformSettings settings) {
		Platform platform = create(settings, (line) -> System.out.println("[infrapm] " + line));
		try {
			platform.startAll();
			return platform;
		}
		catch (RuntimeException ex) {
			platform.close();
			throw ex;
		}
	}

	/**
	 * Start the infrastructure and every service, and wait until each service is ready.
	 * @throws PlatformStartException if a check fails, something cannot start, a service
	 * exits or does not become ready in time; what was started is then stopped
	 */
	public void startAll() {
		this.lifecycle.lock();
		try {
			synchronized (this.state) {
				if (this.started || this.closing) {
					throw new IllegalStateException("A platform can be started only once");
				}
				this.started = true;
			}
			try {
				prepareHome();
				preflight();
				startInfrastructure();
				startServicesAndIssuer();
			}
			catch (RuntimeException ex) {
				close();
				throw ex;
			}
		}
		finally {
			this.lifecycle.unlock();
		}
	}

	private void prepareHome() {
		Path home = this.settings.home();
		boolean temporary = (home == null);
		try {
			home = temporary ? Files.createTempDirectory("infrapm-") : home;
			Files.createDirectories(home);
		}
		catch (IOException ex) {
			throw new PlatformStartException("Could not create the InfraPM home " + home + ": " + ex.getMessage(), ex);
		}
		synchronized (this.state) {
			this.home = home;
			this.temporaryHome = temporary;
		}
	}

	/**
	 * Everything that can fail without starting anything, checked before anything starts.
	 */
	private void preflight() {
		PlatformLock acquired = PlatformLock.acquire(this.home);
		register(() -> this.lock = acquired, acquired);
		Map<Integer, String> ports = new LinkedHashMap<>();
		if (this.settings.externalKafkaBootstrapServers() == null) {
			ports.put(this.settings.kafkaPort(), "Kafka");
		}
		if (this.settings.externalMongoUri() == null) {
			ports.put(this.settings.mongoPort(), "MongoDB");
		}
		ports.put(this.settings.smtpPort(), "the mailbox's SMTP server");
		ports.put(this.settings.mailboxHttpPort(), "the mailbox's HTTP API");
		ports.put(this.settings.issuerPort(), "the OAuth2 issuer");
		this.settings.servicePorts().forEach((service, port) -> ports.putIfAbsent(port, service));
		ports.remove(0);
		for (Map.Entry<Integer, String> port : ports.entrySet()) {
			if (!Ports.isFree(port.getKey())) {
				throw new PlatformStartException("port " + port.getKey() + " (" + port.getValue()
						+ ") is in use; stop the other InfraPM (Ctrl-C in its terminal) or free the port");
			}
		}
		for (String service : this.settings.services()) {
			Path jar = this.settings.serviceJar(service);
			if (!Files.isRegularFile(jar)) {
				throw new PlatformStartException(this.settings.repositoryRoot().relativize(jar) + " is missing; "
						+ "build it with ./mvnw -DskipTests package (./infrapm up builds what is missing)");
			}
		}
	}

	private void startInfrastructure() {
		if (this.settings.externalKafkaBootstrapServers() == null) {
			LocalKafka started = this.settings.ephemeral() ? LocalKafka.ephemeral(this.settings.kafkaPort())
					: LocalKafka.persistent(this.home.resolve("kafka"), this.settings.kafkaPort());
			register(() -> this.kafka = started, started);
			this.progress.accept(String.format(Locale.ROOT, LINE + "started in %.1f s", "Kafka",
					started.bootstrapServers(), seconds(started.startupTime())));
		}
		if (this.settings.externalMongoUri() == null) {
			LocalMongo started = this.settings.ephemeral() ? LocalMongo.inMemory(this.settings.mongoPort())
					: LocalMongo.persistent(this.home.resolve("mongo"), this.settings.mongoPort());
			register(() -> this.mongo = started, started);
			this.progress.accept(String.format(Locale.ROOT, LINE + "started in %.1f s", "MongoDB", started.baseUri(),
					seconds(started.startupTime())));
		}
		int smtpPort = this.settings.smtpPort();
		int httpPort = this.settings.mailboxHttpPort();
		DevMailbox mailbox = this.settings.ephemeral() ? DevMailbox.ephemeral(smtpPort, httpPort)
				: DevMailbox.persistent(this.home.resolve("mail"), smtpPort, httpPort);
		register(() -> this.mailbox = mailbox, mailbox);
		this.progress.accept(String.format(Locale.ROOT, LINE + "started in %.1f s", "Mailbox",
				"smtp 127.0.0.1:" + mailbox.smtpPort(), seconds(mailbox.startupTime())));
	}

	/**
	 * The services and the issuer start at the same time: a service needs the issuer only
	 * when it checks a token, and the issuer takes seconds to start.
	 */
	private void startServicesAndIssuer() {
		CompletableFuture<Void> issuer = CompletableFuture.runAsync(this::startIssuer, (task) -> {
			Thread thread = new Thread(task, "infrapm-issuer-start");
			thread.setDaemon(true);
			thread.start();
		});
		RuntimeException failure = null;
		try {
			startServices(this.settings.services());
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		try {
			issuer.join();
		}
		catch (CompletionException ex) {
			if (failure == null) {
				failure = (ex.getCause() instanceof RuntimeException cause) ? cause : new PlatformStartException(
						"The OAuth2 issuer could not start: " + ex.getCause(), ex.getCause());
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void startIssuer() {
		long started = System.nanoTime();
		DevIssuer issuer;
		try {
			issuer = DevIssuer.start(this.home.resolve("issuer"), this.settings.issuerPort());
		}
		catch (RuntimeException ex) {
			throw new PlatformStartException("The OAuth2 issuer could not start on 127.0.0.1:"
					+ this.settings.issuerPort() + ": " + Causes.innermostMessage(ex), ex);
		}
		register(() -> this.issuer = issuer, issuer);
		this.progress.accept(String.format(Locale.ROOT, LINE + "started in %.1f s", "Issuer", issuer.issuerUri(),
				seconds(Duration.ofNanos(System.nanoTime() - started))));
	}

	/**
	 * Start services and wait until each is ready. Each service goes through its own
	 * steps in a thread of its own: its class data archive (made if missing), its JVM,
	 * its readiness. So a service whose jar was rebuilt, and whose archive is being made,
	 * holds up only itself; each is reported as soon as it is ready, and the slowest
	 * alone decides the total start time.
	 */
	private void startServices(List<String> names) {
		ExecutorService executor = Executors.newFixedThreadPool(names.size(), (task) -> {
			Thread thread = new Thread(task, "infrapm-start");
			thread.setDaemon(true);
			return thread;
		});
		try {
			CompletionService<ServiceProcess> completion = new ExecutorCompletionService<>(executor);
			for (String name : names) {
				completion.submit(() -> startService(name));
			}
			for (int i = 0; i < names.size(); i++) {
				Future<ServiceProcess> done = completion.take();
				ServiceProcess ready = done.get();
				this.progress.accept(String.format(Locale.ROOT, LINE + "ready in %.1f s", ready.name(), ready.url(),
						seconds(ready.startupTime())));
				if (ready.archive() != null && ready.logContains(ClassDataArchive.REFUSED_MARKER)) {
					// It started, only more slowly; the next start makes the archive
					// again.
					ready.archive().invalidate();
					this.progress.accept(ready.name() + " could not use its class data archive; it is made again "
							+ "at the next start");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PlatformStartException("Interrupted while waiting for the services");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new PlatformStartException("A service failed to start: " + ex.getCause(), ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
	}

	private ServiceProcess startService(String name) {
		ClassDataArchive archive = prepareArchive(name);
		if (isClosing()) {
			throw new PlatformStartException("Start of " + name + " was abandoned");
		}
		ServiceProcess process = newServiceProcess(name, archive);
		try {
			process.start();
		}
		catch (IOException ex) {
			throw new PlatformStartException("Could not start " + name + ": " + ex.getMessage(), ex);
		}
		register(() -> this.services.put(name, process), () -> process.stop(STOP_GRACE));
		process.awaitReady(this.settings.readinessTimeout(), this::isClosing);
		return process;
	}

	/**
	 * The class data archive a service starts from, made if it is missing (once per build
	 * of its jar), or {@code null}: the service then starts from its jar, as without
	 * archives.
	 */
	private ClassDataArchive prepareArchive(String name) {
		ClassDataArchive archive = ClassDataArchive.of(this.settings.serviceJar(name), javaExecutable(),
				this.settings.jvmOptions());
		if (archive == null) {
			return null;
		}
		long started = System.nanoTime();
		try {
			// The training run reaches no infrastructure: nothing listens at these
			// addresses, and nothing at a context refresh needs to.
			String nowhere = "127.0.0.1:" + Ports.free();
			Map<String, String> environment = new LinkedHashMap<>(
					serviceEnvironment(this.settings, this.launcherEnvironment, 0,
							"mongodb://" + nowhere + "/" + PlatformSettings.databaseOf(name), nowhere, Ports.free()));
			// A user's own addresses for a local platform are not for the training
			// either.
			environment.put("SPRING_MONGODB_URI", "mongodb://" + nowhere + "/" + PlatformSettings.databaseOf(name));
			environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", nowhere);
			environment.put("SERVER_PORT", "0");
			// Index creation is the one thing at a context refresh that waits for
			// MongoDB.
			environment.put("SPRING_DATA_MONGODB_AUTO_INDEX_CREATION", "false");
			if (archive.prepare(environment, this.settings.repositoryRoot().resolve(name),
					this.settings.readinessTimeout(), this::isClosing)) {
				this.progress.accept(String.format(Locale.ROOT, LINE + "made in %.1f s (once per build)", name,
						"class data archive", (System.nanoTime() - started) / 1e9));
			}
			return archive;
		}
		catch (IOException | RuntimeException ex) {
			if (!isClosing()) {
				this.progress.accept(name + ": no class data archive (" + ex.getMessage()
						+ "); it starts from its jar, more slowly");
			}
			return null;
		}
	}

	private ServiceProcess newServiceProcess(String name, ClassDataArchive archive) {
		Integer configured = this.settings.servicePorts().get(name);
		ServiceProcess previous;
		synchronized (this.state) {
			previous = this.services.get(name);
		}
		// A restarted service keeps its port, so URLs a test holds stay valid.
		int port = (previous != null) ? previous.port() : (configured != 0) ? configured : LoopbackPorts.pick();
		List<String> command = new ArrayList<>();
		command.add(javaExecutable().toString());
		command.addAll(this.settings.jvmOptions());
		if (archive != null) {
			command.addAll(archive.launchArguments());
		}
		else {
			command.add("-jar");
			command.add(this.settings.serviceJar(name).toString());
		}
		return new ServiceProcess(name, port, command, serviceEnvironment(name, port),
				this.settings.repositoryRoot().resolve(name), this.home.resolve("logs").resolve(name + ".log"),
				archive);
	}

	private static Path javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	private Map<String, String> serviceEnvironment(String name, int port) {
		String database = PlatformSettings.databaseOf(name);
		String mongoUri = (this.settings.serviceMongoUri() != null)
				? MongoUris.withDatabase(this.settings.serviceMongoUri(), database) : mongoUri(database);
		return serviceEnvironment(this.settings, this.launcherEnvironment, port, mongoUri, kafkaBootstrapServers(),
				mailbox().smtpPort());
	}

	/**
	 * The variables a service gets on top of the launcher's environment (see the class
	 * comment for the precedence rules).
	 */
	static Map<String, String> serviceEnvironment(PlatformSettings settings, Map<String, String> launcherEnvironment,
			int port, String mongoUri, String kafkaBootstrapServers, int smtpPort) {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("SERVER_ADDRESS", "127.0.0.1");
		defaults.put("SPRING_MONGODB_URI", mongoUri);
		defaults.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
		defaults.put("SPRING_MAIL_HOST", "127.0.0.1");
		defaults.put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
		// The issuer's address is fixed before it runs: a service fetches its keys on the
		// first request that carries a token.
		defaults.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", DevIssuer.uriAt(settings.issuerPort()));
		// Readiness is awaited on /actuator/health/readiness. Spring Boot adds the probe
		// groups by itself only on Kubernetes, so ask for them.
		defaults.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
		// The whole platform runs on this machine, and so may the receivers of its
		// webhooks: notification-service may post to loopback addresses, over plain http.
		// A deployment keeps the defaults (https, public addresses only).
		defaults.put("INFRAPM_NOTIFICATION_WEBHOOKS_ALLOW_LOOPBACK", "true");
		defaults.put("INFRAPM_NOTIFICATION_WEBHOOKS_ALLOW_HTTP", "true");
		Map<String, String> environment = new LinkedHashMap<>();
		defaults.forEach((key, value) -> {
			if (settings.ephemeral() || !launcherEnvironment.containsKey(key)) {
				environment.put(key, value);
			}
		});
		// A single SERVER_PORT for four services could only collide: never inherited.
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.putAll(settings.environment());
		return environment;
	}

	/**
	 * The base address of a running service.
	 * @param service e.g. {@code risk-service}
	 * @return e.g. {@code http://127.0.0.1:8082}
	 */
	public String serviceUrl(String service) {
		return service(service).url();
	}

	/**
	 * The development OAuth2 issuer (Spring Authorization Server): its users, clients and
	 * signing key live under {@code <home>/issuer}.
	 * @return e.g. {@code http://127.0.0.1:9000}
	 */
	public String issuerUri() {
		synchronized (this.state) {
			if (this.issuer == null) {
				throw new IllegalStateException("The platform is not started");
			}
			return this.issuer.issuerUri();
		}
	}

	/**
	 * Logs a development user in at the running issuer, as {@code ./infrapm token} does:
	 * the user is added to the issuer's users file if missing, with the roles asked for.
	 * @param email the user
	 * @param roles platform roles to give them, or none to keep theirs
	 * @return an access token the services accept
	 * @throws IssuerLogin.IssuerLoginException if the issuer refuses or is not reachable
	 */
	public String accessToken(String email, String... roles) {
		return accessToken(this.home, issuerUri(), email, List.of(roles));
	}

	/**
	 * Logs a development user in at the issuer of a platform that runs elsewhere (another
	 * process, {@code ./infrapm up}), as {@code ./infrapm token} does.
	 * @param home the platform's home, where the issuer keeps its users
	 * @param issuerUri the issuer
	 * @param email the user
	 * @param roles platform roles to give them, or empty to keep theirs
	 * @return an access token the services accept
	 * @throws IssuerLogin.IssuerLoginException if the issuer refuses or is not reachable
	 */
	public static String accessToken(Path home, String issuerUri, String email, List<String> roles) {
		String password = DevIssuer.passwordOf(home.resolve("issuer"), email,
				roles.stream().map(String::trim).toList());
		return IssuerLogin.accessToken(issuerUri, email, password);
	}

	/**
	 * The dev mailbox that catches the platform's e-mail.
	 * @return the mailbox
	 */
	public DevMailbox mailbox() {
		synchronized (this.state) {
			if (this.mailbox == null) {
				throw new IllegalStateException("The platform is not started");
			}
			return this.mailbox;
		}
	}

	/**
	 * The Kafka address the services use.
	 * @return e.g. {@code 127.0.0.1:9092}
	 */
	public String kafkaBootstrapServers() {
		if (this.settings.externalKafkaBootstrapServers() != null) {
			return this.settings.externalKafkaBootstrapServers();
		}
		synchronized (this.state) {
			if (this.kafka == null) {
				throw new IllegalStateException("The platform is not started");
			}
			return this.kafka.bootstrapServers();
		}
	}

	/**
	 * The connection string of one database on the MongoDB the services use.
	 * @param database e.g. {@code infrapm-risk}
	 * @return e.g. {@code mongodb://127.0.0.1:27017/infrapm-risk}
	 */
	public String mongoUri(String database) {
		if (this.settings.externalMongoUri() != null) {
			return MongoUris.withDatabase(this.settings.externalMongoUri(), database);
		}
		synchronized (this.state) {
			if (this.mongo == null) {
				throw new IllegalStateException("The platform is not started");
			}
			return this.mongo.connectionString(database);
		}
	}

	/**
	 * How many commands that may write the embedded MongoDB server has handled since it
	 * started (see {@link LocalMongo#writeCommands()}).
	 * @return the count, or empty with an external or in-memory MongoDB
	 */
	public OptionalLong storeWriteCommands() {
		synchronized (this.state) {
			return (this.mongo != null) ? this.mongo.writeCommands() : OptionalLong.empty();
		}
	}

	/**
	 * Where this platform keeps its data and logs (a temporary directory for an ephemeral
	 * platform).
	 * @return the home directory
	 */
	public Path home() {
		synchronized (this.state) {
			return this.home;
		}
	}

	/**
	 * The log file a service writes to.
	 * @param service the service
	 * @return {@code <home>/logs/<service>.log}
	 */
	public Path logFile(String service) {
		return service(service).logFile();
	}

	/**
	 * The last lines of a service's log, e.g. to print when a test fails.
	 * @param service the service
	 * @param lines how many lines
	 * @return the lines
	 */
	public String logTail(String service, int lines) {
		return service(service).logTail(lines);
	}

	/**
	 * How long a service took from process start to ready, the last time it started.
	 * @param service the service
	 * @return the start-up time
	 */
	public Duration startupTime(String service) {
		return service(service).startupTime();
	}

	/**
	 * The operating-system process id of a running service, e.g. to read its resident
	 * memory in a benchmark.
	 * @param service the service
	 * @return the process id
	 * @throws IllegalStateException if the service is not running
	 */
	public long processId(String service) {
		Process process = service(service).process();
		if (process == null || !process.isAlive()) {
			throw new IllegalStateException(service + " is not running");
		}
		return process.pid();
	}

	/**
	 * Whether a service's process is running.
	 * @param service the service
	 * @return {@code true} if it runs
	 */
	public boolean isRunning(String service) {
		return service(service).isAlive();
	}

	/**
	 * Stop one service gracefully (SIGTERM, then a kill after 20 s), e.g. to test that
	 * the others carry on and that it catches up when it is back.
	 * @param service the service
	 */
	public void stop(String service) {
		this.lifecycle.lock();
		try {
			service(service).stop(STOP_GRACE);
		}
		finally {
			this.lifecycle.unlock();
		}
	}

	/**
	 * Start a stopped service again on the same port and wait until it is ready.
	 * @param service the service
	 * @throws PlatformStartException if it does not become ready
	 */
	public void start(String service) {
		this.lifecycle.lock();
		try {
			ServiceProcess current = service(service);
			if (current.isAlive()) {
				throw new IllegalStateException(service + " is running; stop it first");
			}
			startServices(List.of(service));
		}
		finally {
			this.lifecycle.unlock();
		}
	}

	/**
	 * Stop everything: the services first (they still need Kafka and MongoDB to shut down
	 * cleanly), then the mailbox, Kafka and MongoDB, then release the home. An ephemeral
	 * platform's temporary home is deleted. Calling this more than once has no further
	 * effect.
	 */
	@Override
	public void close() {
		synchronized (this.state) {
			if (this.closing) {
				return;
			}
			this.closing = true;
		}
		// A startAll, start or stop in progress on another thread (Ctrl-C during
		// start-up) now abandons its work and stops what it starts; wait for it to
		// return, so that nothing is started behind our back.
		boolean locked = false;
		try {
			locked = this.lifecycle.tryLock(STOP_GRACE.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			stopEverything();
		}
		finally {
			if (locked) {
				this.lifecycle.unlock();
			}
		}
	}

	private void stopEverything() {
		List<ServiceProcess> processes;
		DevMailbox mailbox;
		DevIssuer issuer;
		LocalKafka kafka;
		LocalMongo mongo;
		PlatformLock lock;
		synchronized (this.state) {
			processes = new ArrayList<>(this.services.values());
			mailbox = this.mailbox;
			issuer = this.issuer;
			kafka = this.kafka;
			mongo = this.mongo;
			lock = this.lock;
		}
		stopInParallel(processes);
		closeQuietly(mailbox);
		closeQuietly(issuer);
		closeQuietly(kafka);
		closeQuietly(mongo);
		closeQuietly(lock);
		Path home;
		boolean temporary;
		synchronized (this.state) {
			home = this.home;
			temporary = this.temporaryHome;
		}
		if (temporary) {
			Directories.deleteQuietly(home);
		}
	}

	private static void stopInParallel(List<ServiceProcess> processes) {
		List<Thread> stoppers = new ArrayList<>();
		for (ServiceProcess process : processes) {
			Thread stopper = new Thread(() -> process.stop(STOP_GRACE), "infrapm-stop-" + process.name());
			stopper.start();
			stoppers.add(stopper);
		}
		for (Thread stopper : stoppers) {
			try {
				stopper.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Tell {@code listener} when a service that is running now exits without having been
	 * asked to, with its exit code.
	 */
	void onUnexpectedExit(BiConsumer<String, Integer> listener) {
		List<ServiceProcess> processes;
		synchronized (this.state) {
			processes = new ArrayList<>(this.services.values());
		}
		for (ServiceProcess service : processes) {
			Process process = service.process();
			process.onExit().thenAccept((exited) -> {
				if (!isClosing() && !service.isStopRequested() && service.process() == exited) {
					listener.accept(service.name(), exited.exitValue());
				}
			});
		}
	}

	/**
	 * Restart a service that exits without having been asked to (a crash, an
	 * out-of-memory kill, {@code kill -9}), on the same port, as a process supervisor
	 * would; at most {@code maxRestarts} times per service, so that a service that cannot
	 * start does not loop for ever.
	 * @param maxRestarts how often each service may be restarted
	 * @param progress receives a line when a service crashed and when it is back
	 */
	void restartCrashedServices(int maxRestarts, Consumer<String> progress) {
		List<String> names;
		synchronized (this.state) {
			names = new ArrayList<>(this.services.keySet());
		}
		Map<String, Integer> restarts = new java.util.concurrent.ConcurrentHashMap<>();
		names.forEach((name) -> superviseCrashes(name, maxRestarts, restarts, progress));
	}

	private void superviseCrashes(String name, int maxRestarts, Map<String, Integer> restarts,
			Consumer<String> progress) {
		ServiceProcess service = service(name);
		Process process = service.process();
		process.onExit().thenAccept((exited) -> {
			if (isClosing() || service.isStopRequested() || service.process() != exited) {
				return;
			}
			int restart = restarts.merge(name, 1, Integer::sum);
			if (restart > maxRestarts) {
				progress.accept(name + " stopped unexpectedly (exit code " + exited.exitValue() + ") and was restarted "
						+ maxRestarts + " times already; its log is " + service.logFile());
				return;
			}
			progress.accept(name + " stopped unexpectedly (exit code " + exited.exitValue() + "); restarting it");
			Thread restarter = new Thread(() -> restart(name, maxRestarts, restarts, progress),
					"infrapm-restart-" + name);
			restarter.setDaemon(true);
			restarter.start();
		});
	}

	private void restart(String name, int maxRestarts, Map<String, Integer> restarts, Consumer<String> progress) {
		this.lifecycle.lock();
		try {
			if (isClosing()) {
				return;
			}
			startServices(List.of(name));
			superviseCrashes(name, maxRestarts, restarts, progress);
		}
		catch (RuntimeException ex) {
			progress.accept("could not restart " + name + ": " + ex.getMessage());
		}
		finally {
			this.lifecycle.unlock();
		}
	}

	private boolean isClosing() {
		synchronized (this.state) {
			return this.closing;
		}
	}

	/**
	 * Record something that was just started, unless the platform is closing meanwhile (a
	 * Ctrl-C during start-up): then it is stopped at once and the start is abandoned.
	 */
	private void register(Runnable record, AutoCloseable resource) {
		synchronized (this.state) {
			if (!this.closing) {
				record.run();
				return;
			}
		}
		closeQuietly(resource);
		throw new PlatformStartException("InfraPM was stopped while starting");
	}

	private ServiceProcess service(String name) {
		synchronized (this.state) {
			ServiceProcess process = this.services.get(name);
			if (process == null) {
				throw new IllegalArgumentException(
						"No service '" + name + "' in this platform; it runs " + this.settings.services());
			}
			return process;
		}
	}

	private static void closeQuietly(AutoCloseable resource) {
		if (resource != null) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				System.err.println("[infrapm] Could not stop " + resource + ": " + ex);
			}
		}
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
