package io.infrapm.embedded;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.infrapm.issuer.DevIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlatformLauncher} as a user meets it on the command line.
 */
class PlatformLauncherTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path root;

	@TempDir
	Path home;

	@Test
	void refusesToStartWhileAnotherInfraPmHoldsTheHome() throws Exception {
		FakeRepository.create(this.root);
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), LockHolder.class.getName(), this.home.toString())
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			assertThat(output.readLine()).isEqualTo("locked");

			int status = launcher(Map.of()).run("up", "--home", this.home.toString());

			assertThat(status).isEqualTo(PlatformLauncher.FAILED);
			assertThat(stderr())
				.contains("infrapm: InfraPM is already running (process " + holder.pid() + ") with " + "its data in "
						+ this.home.toAbsolutePath())
				.contains("stop it first (Ctrl-C in its terminal)");
		}
		finally {
			holder.getOutputStream().close();
			if (!holder.waitFor(10, TimeUnit.SECONDS)) {
				holder.destroyForcibly();
			}
		}
	}

	@Test
	void refusesABusyPortWithAMessageSayingWhatToDo() throws Exception {
		FakeRepository.create(this.root);
		try (ServerSocket busy = new ServerSocket(0, 1, Ports.loopback())) {
			int status = launcher(Map.of()).run("up", "--home", this.home.toString(), "--kafka-port",
					Integer.toString(busy.getLocalPort()));

			assertThat(status).isEqualTo(PlatformLauncher.FAILED);
			assertThat(stderr()).contains("infrapm: port " + busy.getLocalPort()
					+ " (Kafka) is in use; stop the other InfraPM (Ctrl-C in its terminal) or free the port");
		}
	}

	@Test
	void readsItsOptionsAndEnvironment() throws Exception {
		FakeRepository.create(this.root);
		PlatformLauncher launcher = launcher(
				Map.of("INFRAPM_HOME", this.home.toString(), "INFRAPM_SERVICE_JAVA_OPTS", " -Xmx512m  -Dx=y "));

		PlatformSettings settings = launcher.settings(
				List.of("--timeout", "30", "--kafka-port", "19092", "--mongodb", "mongodb://db.example.com:27017"));

		assertThat(settings.repositoryRoot()).isEqualTo(this.root.toAbsolutePath());
		assertThat(settings.home()).isEqualTo(this.home.toAbsolutePath());
		assertThat(settings.readinessTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.kafkaPort()).isEqualTo(19092);
		assertThat(settings.mongoPort()).isEqualTo(27017);
		assertThat(settings.externalMongoUri()).isEqualTo("mongodb://db.example.com:27017");
		assertThat(settings.externalKafkaBootstrapServers()).isNull();
		assertThat(settings.jvmOptions()).containsExactly("-Xmx512m", "-Dx=y");
		assertThat(settings.services()).containsExactlyElementsOf(PlatformSettings.SERVICES);
	}

	@Test
	void defaultsToTheWellKnownPortsAndAHomeInTheRepository() throws Exception {
		FakeRepository.create(this.root);

		PlatformSettings settings = launcher(Map.of()).settings(List.of());

		assertThat(settings.home()).isEqualTo(this.root.toAbsolutePath().resolve(".infrapm"));
		assertThat(settings.kafkaPort()).isEqualTo(9092);
		assertThat(settings.mongoPort()).isEqualTo(27017);
		assertThat(settings.smtpPort()).isEqualTo(2525);
		assertThat(settings.mailboxHttpPort()).isEqualTo(8025);
		assertThat(settings.servicePorts()).containsExactly(Map.entry("project-service", 8081),
				Map.entry("risk-service", 8082), Map.entry("budget-service", 8083),
				Map.entry("notification-service", 8084));
		assertThat(settings.readinessTimeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(settings.jvmOptions()).contains("-Xmx256m", "-XX:TieredStopAtLevel=1");
	}

	@Test
	void explainsItsUsageAndRejectsWhatItDoesNotKnow() throws Exception {
		FakeRepository.create(this.root);
		assertThat(launcher(Map.of()).run("help")).isEqualTo(PlatformLauncher.OK);
		assertThat(stdout()).contains("./infrapm <command>").contains("up").contains("--home");

		assertThat(launcher(Map.of()).run("down")).isEqualTo(PlatformLauncher.USAGE);
		assertThat(stderr()).contains("unknown command 'down'");

		assertThat(launcher(Map.of()).run("up", "--kafka-port", "lots")).isEqualTo(PlatformLauncher.USAGE);
		assertThat(stderr()).contains("--kafka-port needs a positive number, not 'lots'");
	}

	@Test
	void printsTheMailboxOfARunningPlatform() {
		try (DevMailbox mailbox = DevMailbox.ephemeral()) {
			int status = launcher(Map.of()).run("mail", "ada@example.com", "--mail-http-port",
					Integer.toString(mailbox.httpPort()));
			assertThat(status).isEqualTo(PlatformLauncher.OK);
			assertThat(stdout().trim()).isEqualTo("[]");
		}
		int port = Ports.free();
		assertThat(launcher(Map.of()).run("mail", "--mail-http-port", Integer.toString(port)))
			.isEqualTo(PlatformLauncher.FAILED);
		assertThat(stderr()).contains("no dev mailbox answers at 127.0.0.1:" + port);
	}

	@Test
	void printsAnAccessTokenOfAUserLoggedInAtTheRunningIssuer() throws Exception {
		Files.createFile(this.root.resolve("mvnw"));
		Files.createFile(this.root.resolve("infrapm"));
		try (DevIssuer issuer = DevIssuer.start(this.home.resolve("issuer"), 0)) {
			String port = issuer.issuerUri().substring(issuer.issuerUri().lastIndexOf(':') + 1);
			int status = launcher(Map.of()).run("token", "pat@example.com", "--home", this.home.toString(),
					"--issuer-port", port);
			assertThat(status).as(stderr()).isEqualTo(PlatformLauncher.OK);
			assertThat(claims(stdout().trim())).containsEntry("email", "pat@example.com")
				.containsEntry("iss", issuer.issuerUri())
				.containsEntry("roles", List.of("PROJECT_MANAGER"));

			this.out.reset();
			status = launcher(Map.of()).run("token", "new.engineer@example.com", "--roles", "STAKEHOLDER,EXECUTIVE",
					"--home", this.home.toString(), "--issuer-port", port);
			assertThat(status).as(stderr()).isEqualTo(PlatformLauncher.OK);
			assertThat(claims(stdout().trim())).containsEntry("roles", List.of("STAKEHOLDER", "EXECUTIVE"));

			assertThat(launcher(Map.of()).run("token", "pat@example.com", "--roles", "ROOT", "--home",
					this.home.toString(), "--issuer-port", port))
				.isEqualTo(PlatformLauncher.USAGE);
			assertThat(stderr()).contains("ROOT");
		}
		assertThat(launcher(Map.of()).run("token", "--home", this.home.toString())).isEqualTo(PlatformLauncher.USAGE);
		int closed = Ports.free();
		assertThat(launcher(Map.of()).run("token", "pat@example.com", "--home", this.home.toString(), "--issuer-port",
				Integer.toString(closed)))
			.isEqualTo(PlatformLauncher.FAILED);
		assertThat(stderr()).contains("is InfraPM running");
	}

	private static Map<String, Object> claims(String token) {
		String[] parts = token.split("\\.");
		assertThat(parts).as("a signed JWT").hasSize(3);
		return JsonMapper.builder()
			.build()
			.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<Map<String, Object>>() {
			});
	}

	private PlatformLauncher launcher(Map<String, String> environment) {
		return new PlatformLauncher(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), environment, this.root, false);
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
