package io.infrapm.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.infrapm.issuer.DevIssuer;
import io.infrapm.issuer.IssuerLogin;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command behind {@code ./infrapm}: {@code up} starts the whole platform in the
 * foreground and keeps it running until Ctrl-C (or SIGTERM) stops it cleanly;
 * {@code mail} prints what the running platform's dev mailbox holds; {@code events}
 * prints the events on its topics with their headers; {@code help} lists the options.
 * <p>
 * {@code up} keeps data, mail and logs in {@code .infrapm} under the repository (or
 * {@code --home}, or {@code $INFRAPM_HOME}), uses the well-known ports unless told
 * otherwise, and can use an already running Kafka ({@code --kafka}) or MongoDB
 * ({@code --mongodb}) instead of the embedded ones. {@code $INFRAPM_SERVICE_JAVA_OPTS}
 * replaces the services' JVM options ({@link PlatformSettings#DEFAULT_JVM_OPTIONS}).
 */
public final class PlatformLauncher {

	static final int OK = 0;

	static final int FAILED = 1;

	static final int USAGE = 2;

	private static final String USAGE_TEXT = """
			Usage: ./infrapm <command> [options]

			Commands:
			  up      build what is missing, then start Kafka, MongoDB, the dev mailbox and the
			          four services in the foreground; Ctrl-C stops everything
			  mail    print the mails the dev mailbox has received (./infrapm mail ada@example.com)
			  events  print the events on InfraPM's topics with their CloudEvents headers
			          (./infrapm events infrapm.project.v1); --follow keeps reading,
			          --kafka <bootstrap-servers> reads another broker (default 127.0.0.1:9092)
			  redrive send the records of a dead-letter topic back to their source topic, once
			          their cause is fixed (./infrapm redrive infrapm.project.v1.budget-service.dlq);
			          consumers deduplicate, so re-driving twice is harmless;
			          --kafka <bootstrap-servers> as for events
			  token   log a development user in at the running platform's issuer and print their
			          access token (./infrapm token pat@example.com); --roles R1,R2 gives the
			          user those platform roles first (PORTFOLIO_MANAGER, PROJECT_MANAGER,
			          EXECUTIVE, STAKEHOLDER), adding the user if the users file has none;
			          --home <dir> and --issuer-port <port> as for up
			  bench   measure the platform against the floor of Kafka and the store; writes
			          bench/results/latest.json and latest.md (./infrapm bench --help)
			  help    show this text

			Options of up:
			  --home <dir>                  data, mail and logs (default: .infrapm in the repository)
			  --timeout <seconds>           how long each service may take to become ready (default 120)
			  --kafka-port <port>           embedded Kafka port (default 9092)
			  --mongo-port <port>           embedded MongoDB port (default 27017)
			  --smtp-port <port>            dev mailbox SMTP port (default 2525)
			  --mail-http-port <port>       dev mailbox HTTP API port (default 8025)
			  --issuer-port <port>          development OAuth2 issuer port (default 9000); its users,
			                                clients and signing key are kept under <home>/issuer
			  --kafka <bootstrap-servers>   use this Kafka instead of the embedded one
			  --mongodb <uri>               use this MongoDB instead of the embedded one
			  --service-port <service>=<port>
			                                run a service on another port (repeat per service)
			  --service-mongodb <uri>       the services reach MongoDB at this address (say, a
			                                proxy) while the platform still runs it
			  --restart-crashed             restart a service that exits unexpectedly (up to 5
			                                times), as a process supervisor would

			Services get the launcher's environment; Spring Boot variables you set
			(SPRING_MAIL_HOST, SPRING_KAFKA_BOOTSTRAP_SERVERS, ...) win over InfraPM's defaults.
			INFRAPM_SERVICE_JAVA_OPTS replaces the services' JVM options.
			""";

	private static final String RESTART_CRASHED = "--restart-crashed";

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final boolean ownsLogging;

	PlatformLauncher(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory,
			boolean ownsLogging) {
		this.out = out;
		this.err = err;
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		this.ownsLogging = ownsLogging;
	}

	/**
	 * Run a launcher command.
	 * @param args the command and its options
	 */
	public static void main(String[] args) {
		quietLogging();
		int status = new PlatformLauncher(System.out, System.err, System.getenv(), Path.of(""), true).run(args);
		System.exit(status);
	}

