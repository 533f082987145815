package io.infrapm.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * budget-service against a real Kafka broker and the embedded MongoDB: events in through
 * a plain Kafka client, results out through REST and the budget topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "infrapm.messaging.unexpected-failure-attempts=3")
class BudgetServiceTests {

	/**
	 * The suite's database, and its consumer group (which names its dead-letter topic).
	 */
	private static final String DATABASE = "budget-service-tests";

	/** A portfolio manager, who sees every project. */
	private static final String PORTFOLIO_MANAGER = TestInfrastructure.get()
		.issuer()
		.bearer("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().springProperties(DATABASE).forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	static void connect() {
		kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
	}

	@AfterAll
	static void disconnect() {
		kafka.close();
	}

	@Test
	void establishesTheBudgetOfANewProjectOnceAlthoughTheEventArrivesTwice() {
		UUID projectId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		publishProjectCreated(eventId, projectId, "1250000.00");
		publishProjectCreated(eventId, projectId, "1250000.00");

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(budget(projectId).getStatusCode().value()).isEqualTo(200));
		Map<String, Object> budget = budget(projectId).getBody();
		assertThat(budget).containsEntry("projectCode", "DC-" + projectId.toString().substring(0, 8));
		Map<?, ?> budgetAtCompletion = (Map<?, ?>) budget.get("budgetAtCompletion");
		assertThat(budgetAtCompletion.get("currency")).isEqualTo("EUR");
		assertThat(new BigDecimal(budgetAtCompletion.get("amount").toString())).isEqualByComparingTo("1250000");

		List<ConsumerRecord<String, byte[]>> established = kafka.read(Topics.BUDGET,
				(record) -> projectId.toString().equals(record.key()), (records) -> false, Duration.ofSeconds(3));
		assertThat(established).hasSize(1);
		ConsumerRecord<String, byte[]> event = established.get(0);
		assertThat(KafkaTestClient.header(event, "ce_type")).isEqualTo("io.infrapm.budget.BudgetEstablished.v1");
		assertThat(KafkaTestClient.header(event, "ce_source")).isEqualTo("/infrapm/budget-service");
		assertThat(KafkaTestClient.header(event, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(event, "content-type")).isEqualTo("application/json");
		assertThat(KafkaTestClient.value(event)).contains("\"budgetAtCompletion\":1250000.00");
	}

	@Test
	void keepsTheNewestProjectNameEvenWhenAnOlderRevisionArrivesLater() {
		UUID projectId = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), projectId, "5000");
		await().atMost(Duration.ofSeconds(15)).until(() -> budget(projectId).getStatusCode().value() == 200);
		UUID secondRename = publishProjectUpdated(projectId, 2, "Renamed twice");
		publishProjectUpdated(projectId, 1, "Renamed once");
		// The second rename delivered again, as after a producer crash.
		publishProjectUpdated(secondRename, projectId, 2, "Renamed twice");
		UUID third = publishProjectUpdated(projectId, 3, "Renamed thrice");

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(budget(projectId).getBody()).containsEntry("projectName", "Renamed thrice"));
		publishProjectUpdated(projectId, 2, "Renamed twice");
		publishProjectUpdated(third, projectId, 3, "Renamed thrice");
		UUID marker = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), marker, "1");
		await().atMost(Duration.ofSeconds(15)).until(() -> budget(marker).getStatusCode().value() == 200);
		assertThat(budget(projectId).getBody()).containsEntry("projectName", "Renamed thrice");
	}

	@Test
	void neverTakesAnUpdateOfAProjectItDoesNotKnowForADuplicate() {
		UUID unknown = UUID.randomUUID();
		UUID eventId = publishProjectUpdated(unknown, 1, "Renamed");

		List<ConsumerRecord<String, byte[]>> dead = kafka.read(Topics.deadLetter(Topics.PROJECT, DATABASE),
				(record) -> eventId.toString().equals(KafkaTestClient.header(record, "ce_id")),
				(records) -> !records.isEmpty(), Duration.ofSeconds(60));
		assertThat(dead).as("retried, then dead-lettered for a re-drive; never dropped").hasSize(1);
		assertThat(KafkaTestClient.header(dead.get(0), "kafka_dlt-exception-message")).contains("matches");
	}

	private UUID publishProjectUpdated(UUID projectId, long version, String name) {
		return publishProjectUpdated(UUID.randomUUID(), projectId, version, name);
	}

	private UUID publishProjectUpdated(UUID eventId, UUID projectId, long version, String name) {
		String json = """
				{"projectId":"%s","code":"DC-1","name":"%s","category":"CLOUD_MIGRATION","methodology":"AGILE",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-06-30","version":%d,"updatedAt":"2026-11-24T10:00:00Z"}
				"""
			.formatted(projectId, name, version);
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
				"io.infrapm.project.ProjectUpdated.v1", projectId.toString()), json);
		return eventId;
	}

	@Test
	void answersNotFoundForAProjectItHasNeverHeardOf() {
		ResponseEntity<Map<String, Object>> response = budget(UUID.randomUUID());
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).containsEntry("status", 404);
	}

	@Test
	void answersBadRequestNamingTheParameterForAMalformedProjectId() {
		ResponseEntity<Map<String, Object>> response = get("/api/projects/not-a-uuid/budget");
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody().get("errors").toString()).contains("projectId");
	}

	@Test
	void sendsAPoisonRecordToTheDeadLetterTopicWithItsOriginalHeaders() {
		UUID projectId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
				"io.infrapm.project.ProjectCreated.v1", projectId.toString()), "{not json");
		// The partition is not blocked: a good event behind the poison one is applied.
		UUID next = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), next, "10");

		List<ConsumerRecord<String, byte[]>> dead = kafka.read(Topics.deadLetter(Topics.PROJECT, DATABASE),
				(record) -> eventId.toString().equals(KafkaTestClient.header(record, "ce_id")),
				(records) -> !records.isEmpty(), Duration.ofSeconds(30));
		assertThat(dead).hasSize(1);
		assertThat(KafkaTestClient.header(dead.get(0), "ce_type")).isEqualTo("io.infrapm.project.ProjectCreated.v1");
		assertThat(KafkaTestClient.value(dead.get(0))).isEqualTo("{not json");
		assertThat(KafkaTestClient.header(dead.get(0), "kafka_dlt-exception-message")).contains("not valid");
		await().atMost(Duration.ofSeconds(15)).until(() -> budget(next).getStatusCode().value() == 200);
		assertThat(budget(projectId).getStatusCode().value()).isEqualTo(404);
	}

	private void publishProjectCreated(UUID eventId, UUID projectId, String amount) {
		String json = """
				{"projectId":"%s","code":"DC-%s","name":"Frankfurt DC exit","category":"DATA_CENTRE_MIGRATION",
				 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "budgetAmount":%s,"currency":"EUR","stakeholders":[],"createdAt":"2026-11-24T10:00:00Z",
				 "aFieldFromTheFuture":true}
				"""
			.formatted(projectId, projectId.toString().substring(0, 8), amount);
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
				"io.infrapm.project.ProjectCreated.v1", projectId.toString()), json);
	}

	private ResponseEntity<Map<String, Object>> budget(UUID projectId) {
		return get("/api/projects/" + projectId + "/budget");
	}

	private ResponseEntity<Map<String, Object>> get(String path) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, PORTFOLIO_MANAGER)
			.build()
			.get()
			.uri(path)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

}
