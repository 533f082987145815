package io.infrapm.risk;

import java.time.Duration;
import java.util.UUID;

import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.beans.factory.annotation.Autowired;
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
 * risk-service against a real Kafka broker and the embedded MongoDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RiskServiceTests {

	/**
	 * The suite's database, and its consumer group (which names its dead-letter topic).
	 */
	private static final String DATABASE = "risk-service-tests";

	/** A portfolio manager, who sees every project. */
	private static final String PORTFOLIO_MANAGER = TestInfrastructure.get()
		.issuer()
		.bearer("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@Autowired
	private MongoTemplate mongo;

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
	void opensAnEmptyRegisterForANewProjectOnce() {
		UUID projectId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		publishProjectCreated(eventId, projectId);
		publishProjectCreated(eventId, projectId);

		await().atMost(Duration.ofSeconds(15)).until(() -> risks(projectId).getStatusCode().value() == 200);
		assertThat(risks(projectId).getBody()).contains("\"items\":[]").contains("\"totalItems\":0");
		// A second, later event with the same id must not have touched the register.
		UUID other = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), other);
		await().atMost(Duration.ofSeconds(15)).until(() -> risks(other).getStatusCode().value() == 200);
		assertThat(this.mongo.getCollection("registers").countDocuments(new org.bson.Document("_id", projectId)))
			.isEqualTo(1);
	}

	@Test
	void answersNotFoundProblemForAProjectItHasNeverHeardOf() {
		ResponseEntity<String> response = risks(UUID.randomUUID());
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).as("to a portfolio manager, who sees every project")
			.contains("no risk register is known for project");
	}

	@Test
	void ignoresEventTypesItDoesNotHandle() {
		UUID projectId = UUID.randomUUID();
		kafka.publish(
				Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(UUID.randomUUID(),
						"io.infrapm.project.MilestonePlanned.v1", projectId.toString()),
				"{\"projectId\":\"" + projectId + "\"}");
		publishProjectCreated(UUID.randomUUID(), projectId);
		await().atMost(Duration.ofSeconds(15)).until(() -> risks(projectId).getStatusCode().value() == 200);
		assertThat(kafka.read(Topics.deadLetter(Topics.PROJECT, DATABASE),
				(record) -> projectId.toString().equals(record.key()), (records) -> false, Duration.ofSeconds(1)))
			.isEmpty();
	}

	private void publishProjectCreated(UUID eventId, UUID projectId) {
		String json = """
				{"projectId":"%s","code":"NET-%s","name":"Campus network refresh","category":"NETWORK_ROLLOUT",
				 "methodology":"AGILE","phase":"INITIATING","plannedStart":"2027-02-01","plannedFinish":"2027-05-31",
				 "budgetAmount":420000,"currency":"EUR","stakeholders":[],"createdAt":"2026-11-24T10:00:00Z"}
				""".formatted(projectId, projectId.toString().substring(0, 8));
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
				"io.infrapm.project.ProjectCreated.v1", projectId.toString()), json);
	}

	private ResponseEntity<String> risks(UUID projectId) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, PORTFOLIO_MANAGER)
			.build()
			.get()
			.uri("/api/projects/{id}/risks", projectId)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(String.class);
	}

}
