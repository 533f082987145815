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
	void anApprovedCostChangeRequestRebaselinesTheBudgetOnceAndOtherDecisionsChangeNothing() {
		UUID projectId = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), projectId, "100000.00");
		await().atMost(Duration.ofSeconds(15)).until(() -> budget(projectId).getStatusCode().value() == 200);

		UUID approved = UUID.randomUUID();
		publishDecision(approved, projectId, 2, "COST", "APPROVED", "25000.00");
		// Delivered again, as after a producer crash, and an older event after it.
		publishDecision(approved, projectId, 2, "COST", "APPROVED", "25000.00");
		publishDecision(UUID.randomUUID(), projectId, 3, "COST", "REJECTED", "90000.00");
		publishDecision(UUID.randomUUID(), projectId, 4, "SCHEDULE", "APPROVED", "70000.00");
		publishDecision(UUID.randomUUID(), projectId, 1, "COST", "APPROVED", "5000.00");
		UUID last = UUID.randomUUID();
		publishDecision(last, projectId, 5, "COST", "APPROVED", "-10000.00");

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(amountOf(budget(projectId).getBody())).isEqualByComparingTo("115000"));
		Map<String, Object> baselines = get("/api/projects/" + projectId + "/budget/baselines").getBody();
		assertThat(baselines).containsEntry("totalItems", 3);
		List<ConsumerRecord<String, byte[]>> rebaselined = kafka.read(Topics.BUDGET,
				(record) -> projectId.toString().equals(record.key())
						&& "io.infrapm.budget.BudgetRebaselined.v1".equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> records.size() >= 2, Duration.ofSeconds(15));
		assertThat(rebaselined).hasSize(2);
		assertThat(KafkaTestClient.value(rebaselined.get(0))).contains("\"budgetAtCompletion\":125000.00")
			.contains("\"baseline\":2")
			.contains("\"changeRequestNumber\":\"CR-2\"");
		assertThat(KafkaTestClient.header(rebaselined.get(0), "ce_subject")).isEqualTo(projectId.toString());
		assertThat(KafkaTestClient.value(rebaselined.get(1))).contains("\"budgetAtCompletion\":115000.00");
		assertThat(kafka.read(Topics.BUDGET,
				(record) -> projectId.toString().equals(record.key())
						&& "io.infrapm.budget.BudgetRebaselined.v1".equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> false, Duration.ofSeconds(2)))
			.as("no third rebaseline from the replay, the rejection, the schedule change or the older event")
			.hasSize(2);
	}

	@Test
	void aProgressReportPublishesItsEarnedValueOnceAlthoughItArrivesTwice() {
		UUID projectId = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), projectId, "100000.00");
		await().atMost(Duration.ofSeconds(15)).until(() -> budget(projectId).getStatusCode().value() == 200);
		UUID report = UUID.randomUUID();
		publishProgress(report, projectId, 2, "40");
		publishProgress(report, projectId, 2, "40");

		List<ConsumerRecord<String, byte[]>> calculated = kafka
			.read(Topics.BUDGET, (record) -> projectId.toString().equals(record.key())
					&& "io.infrapm.budget.EarnedValueCalculated.v1".equals(KafkaTestClient.header(record, "ce_type")),
					(records) -> false, Duration.ofSeconds(8));
		assertThat(calculated).hasSize(1);
		assertThat(KafkaTestClient.value(calculated.get(0))).contains("\"earnedValue\":40000.00")
			.contains("\"asOf\":\"2027-03-31\"")
			.contains("\"costPerformanceIndex\":null");
		Map<String, Object> value = get("/api/projects/" + projectId + "/earned-value?asOf=2027-03-31").getBody();
		assertThat(new BigDecimal(value.get("earnedValue").toString())).isEqualByComparingTo("40000");
		assertThat(value.get("undefined").toString()).contains("costPerformanceIndex")
			.contains("AC is zero: nothing was spent by 2027-03-31");
		assertThat(((Map<?, ?>) budget(projectId).getBody().get("performance")).get("asOf")).isEqualTo("2027-03-31");
		Map<String, Object> curve = get("/api/projects/" + projectId + "/earned-value/history?from=2027-01&to=2027-12")
			.getBody();
		assertThat(curve).containsEntry("totalItems", 12);
	}

	@Test
	void aReportThatShowsTheMoneyRunningAheadPublishesTheBandAndTheOverrunOnce() {
		UUID projectId = UUID.randomUUID();
		publishProjectCreated(UUID.randomUUID(), projectId, "100000.00");
		await().atMost(Duration.ofSeconds(15)).until(() -> budget(projectId).getStatusCode().value() == 200);
		ResponseEntity<Map<String, Object>> cost = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, PORTFOLIO_MANAGER)
			.build()
			.post()
			.uri("/api/projects/" + projectId + "/costs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"kind\":\"ACTUAL\",\"amount\":60000,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
					+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-03-15\"}")
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
		assertThat(cost.getStatusCode().value()).isEqualTo(201);
		UUID report = UUID.randomUUID();
		publishProgress(report, projectId, 2, "40");
		publishProgress(report, projectId, 2, "40");

		for (String type : List.of("io.infrapm.budget.CostPerformanceChanged.v1",
				"io.infrapm.budget.BudgetOverrunForecast.v1")) {
			List<ConsumerRecord<String, byte[]>> records = kafka.read(Topics.BUDGET,
					(record) -> projectId.toString().equals(record.key())
							&& type.equals(KafkaTestClient.header(record, "ce_type")),
					(records1) -> false, Duration.ofSeconds(8));
			assertThat(records).as(type).hasSize(1);
			ConsumerRecord<String, byte[]> event = records.get(0);
			assertThat(KafkaTestClient.header(event, "ce_source")).isEqualTo("/infrapm/budget-service");
			assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(projectId.toString());
			assertThat(KafkaTestClient.header(event, "ce_specversion")).isEqualTo("1.0");
			assertThat(KafkaTestClient.header(event, "ce_sequence")).isNotBlank();
		}
		String performance = KafkaTestClient.value(kafka.read(Topics.BUDGET,
				(record) -> projectId.toString().equals(record.key()) && "io.infrapm.budget.CostPerformanceChanged.v1"
					.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> !records.isEmpty(), Duration.ofSeconds(5))
			.get(0));
		assertThat(performance).as("CPI 40,000 / 60,000")
			.contains("\"costBand\":\"RED\"")
			.contains("\"costPerformanceIndex\":0.6667");
		String overrun = KafkaTestClient.value(kafka.read(Topics.BUDGET,
				(record) -> projectId.toString().equals(record.key()) && "io.infrapm.budget.BudgetOverrunForecast.v1"
					.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> !records.isEmpty(), Duration.ofSeconds(5))
			.get(0));
		assertThat(overrun).contains("\"overrun\":true").contains("\"estimateAtCompletion\":150000.00");
	}

	private void publishDecision(UUID eventId, UUID projectId, long sequence, String category, String decision,
			String costImpact) {
		String json = """
				{"projectId":"%s","changeRequestId":"%s","number":"CR-%d","title":"Second data hall",
				 "category":"%s","decision":"%s","reason":"needed","costImpact":%s,"currency":"EUR",
				 "scheduleImpactDays":0,"affectedMilestones":[],"decidedAt":"2027-02-01T10:00:00Z",
				 "actor":{"subject":"sam","email":"sam@example.com","name":"Sam Sponsor"}}
				""".formatted(projectId, UUID.randomUUID(), sequence, category, decision, costImpact);
		publishSequenced(eventId, "io.infrapm.project.ChangeRequestDecided.v1", projectId, sequence, json);
	}

	private void publishProgress(UUID eventId, UUID projectId, long sequence, String percent) {
		String json = """
				{"projectId":"%s","reportId":"%s","asOf":"2027-03-31","percentComplete":%s,"milestones":[],
				 "reportedAt":"2027-04-01T08:00:00Z",
				 "actor":{"subject":"pat","email":"pat@example.com","name":"Pat Manager"}}
				""".formatted(projectId, UUID.randomUUID(), percent);
		publishSequenced(eventId, "io.infrapm.project.ProgressReported.v1", projectId, sequence, json);
	}

	private void publishSequenced(UUID eventId, String type, UUID projectId, long sequence, String json) {
		Map<String, String> headers = KafkaTestClient.cloudEventHeaders(eventId, type, projectId.toString());
		headers.put("ce_sequence", Long.toString(sequence));
		kafka.publish(Topics.PROJECT, projectId.toString(), headers, json);
	}

	private static BigDecimal amountOf(Map<String, Object> budget) {
		return new BigDecimal(((Map<?, ?>) budget.get("budgetAtCompletion")).get("amount").toString());
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
