package io.infrapm.project;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the REST tests of project-service share: one running service (one Spring context
 * for all of them, on the shared test infrastructure), tokens of the test issuer, HTTP
 * with those tokens, the project topic, and the problem answers. Each test keeps apart by
 * addresses and codes of its own ({@link #suffix}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProjectServiceApiTest {

	protected static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static KafkaTestClient kafka;

	/** A suffix that makes this test's addresses and codes its own. */
	protected final String suffix = UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("project-service-api-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
		// The date watch runs on a real clock; DateWatchTests runs its own, on clocks of
		// its own, so that no other test sees a project change by itself.
		registry.add("infrapm.project.date-watch.enabled", () -> "false");
		// Likewise the report schedule: ReportScheduleTests runs schedulers of its own.
		registry.add("infrapm.project.report-schedule.enabled", () -> "false");
	}

	@BeforeAll
	static void connect() {
		kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
	}

	@AfterAll
	static void disconnect() {
		kafka.close();
	}

	/** An address of this test's own, e.g. {@code pat.1a2b3c4d@example.com}. */
	protected String address(String name) {
		return name + "." + this.suffix + "@example.com";
	}

	protected static String token(String email, String... roles) {
		return issuer.token(email, roles);
	}

	protected HttpResponse<String> send(String method, String path, String body, String token) {
		return send(method, path, body, token, null);
	}

	protected HttpResponse<String> send(String method, String path, String body, String token, String ifMatch) {
		return new TestHttp("http://localhost:" + this.port).send(method, path, body, token, ifMatch);
	}

	protected HttpResponse<String> send(String method, String path, String body, String token, String ifMatch,
			String idempotencyKey) {
		return new TestHttp("http://localhost:" + this.port).send(method, path, body, token, ifMatch, idempotencyKey);
	}

	/** Creates a project as a portfolio manager and answers its id. */
	protected String createAsPortfolioManager(String body) {
		HttpResponse<String> created = send("POST", "/api/projects", body,
				token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JsonPath.read(created.body(), "$.id");
	}

	/** Asserts a problem answer, and that it names {@code field} unless that is null. */
	protected static void assertProblem(HttpResponse<String> response, int status, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		if (field != null) {
			assertThat(JsonPath.<List<String>>read(response.body(), "$.errors[*].field")).as(response.body())
				.contains(field);
		}
	}

	/**
	 * Publishes an event as another service would: CloudEvents headers, keyed by the
	 * project, with its subject's sequence number.
	 */
	protected static void publish(String topic, UUID eventId, String type, String projectId, String subject,
			long sequence, String data) {
		java.util.Map<String, String> headers = KafkaTestClient.cloudEventHeaders(eventId, type, subject);
		headers.put("ce_sequence", Long.toString(sequence));
		kafka.publish(topic, projectId, headers, data);
	}

	/**
	 * Publishes, as budget-service would, a budget of 500,000 EUR for a project and its
	 * actual costs of 460,000 crossing 90 % of it.
	 */
	protected static void crossNinetyPercent(String project) {
		String budgetId = UUID.randomUUID().toString();
		String actor = "{\"subject\":\"service:budget-service\",\"name\":\"budget-service\"}";
		publish(Topics.BUDGET, UUID.randomUUID(), "io.infrapm.budget.BudgetEstablished.v1", project, budgetId, 1,
				"{\"projectId\":\"%s\",\"budgetId\":\"%s\",\"budgetAtCompletion\":500000,\"currency\":\"EUR\","
					.formatted(project, budgetId) + "\"establishedAt\":\"2027-01-04T09:00:00Z\",\"actor\":" + actor
						+ "}");
		publish(Topics.BUDGET, UUID.randomUUID(), "io.infrapm.budget.BudgetThresholdCrossed.v1", project, budgetId, 2,
				"{\"projectId\":\"%s\",\"thresholdPercent\":90,\"consumedPercent\":92.0,\"actualTotal\":460000,"
					.formatted(project) + "\"budgetAtCompletion\":500000,\"currency\":\"EUR\",\"costId\":\""
						+ UUID.randomUUID() + "\",\"crossedAt\":\"2027-03-10T10:00:00Z\",\"actor\":" + actor + "}");
	}

	/** The test's Kafka client. */
	protected static KafkaTestClient kafka() {
		return kafka;
	}

	/** The first event of a type about a project on the project topic. */
	protected static ConsumerRecord<String, byte[]> eventOf(String projectId, String type) {
		return eventOf(projectId, type, (record) -> true);
	}

	/** Every event of a type about a project on the project topic so far. */
	protected static List<ConsumerRecord<String, byte[]>> eventsOf(String projectId, String type) {
		return kafka.readToEnd(Topics.PROJECT,
				(record) -> projectId.equals(record.key()) && type.equals(KafkaTestClient.header(record, "ce_type")),
				Duration.ofSeconds(15));
	}

	/** The first event of a type about a project on the project topic that matches. */
	protected static ConsumerRecord<String, byte[]> eventOf(String projectId, String type,
			Predicate<ConsumerRecord<String, byte[]>> matching) {
		List<ConsumerRecord<String, byte[]>> events = kafka.read(
				Topics.PROJECT, (record) -> projectId.equals(record.key())
						&& type.equals(KafkaTestClient.header(record, "ce_type")) && matching.test(record),
				(records) -> !records.isEmpty(), Duration.ofSeconds(15));
		assertThat(events).as("%s of %s", type, projectId).isNotEmpty();
		return events.get(0);
	}

}
