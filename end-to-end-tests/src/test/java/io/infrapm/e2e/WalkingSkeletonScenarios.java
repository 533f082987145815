package io.infrapm.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.Platform;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton seen from outside: a project created on project-service reaches
 * budget-service, risk-service and notification-service through Kafka, the event on the
 * topic is a CloudEvent any plain client can read, and replaying events (a second
 * delivery, a consumer group moved back to the start) changes nothing and mails no one
 * twice. Subclasses decide what Kafka and MongoDB the platform runs on.
 */
abstract class WalkingSkeletonScenarios {

	private static final Duration PROPAGATION = SkeletonHttp.PROPAGATION;

	private static final String NOTIFICATION_SERVICE = "notification-service";

	private static final String BUDGET_SERVICE = "budget-service";

	@RegisterExtension
	final TestWatcher logsOnFailure = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			for (String service : List.of("project-service", "risk-service", BUDGET_SERVICE, NOTIFICATION_SERVICE)) {
				System.err.println("---- last lines of " + service + " ----");
				System.err.println(platform().logTail(service, 40));
			}
		}
	};

	private static KafkaTestClient kafka;

	/**
	 * The running platform under test, the same for every test of the class.
	 * @return the platform
	 */
	abstract Platform platform();

	private KafkaTestClient kafka() {
		if (kafka == null) {
			kafka = new KafkaTestClient(platform().kafkaBootstrapServers());
		}
		return kafka;
	}

	@AfterAll
	static void closeClient() {
		if (kafka != null) {
			kafka.close();
			kafka = null;
		}
	}

	@Test
	void aNewProjectReachesEveryServiceAsACloudEvent() {
		SkeletonHttp http = new SkeletonHttp(platform());
		String code = SkeletonHttp.uniqueCode();
		String ada = code.toLowerCase() + ".ada@example.com";
		String grace = code.toLowerCase() + ".grace@example.com";

		HttpResponse<String> created = http.post("project-service", "/api/projects",
				SkeletonHttp.newProject(code, List.of(ada, grace)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JsonPath.read(created.body(), "$.id");
		assertThat(created.headers().firstValue("Location")).hasValue("/api/projects/" + id);
		assertThat(created.headers().firstValue("ETag")).isPresent();
		assertThat(http.get("project-service", "/api/projects/" + id).statusCode()).isEqualTo(200);
		for (String service : List.of("project-service", "risk-service", BUDGET_SERVICE, NOTIFICATION_SERVICE)) {
			HttpResponse<String> anonymous = http.get(service, "/api/projects/" + id, null);
			assertThat(anonymous.statusCode()).as(service + " without a token").isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(service)
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		}

		await().atMost(PROPAGATION).untilAsserted(() -> {
			HttpResponse<String> budget = http.get(BUDGET_SERVICE, "/api/projects/" + id + "/budget");
			assertThat(budget.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<Number>read(budget.body(), "$.budgetAtCompletion.amount").doubleValue())
				.isEqualTo(1_250_000.00);
			assertThat(JsonPath.<String>read(budget.body(), "$.budgetAtCompletion.currency")).isEqualTo("EUR");
		});
		await().atMost(PROPAGATION).untilAsserted(() -> {
			HttpResponse<String> risks = http.get("risk-service", "/api/projects/" + id + "/risks");
			assertThat(risks.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<List<?>>read(risks.body(), "$.items")).isEmpty();
		});
		assertThat(http.get("risk-service", "/api/projects/" + UUID.randomUUID() + "/risks").statusCode())
			.isEqualTo(404);
		await().atMost(PROPAGATION).untilAsserted(() -> {
			assertThat(platform().mailbox().messagesTo(ada)).singleElement()
				.satisfies((mail) -> assertThat(mail.subject()).contains(code));
			assertThat(platform().mailbox().messagesTo(grace)).hasSize(1);
			assertThat(http.notificationsOf(ada)).isEqualTo(1);
		});

		ConsumerRecord<String, byte[]> event = projectCreated(id);
		assertThat(headers(event).keySet()).as("only the envelope goes on the wire")
			.containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
					"ce_sequence", "content-type");
		assertThat(headers(event)).containsEntry("ce_specversion", "1.0")
			.containsEntry("ce_type", "io.infrapm.project.ProjectCreated.v1")
			.containsEntry("ce_source", "/infrapm/project-service")
			.containsEntry("ce_subject", id)
			.containsEntry("content-type", "application/json")
			.containsEntry("ce_sequence", "0000000000000000001")
			.containsKeys("ce_id", "ce_time");
		assertThat(UUID.fromString(KafkaTestClient.header(event, "ce_id"))).isNotNull();
		assertThat(Instant.parse(KafkaTestClient.header(event, "ce_time"))).isBefore(Instant.now());
		assertThat(KafkaTestClient.value(event)).contains("\"code\":\"" + code + "\"");
	}

	@Test
	void aSecondDeliveryOfTheSameEventChangesNothing() {
		SkeletonHttp http = new SkeletonHttp(platform());
		String code = SkeletonHttp.uniqueCode();
		String ada = code.toLowerCase() + ".ada@example.com";
		String id = http.createAndAwaitEveryEffect(code, ada);
		ConsumerRecord<String, byte[]> original = projectCreated(id);

		kafka().publish(Topics.PROJECT, original.key(), headers(original), KafkaTestClient.value(original));
		try (ConsumerGroups groups = new ConsumerGroups(platform().kafkaBootstrapServers())) {
			await().atMost(PROPAGATION)
				.until(() -> groups.caughtUp(BUDGET_SERVICE, Topics.PROJECT)
						&& groups.caughtUp(NOTIFICATION_SERVICE, Topics.PROJECT)
						&& groups.caughtUp("risk-service", Topics.PROJECT));
		}

		assertThat(
				JsonPath.<Integer>read(http.get(BUDGET_SERVICE, "/api/projects/" + id + "/budget").body(), "$.version"))
			.isZero();
		assertThat(budgetEstablishedEvents(id)).hasSize(1);
		assertThat(platform().mailbox().messagesTo(ada)).hasSize(1);
		assertThat(http.notificationsOf(ada)).isEqualTo(1);
	}

	@Test
	void aConsumerGroupMovedBackToTheStartSendsNoSecondMail() {
		SkeletonHttp http = new SkeletonHttp(platform());
		String code = SkeletonHttp.uniqueCode();
		String ada = code.toLowerCase() + ".ada@example.com";
		String id = http.createAndAwaitEveryEffect(code, ada);

		platform().stop(NOTIFICATION_SERVICE);
		try (ConsumerGroups groups = new ConsumerGroups(platform().kafkaBootstrapServers())) {
			groups.resetToEarliest(NOTIFICATION_SERVICE, Topics.PROJECT);
			assertThat(groups.caughtUp(NOTIFICATION_SERVICE, Topics.PROJECT)).isFalse();
			platform().start(NOTIFICATION_SERVICE);
			await().atMost(PROPAGATION).until(() -> groups.caughtUp(NOTIFICATION_SERVICE, Topics.PROJECT));
		}

		assertThat(platform().mailbox().messagesTo(ada)).hasSize(1);
		assertThat(http.notificationsOf(ada)).isEqualTo(1);
		assertThat(http.get(BUDGET_SERVICE, "/api/projects/" + id + "/budget").statusCode()).isEqualTo(200);
	}

	@Test
	void aDuplicateCodeIsAConflictAndBadInputNamesTheField() {
		SkeletonHttp http = new SkeletonHttp(platform());
		String code = SkeletonHttp.uniqueCode();
		assertThat(http.post("project-service", "/api/projects", SkeletonHttp.newProject(code, List.of())).statusCode())
			.isEqualTo(201);

		HttpResponse<String> duplicate = http.post("project-service", "/api/projects",
				SkeletonHttp.newProject(code, List.of()));
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(duplicate.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		HttpResponse<String> invalid = http.post("project-service", "/api/projects",
				SkeletonHttp.newProject(SkeletonHttp.uniqueCode(), List.of()).replace("2027-09-30", "someday"));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(JsonPath.<List<String>>read(invalid.body(), "$.errors[*].field")).containsExactly("plannedFinish");
	}

	@Test
	void everyServiceIsReadyAndCountsItsEvents() {
		SkeletonHttp http = new SkeletonHttp(platform());
		http.createAndAwaitEveryEffect(SkeletonHttp.uniqueCode(),
				SkeletonHttp.uniqueCode().toLowerCase() + "@example.com");

		for (String service : List.of("project-service", "risk-service", BUDGET_SERVICE, NOTIFICATION_SERVICE)) {
			HttpResponse<String> readiness = http.get(service, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).as(service).isEqualTo(200);
			assertThat(JsonPath.<String>read(readiness.body(), "$.status")).isEqualTo("UP");
			// Readiness includes MongoDB, but an anonymous caller sees only the overall
			// status: which stores a service uses, and their names, are for authorised
			// callers.
			assertThat(readiness.body()).as(service).doesNotContain("components").doesNotContain("details");
			assertThat(http.get(service, "/actuator/health/liveness").statusCode()).isEqualTo(200);

			String metrics = http.get(service, "/actuator/prometheus").body();
			assertThat(metrics).as(service)
				.contains("application=\"" + service + "\"")
				.contains("instance=\"")
				.contains("infrapm_outbox_backlog")
				.contains("infrapm_outbox_oldest_age_seconds");
		}
		assertThat(http.get("project-service", "/actuator/prometheus").body())
			.containsPattern("infrapm_events_published_total\\{[^}]*type=\"io.infrapm.project.ProjectCreated.v1\"");
		String budgetMetrics = http.get(BUDGET_SERVICE, "/actuator/prometheus").body();
		assertThat(budgetMetrics).containsPattern(
				"infrapm_events_consumed_total\\{[^}]*outcome=\"applied\"[^}]*type=\"io.infrapm.project.ProjectCreated.v1\"")
			.contains("infrapm_events_handling_seconds_bucket")
			.containsPattern("infrapm_events_published_total\\{[^}]*type=\"io.infrapm.budget.BudgetEstablished.v1\"");
	}

	private ConsumerRecord<String, byte[]> projectCreated(String id) {
		List<ConsumerRecord<String, byte[]>> events = kafka().read(Topics.PROJECT,
				(record) -> id.equals(record.key())
						&& "io.infrapm.project.ProjectCreated.v1".equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> !records.isEmpty(), PROPAGATION);
		assertThat(events).as("ProjectCreated of %s on %s", id, Topics.PROJECT).isNotEmpty();
		return events.get(0);
	}

	private List<ConsumerRecord<String, byte[]>> budgetEstablishedEvents(String id) {
		// Read for a while: a second BudgetEstablished would come after the first.
		return kafka().read(Topics.BUDGET, (record) -> id.equals(record.key()), (records) -> records.size() > 1,
				Duration.ofSeconds(3));
	}

	private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), KafkaTestClient.header(record, header.key()));
		}
		return headers;
	}

}
