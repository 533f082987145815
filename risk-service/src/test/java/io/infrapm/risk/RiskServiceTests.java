package io.infrapm.risk;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

	@Test
	void aMissedCriticalMilestoneRaisesOneScheduleRiskHoweverOftenItIsTold() {
		UUID projectId = created();
		UUID milestone = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		publishMissed(eventId, projectId, milestone, true);
		publishMissed(eventId, projectId, milestone, true);
		publishMissed(UUID.randomUUID(), projectId, milestone, true);
		publishMissed(UUID.randomUUID(), projectId, UUID.randomUUID(), false);
		UUID marker = UUID.randomUUID();
		publishMissed(UUID.randomUUID(), projectId, marker, true);

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(risksOf(projectId)).contains(marker.toString()));
		String risks = risksOf(projectId);
		assertThat(JsonPath.<Integer>read(risks, "$.totalItems")).as("the first milestone's and the marker's")
			.isEqualTo(2);
		assertThat(JsonPath.<List<String>>read(risks, "$.items[*].origin")).containsOnly("MILESTONE_MISSED");
		assertThat(JsonPath.<List<String>>read(risks, "$.items[*].category")).containsOnly("SCHEDULE");
		assertThat(JsonPath.<String>read(risks, "$.items[0].originReference")).isEqualTo(milestone.toString());
		assertThat(JsonPath.<String>read(risks, "$.items[0].band")).isEqualTo("CRITICAL");
		assertThat(JsonPath.<String>read(risks, "$.items[0].escalatedTo")).isEqualTo("SPONSOR");
		assertThat(JsonPath.<String>read(risks, "$.items[0].identifiedBy.name")).isEqualTo("risk-service");
		assertThat(riskEvents(projectId, "io.infrapm.risk.RiskIdentified.v1")).hasSize(2);
		assertThat(riskEvents(projectId, "io.infrapm.risk.RiskEscalated.v1")).hasSize(2);
	}

	@Test
	void aMilestoneMissedAgainOnAnotherDueDateRescoresItsRiskOnce() {
		UUID projectId = created();
		UUID milestone = UUID.randomUUID();
		publishMissed(UUID.randomUUID(), projectId, milestone, true, "2027-03-01");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(JsonPath.<Integer>read(risksOf(projectId), "$.totalItems")).isEqualTo(1));
		UUID again = UUID.randomUUID();
		publishMissed(again, projectId, milestone, true, "2027-03-22");
		publishMissed(again, projectId, milestone, true, "2027-03-22");
		publishMissed(UUID.randomUUID(), projectId, milestone, true, "2027-03-22");
		publishMissed(UUID.randomUUID(), projectId, milestone, true, "2027-03-01");

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(JsonPath.<Integer>read(risksOf(projectId), "$.items[0].inherent.score"))
				.isEqualTo(20));
		String risks = risksOf(projectId);
		assertThat(JsonPath.<Integer>read(risks, "$.totalItems")).as("still the one risk").isEqualTo(1);
		assertThat(JsonPath.<String>read(risks, "$.items[0].band")).isEqualTo("CRITICAL");
		// Later deliveries of either miss would show as a third assessment.
		UUID marker = UUID.randomUUID();
		publishMissed(UUID.randomUUID(), projectId, marker, true);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(risksOf(projectId)).contains(marker.toString()));
		assertThat(riskEvents(projectId, "io.infrapm.risk.RiskAssessed.v1"))
			.as("the first miss's assessment, the second's, and the marker's")
			.hasSize(3);
	}

	@Test
	void aBudgetThresholdOfNinetyPercentOrMoreRaisesOneCostRiskPerThreshold() throws InterruptedException {
		UUID projectId = created();
		UUID ninety = UUID.randomUUID();
		publishThreshold(UUID.randomUUID(), projectId, 80);
		publishThreshold(ninety, projectId, 90);
		publishThreshold(ninety, projectId, 90);
		publishThreshold(UUID.randomUUID(), projectId, 90);
		publishThreshold(UUID.randomUUID(), projectId, 100);

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(JsonPath.<Integer>read(risksOf(projectId), "$.totalItems")).isEqualTo(2));
		String risks = risksOf(projectId);
		assertThat(JsonPath.<List<String>>read(risks, "$.items[*].originReference")).containsExactly("90", "100");
		assertThat(JsonPath.<List<Integer>>read(risks, "$.items[*].inherent.score")).as("3 × 4 and 5 × 4")
			.containsExactly(12, 20);
		assertThat(JsonPath.<List<String>>read(risks, "$.items[*].category")).containsOnly("COST");
		Thread.sleep(1000);
		assertThat(JsonPath.<Integer>read(risksOf(projectId), "$.totalItems")).as("and no third, from the replays")
			.isEqualTo(2);
	}

	@Test
	void aMilestoneInAChangeWindowRaisesAnOperationalRiskAndOneOnADependencyNone() throws InterruptedException {
		UUID projectId = created();
		UUID milestone = UUID.randomUUID();
		UUID window = UUID.randomUUID();
		publishConflict(projectId, milestone, "DEPENDENCY", null);
		publishConflict(projectId, milestone, "CHANGE_FREEZE", window);
		publishConflict(projectId, milestone, "CHANGE_FREEZE", window);

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(JsonPath.<Integer>read(risksOf(projectId), "$.totalItems")).isEqualTo(1));
		String risks = risksOf(projectId);
		assertThat(JsonPath.<String>read(risks, "$.items[0].category")).isEqualTo("OPERATIONAL");
		assertThat(JsonPath.<String>read(risks, "$.items[0].originReference")).isEqualTo(milestone + "/" + window);
		assertThat(JsonPath.<String>read(risks, "$.items[0].title")).contains("change freeze");
		Thread.sleep(1000);
		assertThat(JsonPath.<Integer>read(risksOf(projectId), "$.totalItems")).isEqualTo(1);
	}

	private UUID created() {
		UUID projectId = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), projectId);
		await().atMost(Duration.ofSeconds(15)).until(() -> risks(projectId).getStatusCode().value() == 200);
		return projectId;
	}

	private String risksOf(UUID projectId) {
		return risks(projectId).getBody();
	}

	private List<ConsumerRecord<String, byte[]>> riskEvents(UUID projectId, String type) {
		return kafka.read(Topics.RISK,
				(record) -> projectId.toString().equals(record.key())
						&& type.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> false, Duration.ofSeconds(3));
	}

	private void publishMissed(UUID eventId, UUID projectId, UUID milestoneId, boolean critical) {
		publishMissed(eventId, projectId, milestoneId, critical, "2027-03-01");
	}

	private void publishMissed(UUID eventId, UUID projectId, UUID milestoneId, boolean critical, String dueDate) {
		String json = """
				{"projectId":"%s","milestoneId":"%s","name":"Core cutover","dueDate":"%s","critical":%s,
				 "cutover":false,"daysLate":3,"detectedOn":"2027-03-04","detectedAt":"2027-03-04T06:00:00Z",
				 "actor":{"subject":"service:project-service","name":"project-service"}}
				""".formatted(projectId, milestoneId, dueDate, critical);
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
				"io.infrapm.project.MilestoneMissed.v1", projectId.toString()), json);
	}

	private void publishThreshold(UUID eventId, UUID projectId, int threshold) {
		String json = """
				{"projectId":"%s","thresholdPercent":%d,"consumedPercent":%d.40,"actualTotal":1130000.00,
				 "budgetAtCompletion":1250000.00,"currency":"EUR","costId":"%s","crossedAt":"2027-03-04T06:00:00Z",
				 "actor":{"subject":"pat","email":"pat@example.com","name":"Pat Manager"}}
				""".formatted(projectId, threshold, threshold, UUID.randomUUID());
		kafka.publish(Topics.BUDGET, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
				"io.infrapm.budget.BudgetThresholdCrossed.v1", projectId.toString()), json);
	}

	private void publishConflict(UUID projectId, UUID milestoneId, String kind, UUID windowId) {
		String json = """
				{"projectId":"%s","milestoneId":"%s","name":"Core cutover","dueDate":"2027-05-28","kind":"%s",
				 "detail":"'Core cutover' on 2027-05-28 falls into 'Spring freeze'","detectedAt":"2027-03-04T06:00:00Z",
				 "actor":{"subject":"portia","name":"Portia"},"windowId":%s}
				""".formatted(projectId, milestoneId, kind, (windowId != null) ? "\"" + windowId + "\"" : "null");
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(UUID.randomUUID(),
				"io.infrapm.project.ScheduleConflictDetected.v1", projectId.toString()), json);
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