	/**
	 * Run a command. {@code up} returns only if the platform could not start (or the
	 * thread is interrupted); a running platform ends with the JVM.
	 * @param args the command and its options
	 * @return the exit status
	 */
	int run(String... args) {
		String command = (args.length > 0) ? args[0] : "help";
		List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
		return switch (command) {
			case "up" -> up(options);
			case "mail" -> mail(options);
			case "token" -> token(options);
			case "events" -> events(options);
			case "redrive" -> redrive(options);
			case "help", "-h", "--help" -> {
				this.out.print(USAGE_TEXT);
				yield OK;
			}
			default -> {
				this.err.println("infrapm: unknown command '" + command + "'");
				this.err.print(USAGE_TEXT);
				yield USAGE;
			}
		};
	}

	private int up(List<String> options) {
		long started = System.nanoTime();
		PlatformSettings settings;
		try {
			settings = settings(options);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			this.err.println("infrapm: " + ex.getMessage());
			return USAGE;
		}
		this.out.println("Starting InfraPM (data and logs in " + settings.home() + ")");
		if (this.ownsLogging) {
			logToFile(settings.home().resolve("logs").resolve("infrapm.log"));
		}
		Platform platform = Platform.create(settings, this.out::println);
		Thread shutdownHook = new Thread(() -> {
			this.out.println();
			this.out.println("Stopping InfraPM ...");
			platform.close();
			this.out.println("InfraPM stopped.");
		}, "infrapm-shutdown");
		Runtime.getRuntime().addShutdownHook(shutdownHook);
		try {
			platform.startAll();
		}
		catch (RuntimeException ex) {
			removeShutdownHook(shutdownHook);
			platform.close();
			this.err.println();
			this.err.println("infrapm: " + ex.getMessage());
			return FAILED;
		}
		printReady(platform, settings, Duration.ofNanos(System.nanoTime() - started));
		if (options.contains(RESTART_CRASHED)) {
			platform.restartCrashedServices(5, (line) -> this.err.println("infrapm: " + line));
		}
		else {
			platform.onUnexpectedExit((service, code) -> this.err.println("infrapm: " + service
					+ " stopped unexpectedly (exit code " + code + "); its log is " + platform.logFile(service)));
		}
		try {
			// Runs until the shutdown hook stops the platform and the JVM exits.
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return OK;
	}

	/**
	 * Print what the running platform's mailbox holds, as JSON, optionally only the mails
	 * to one address: the same as {@code curl localhost:8025/api/messages}, without
	 * needing curl.
	 */
	private int mail(List<String> options) {
		String to = null;
		int port = PlatformSettings.DEFAULT_MAILBOX_HTTP_PORT;
		try {
			for (int i = 0; i < options.size(); i++) {
				String option = options.get(i);
				if (option.equals("--mail-http-port")) {
					port = number(option, value(options, i, option));
					i++;
				}
				else if (!option.startsWith("--") && to == null) {
					to = option;
				}
				else {
					throw new IllegalArgumentException("unexpected argument '" + option + "' (see ./infrapm help)");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			this.err.println("infrapm: " + ex.getMessage());
			return USAGE;
		}
		String url = "http://127.0.0.1:" + port + "/api/messages"
				+ ((to != null) ? "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) : "");
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
			this.out.print(response.body());
			return (response.statusCode() == 200) ? OK : FAILED;
		}
		catch (IOException ex) {
			this.err.println(
					"infrapm: no dev mailbox answers at 127.0.0.1:" + port + "; is InfraPM running (./infrapm up)?");
			return FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return FAILED;
		}
	}

	/**
	 * Log a development user in at the running platform's issuer, through its login page
	 * as a browser would, and print the access token, so that
	 * {@code curl -H "Authorization: Bearer $(./infrapm token pat@example.com)"} works.
	 */
	private int token(List<String> options) {
		String email = null;
		List<String> roles = List.of();
		PlatformSettings settings;
		try {
			settings = PlatformSettings.local(PlatformSettings.findRepositoryRoot(this.workingDirectory));
			for (int i = 0; i < options.size(); i++) {
				String option = options.get(i);
				if (!option.startsWith("--") && email == null) {
					email = option;
					continue;
				}
				String value = value(options, i, option);
				i++;
				switch (option) {
					case "--roles" -> roles = List.of(value.split(","));
					case "--home" -> settings = settings.withHome(this.workingDirectory.resolve(value));
					case "--issuer-port" -> settings = settings.withIssuerPort(number(option, value));
					default ->
						throw new IllegalArgumentException("unknown option '" + option + "' (see ./infrapm help)");
				}
			}
			if (email == null || !email.contains("@")) {
				throw new IllegalArgumentException("token needs a user's email (./infrapm token pat@example.com)");
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			this.err.println("infrapm: " + ex.getMessage());
			return USAGE;
		}
		try {
			this.out
				.println(Platform.accessToken(settings.home(), DevIssuer.uriAt(settings.issuerPort()), email, roles));
			return OK;
		}
		catch (IllegalArgumentException ex) {
			this.err.println("infrapm: " + ex.getMessage());
			return USAGE;
		}
		catch (IllegalStateException | IssuerLogin.IssuerLoginException ex) {
			this.err.println("infrapm: " + ex.getMessage() + "; is InfraPM running (./infrapm up)?");
			return FAILED;
		}
	}

	/**
	 * Print the events on the running platform's topics, as any plain Kafka client sees
	 * them: the same as {@code kcat -C -J}, without needing kcat.
	 */
	private int events(List<String> options) {
		KafkaOptions parsed;
		try {
			parsed = KafkaOptions.parse(options, true);
		}
		catch (IllegalArgumentException ex) {
			this.err.println("infrapm: " + ex.getMessage());
			return USAGE;
		}
		try {
			int printed = new EventPrinter(parsed.kafka(), this.out).print(parsed.arguments(),
					parsed.follow() ? null : Duration.ofSeconds(2), () -> Thread.currentThread().isInterrupted());
			this.err.println(printed + " event(s)");
			return OK;
		}
		catch (IllegalArgumentException ex) {
			this.err.println("infrapm: " + ex.getMessage());
			return USAGE;
		}
		catch (org.apache.kafka.common.KafkaException ex) {
			this.err.println("infrapm: no Kafka answers at " + parsed.kafka() + "; is InfraPM running (./infrapm up)? ("
					+ ex.getMessage() + ")");
			return FAILED;
		}
	}

	/**
	 * Send the records of a dead-letter topic back to their source topic.
	 */
	private int redrive(List<String> options) {
		String topic = null;
		try {
			KafkaOptions parsed = KafkaOptions.parse(options, false);
			if (parsed.arguments().size() > 1) {
				throw new IllegalArgumentException(
						"unexpected argument '" + parsed.arguments().get(1) + "' (see ./infrapm help)");
			}
			if (parsed.arguments().isEmpty()) {
				throw new IllegalArgumentException("name the dead-letter topic to re-drive (see ./infrapm events)");
			}
			topic = parsed.arguments().get(0);
			Map<String, Integer> sent = new DeadLetterRedrive(parsed.kafka()).redrive(topic, Duration.ofSeconds(3));
			int total = sent.values().stream().mapToInt(Integer::intValue).sum();
			sent.forEach((source, count) -> this.out.println(count + " record(s) re-driven to " + source));
			this.err.println(total + " record(s) re-driven from " + topic);
			return OK;
		}
		catch (IllegalArgumentException ex) {
			this.err.println("infrapm: " + ex.getMessage());
			return USAGE;
		}
		catch (org.apache.kafka.common.KafkaException | IllegalStateException ex) {
			this.err.println("infrapm: re-driving " + topic + " failed: " + ex.getMessage());
			return FAILED;
		}
	}

	/**
	 * The options of the commands that talk to Kafka: {@code --kafka <bootstrap-servers>}
	 * (the local platform's broker by default), {@code --follow} where the command allows
	 * it, and the other arguments in order.
	 */
	private record KafkaOptions(String kafka, boolean follow, List<String> arguments) {

		static KafkaOptions parse(List<String> options, boolean followAllowed) {
			String kafka = "127.0.0.1:" + PlatformSettings.DEFAULT_KAFKA_PORT;
			boolean follow = false;
			List<String> arguments = new java.util.ArrayList<>();
			for (int i = 0; i < options.size(); i++) {
				String option = options.get(i);
				if (option.equals("--kafka")) {
					kafka = value(options, i, option);
					i++;
				}
				else if (followAllowed && option.equals("--follow")) {
					follow = true;
				}
				else if (!option.startsWith("--")) {
					arguments.add(option);
				}
				else {
					throw new IllegalArgumentException("unknown option '" + option + "' (see ./infrapm help)");
				}
			}
			return new KafkaOptions(kafka, follow, List.copyOf(arguments));
		}

	}

	private void printReady(Platform platform, PlatformSettings settings, Duration elapsed) {
		this.out.println();
		this.out.println(String.format(Locale.ROOT, "InfraPM is ready in %.1f s", elapsed.toMillis() / 1000.0));
		for (String service : settings.services()) {
			this.out.println(String.format(Locale.ROOT, "  %-21s %s", service, platform.serviceUrl(service)));
		}
		DevMailbox mailbox = platform.mailbox();
		this.out.println(String.format(Locale.ROOT, "  %-21s SMTP 127.0.0.1:%d, read it at %s/api/messages", "Mailbox",
				mailbox.smtpPort(), mailbox.httpUrl()));
		this.out.println(String.format(Locale.ROOT, "  %-21s %s, a token: ./infrapm token pat@example.com", "Issuer",
				platform.issuerUri()));
		this.out.println(String.format(Locale.ROOT, "  %-21s %s", "Kafka", platform.kafkaBootstrapServers()));
		this.out.println(String.format(Locale.ROOT, "  %-21s %s", "MongoDB", platform.mongoUri("<database>")));
		this.out.println(String.format(Locale.ROOT, "  %-21s %s", "Logs", platform.home().resolve("logs")));
		this.out.println("Press Ctrl-C to stop.");
	}

	PlatformSettings settings(List<String> options) {
		Path root = PlatformSettings.findRepositoryRoot(this.workingDirectory);
		PlatformSettings settings = PlatformSettings.local(root);
		String home = this.environment.get("INFRAPM_HOME");
		if (home != null && !home.isBlank()) {
			settings = settings.withHome(this.workingDirectory.resolve(home));
		}
		String javaOptions = this.environment.get("INFRAPM_SERVICE_JAVA_OPTS");
		if (javaOptions != null && !javaOptions.isBlank()) {
			settings = settings.withJvmOptions(List.of(javaOptions.trim().split("\\s+")));
		}
		String kafka = null;
		String mongo = null;
		for (int i = 0; i < options.size(); i++) {
			String option = options.get(i);
			if (option.equals(RESTART_CRASHED)) {
				continue;
			}
			String value = value(options, i, option);
			i++;
			switch (option) {
				case "--home" -> settings = settings.withHome(this.workingDirectory.resolve(value));
				case "--timeout" -> settings = settings.withReadinessTimeout(Duration.ofSeconds(number(option, value)));
				case "--kafka-port" -> settings = settings.withKafkaPort(number(option, value));
				case "--mongo-port" -> settings = settings.withMongoPort(number(option, value));
				case "--smtp-port" ->
					settings = settings.withMailboxPorts(number(option, value), settings.mailboxHttpPort());
				case "--mail-http-port" ->
					settings = settings.withMailboxPorts(settings.smtpPort(), number(option, value));
				case "--issuer-port" -> settings = settings.withIssuerPort(number(option, value));
				case "--kafka" -> kafka = value;
				case "--mongodb" -> mongo = value;
				case "--service-mongodb" -> settings = settings.withServiceMongoUri(value);
				case "--service-port" -> {
					int separator = value.indexOf('=');
					if (separator <= 0) {
						throw new IllegalArgumentException(
								"--service-port needs <service>=<port>, not '" + value + "'");
					}
					settings = settings.withServicePort(value.substring(0, separator),
							number(option, value.substring(separator + 1)));
				}
				default -> throw new IllegalArgumentException("unknown option '" + option + "' (see ./infrapm help)");
			}
		}
		if (kafka != null || mongo != null) {
			settings = settings.withExternalInfrastructure(kafka, mongo);
		}
		return settings;
	}

	private static String value(List<String> options, int index, String option) {
		if (!option.startsWith("--")) {
			throw new IllegalArgumentException("unexpected argument '" + option + "' (see ./infrapm help)");
		}
		if (index + 1 >= options.size()) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return options.get(index + 1);
	}

	private static int number(String option, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number <= 0 || number > 65535) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " needs a positive number, not '" + value + "'");
		}
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down; the hook runs and finds the platform
			// closed.
		}
	}

	/**
	 * The launcher talks to the user through its own lines; libraries only get a say when
	 * something is wrong. Without a configuration file Logback would log everything at
	 * DEBUG.
	 */
	private static void quietLogging() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		}
	}

	/**
	 * Send the in-process servers' warnings to {@code infrapm.log} next to the services'
	 * logs. A broker warns about routine things (a controller activation, a client that
	 * went away); in the terminal they would bury the launcher's own lines.
	 */
	private static void logToFile(Path file) {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return;
		}
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
		encoder.start();
		FileAppender<ILoggingEvent> appender = new FileAppender<>();
		appender.setContext(context);
		appender.setName("infrapm-file");
		appender.setFile(file.toString());
		appender.setAppend(true);
		appender.setEncoder(encoder);
		appender.start();
		ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.detachAndStopAllAppenders();
		root.addAppender(appender);
		root.setLevel(Level.WARN);
	}

}
