package io.infrapm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.Platform;
import io.infrapm.embedded.LoopbackPorts;
import io.infrapm.embedded.PlatformSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user of {@code ./infrapm up} relies on: stop the platform, start it again, and
 * the projects, budgets, registers and mails are still there, no stakeholder is mailed a
 * second time, and new projects flow as before. The platform runs exactly as
 * {@code ./infrapm up} runs it (persistent broker, MongoDB on disk, mailbox on disk),
 * only in a temporary home and on free ports.
 */
class PlatformRestartIT {

	@TempDir
	Path home;

	@Test
	void keepsEverythingAcrossARestartAndMailsNoOneTwice() {
		PlatformSettings settings = persistentOnFreePorts();
		String code = SkeletonHttp.uniqueCode();
		String email = code.toLowerCase() + "@example.com";
		String id;
		try (Platform platform = Platform.launch(settings)) {
			id = new SkeletonHttp(platform).createAndAwaitEveryEffect(code, email);
		}

		try (Platform platform = Platform.launch(settings);
				ConsumerGroups groups = new ConsumerGroups(platform.kafkaBootstrapServers())) {
			SkeletonHttp http = new SkeletonHttp(platform);
			HttpResponse<String> project = http.get("project-service", "/api/projects/" + id);
			assertThat(project.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(project.body(), "$.code")).isEqualTo(code);
			HttpResponse<String> budget = http.get("budget-service", "/api/projects/" + id + "/budget");
			assertThat(budget.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<Number>read(budget.body(), "$.budgetAtCompletion.amount").doubleValue())
				.isEqualTo(1_250_000.00);
			assertThat(http.get("risk-service", "/api/projects/" + id + "/risks").statusCode()).isEqualTo(200);

			await().atMost(SkeletonHttp.PROPAGATION)
				.until(() -> groups.caughtUp("notification-service", Topics.PROJECT));
			assertThat(platform.mailbox().messagesTo(email)).hasSize(1);
			assertThat(http.notificationsOf(email)).isEqualTo(1);

			String after = SkeletonHttp.uniqueCode();
			http.createAndAwaitEveryEffect(after, after.toLowerCase() + "@example.com");
		}
	}

	private PlatformSettings persistentOnFreePorts() {
		PlatformSettings settings = PlatformSettings.local(PlatformSettings.findRepositoryRoot(Path.of("")))
			.withHome(this.home)
			.withKafkaPort(LoopbackPorts.pick())
			.withMongoPort(LoopbackPorts.pick())
			.withMailboxPorts(LoopbackPorts.pick(), LoopbackPorts.pick())
			.withIssuerPort(LoopbackPorts.pick());
		for (String service : PlatformSettings.SERVICES) {
			settings = settings.withServicePort(service, LoopbackPorts.pick());
		}
		return settings;
	}

}
