package io.infrapm.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.infrapm.issuer.DevIssuer;
import io.infrapm.issuer.IssuerLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Platform} with stand-in service jars ({@link FakeService}): the real service
 * jars may not be built when this module's tests run, and they would take far longer to
 * start.
 */
class PlatformTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path root;

	@TempDir
	Path home;

	@Test
	void startsEveryServiceInItsOwnJvmWiredToTheEmbeddedInfrastructureAndStopsThemAll() throws Exception {
		FakeRepository.create(this.root);
		List<String> progress = new ArrayList<>();
		Path temporaryHome;
		List<ProcessHandle> children;
		try (Platform platform = Platform.create(PlatformSettings.ephemeral(this.root), progress::add)) {
			platform.startAll();
			temporaryHome = platform.home();

			assertThat(progress).anySatisfy((line) -> assertThat(line).startsWith("Kafka"))
				.anySatisfy((line) -> assertThat(line).startsWith("MongoDB"))
				.anySatisfy((line) -> assertThat(line).startsWith("Mailbox"))
				.anySatisfy((line) -> assertThat(line).startsWith("Issuer").contains(platform.issuerUri()));
			// The issuer publishes where its keys and endpoints are, and logs users in.
			assertThat(get(platform.issuerUri() + "/.well-known/openid-configuration"))
				.contains("\"issuer\":\"" + platform.issuerUri() + "\"");
			String password = DevIssuer.passwordOf(platform.home().resolve("issuer"), "pat@example.com", List.of());
			assertThat(IssuerLogin.accessToken(platform.issuerUri(), "pat@example.com", password)).contains(".");
			for (String service : PlatformSettings.SERVICES) {
				assertThat(progress).anySatisfy((line) -> assertThat(line).startsWith(service).contains("ready in"));
				assertThat(get(platform.serviceUrl(service) + "/actuator/health/readiness")).contains("UP");
				assertThat(platform.startupTime(service)).isPositive();
				assertThat(platform.logFile(service)).content().contains(service + " ready on port");
			}
			String environment = get(platform.serviceUrl("budget-service") + "/env");
			assertThat(environment)
				.contains("SERVER_PORT=" + URI.create(platform.serviceUrl("budget-service")).getPort())
				.contains("SERVER_ADDRESS=127.0.0.1")
				.contains("SPRING_MONGODB_URI=" + platform.mongoUri("infrapm-budget"))
				.contains("SPRING_KAFKA_BOOTSTRAP_SERVERS=" + platform.kafkaBootstrapServers())
				.contains("SPRING_MAIL_HOST=127.0.0.1")
				.contains("SPRING_MAIL_PORT=" + platform.mailbox().smtpPort())
				.contains("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true");

			String riskUrl = platform.serviceUrl("risk-service");
			platform.stop("risk-service");
			assertThat(platform.isRunning("risk-service")).isFalse();
			assertThat(platform.isRunning("project-service")).isTrue();
			platform.start("risk-service");
			assertThat(platform.serviceUrl("risk-service")).isEqualTo(riskUrl);
			assertThat(get(riskUrl + "/actuator/health/readiness")).contains("UP");

			children = ProcessHandle.current().children().toList();
			assertThat(children).hasSize(4);
		}
		assertThat(children).noneMatch(ProcessHandle::isAlive);
		assertThat(temporaryHome).doesNotExist();
	}

	@Test
	void startsAServiceFromItsJarWhenItsClassDataArchiveCannotBeMade() throws Exception {
		FakeRepository.create(this.root);
		// Claims to be a Spring Boot jar, so an archive is tried, but cannot be
		// extracted.
		FakeRepository.writeJar(this.root.resolve("risk-service/target/risk-service.jar"), true, "risk");
		List<String> progress = new ArrayList<>();
		try (Platform platform = Platform.create(PlatformSettings.ephemeral(this.root), progress::add)) {
			platform.startAll();

			assertThat(progress).anySatisfy((line) -> assertThat(line).startsWith("risk-service: no class data archive")
				.contains("starts from its jar"));
			assertThat(get(platform.serviceUrl("risk-service") + "/actuator/health/readiness")).contains("UP");
		}
	}

	@Test
	void failsWithTheEndOfItsLogWhenAServiceDiesWhileStarting() throws Exception {
		FakeRepository.create(this.root);
		// External infrastructure that nobody listens on: the stand-ins never connect,
		// and no broker has to start for this test.
		PlatformSettings settings = PlatformSettings.ephemeral(this.root)
			.withHome(this.home)
			.withOnlyServices("project-service", "budget-service")
			.withExternalInfrastructure("127.0.0.1:1", "mongodb://127.0.0.1:1")
			.withEnvironment("FAKE_FAIL", "budget-service");

		Platform platform = Platform.create(settings, (line) -> {
		});
		assertThatExceptionOfType(PlatformStartException.class).isThrownBy(platform::startAll)
			.withMessageContaining("budget-service exited with code 3 while starting")
			.withMessageContaining("budget-service fails on purpose")
			.withMessageContaining(this.home.resolve("logs").resolve("budget-service.log").toString());
		assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
		// Everything was released: the same home can be locked again at once.
		PlatformLock.acquire(this.home.toAbsolutePath()).close();
	}

	@Test
	void refusesABusyPortBeforeStartingAnything() throws Exception {
		FakeRepository.create(this.root);
		try (ServerSocket busy = new ServerSocket(0, 1, Ports.loopback())) {
			PlatformSettings settings = PlatformSettings.local(this.root)
				.withHome(this.home)
				.withKafkaPort(busy.getLocalPort())
				.withMongoPort(LoopbackPorts.pick())
				.withMailboxPorts(LoopbackPorts.pick(), LoopbackPorts.pick())
				.withIssuerPort(LoopbackPorts.pick());
			Platform platform = Platform.create(settings, (line) -> {
			});

			assertThatExceptionOfType(PlatformStartException.class).isThrownBy(platform::startAll)
				.withMessage("port " + busy.getLocalPort() + " (Kafka) is in use; stop the other InfraPM "
						+ "(Ctrl-C in its terminal) or free the port");
			assertThat(this.home.resolve("kafka")).doesNotExist();
			assertThat(this.home.resolve("mongo")).doesNotExist();
		}
	}

	@Test
	void refusesASecondPlatformOnTheSameHome() throws Exception {
		FakeRepository.create(this.root);
		PlatformSettings settings = PlatformSettings.local(this.root).withHome(this.home);
		try (PlatformLock held = PlatformLock.acquire(this.home)) {
			Platform second = Platform.create(settings, (line) -> {
			});
			assertThatExceptionOfType(PlatformStartException.class).isThrownBy(second::startAll)
				.withMessageStartingWith("InfraPM is already running (process " + ProcessHandle.current().pid() + ")")
				.withMessageContaining("stop it first (Ctrl-C in its terminal)");
		}
	}

	@Test
	void namesAMissingServiceJarAndHowToBuildIt() throws Exception {
		FakeRepository.create(this.root);
		Files.delete(this.root.resolve("notification-service/target/notification-service.jar"));
		Platform platform = Platform.create(PlatformSettings.ephemeral(this.root).withHome(this.home), (line) -> {
		});

		assertThatExceptionOfType(PlatformStartException.class).isThrownBy(platform::startAll)
			.withMessageStartingWith(
					Path.of("notification-service", "target", "notification-service.jar") + " is missing")
			.withMessageContaining("./mvnw -DskipTests package");
	}

	@Test
	void letsTheUsersSpringVariablesWinLocallyButNotInAnEphemeralPlatform() {
		Map<String, String> shell = Map.of("SPRING_MAIL_HOST", "smtp.example.com", "SERVER_PORT", "9999");
		PlatformSettings local = PlatformSettings.local(this.root);

		Map<String, String> environment = Platform.serviceEnvironment(local, shell, 8082,
				"mongodb://127.0.0.1:27017/infrapm-risk", "127.0.0.1:9092", 2525);
		assertThat(environment).doesNotContainKey("SPRING_MAIL_HOST")
			.containsEntry("SERVER_PORT", "8082")
			.containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/infrapm-risk")
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
			.containsEntry("SPRING_MAIL_PORT", "2525")
			.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", "http://127.0.0.1:9000")
			.containsEntry("INFRAPM_NOTIFICATION_WEBHOOKS_ALLOW_LOOPBACK", "true")
			.containsEntry("INFRAPM_NOTIFICATION_WEBHOOKS_ALLOW_HTTP", "true");

		Map<String, String> ephemeral = Platform.serviceEnvironment(
				PlatformSettings.ephemeral(this.root).withEnvironment("SPRING_MAIL_PORT", "1025"), shell, 40000,
				"mongodb://127.0.0.1:40001/infrapm-risk", "127.0.0.1:40002", 40003);
		assertThat(ephemeral).containsEntry("SPRING_MAIL_HOST", "127.0.0.1")
			.containsEntry("SERVER_PORT", "40000")
			.containsEntry("SPRING_MAIL_PORT", "1025");
	}

	@Test
	void givesEachServiceItsOwnDatabaseOnAnExternalMongoDb() {
		assertThat(MongoUris.withDatabase("mongodb://localhost:32768", "infrapm-risk"))
			.isEqualTo("mongodb://localhost:32768/infrapm-risk");
		assertThat(MongoUris.withDatabase("mongodb://localhost:32768/test?replicaSet=rs0", "infrapm-risk"))
			.isEqualTo("mongodb://localhost:32768/infrapm-risk?replicaSet=rs0");
		assertThat(MongoUris.withDatabase("mongodb://a:1,b:2/?w=majority", "infrapm-budget"))
			.isEqualTo("mongodb://a:1,b:2/infrapm-budget?w=majority");
		assertThat(MongoUris.withDatabase("mongodb://user:secret@db:27017/projects", "infrapm-project"))
			.isEqualTo("mongodb://user:secret@db:27017/infrapm-project?authSource=projects");
		assertThat(MongoUris.withDatabase("mongodb://user:secret@db:27017/?authSource=admin", "infrapm-project"))
			.isEqualTo("mongodb://user:secret@db:27017/infrapm-project?authSource=admin");
	}

	@Test
	void findsTheRepositoryRootAboveTheWorkingDirectory() throws IOException {
		FakeRepository.create(this.root);
		Path module = Files.createDirectories(this.root.resolve("end-to-end-tests/src"));

		assertThat(PlatformSettings.findRepositoryRoot(module)).isEqualTo(this.root.toAbsolutePath());
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> PlatformSettings.findRepositoryRoot(this.home))
			.withMessageContaining("mvnw")
			.withMessageContaining("infrapm");
	}

	private String get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

}
