package io.infrapm.project;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
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
 * project-service through its REST API, against a real Kafka broker read by a plain
 * client and the embedded MongoDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectServiceTests {

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
		TestInfrastructure.get()
			.springProperties("project-service-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
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
	void createsAProjectAndPublishesProjectCreatedAsACloudEvent() {
		String code = uniqueCode("dc");
		ResponseEntity<Map<String, Object>> created = post(projectJson(code, "2027-01-04", "2027-09-30"), null);

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		String id = (String) created.getBody().get("id");
		assertThat(created.getHeaders().getLocation()).hasToString("/api/projects/" + id);
		assertThat(created.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(created.getBody()).containsEntry("code", code.toUpperCase()).containsEntry("phase", "INITIATING");

		ResponseEntity<Map<String, Object>> read = get("/api/projects/" + id);
		assertThat(read.getStatusCode().value()).isEqualTo(200);
		assertThat(read.getBody()).containsEntry("name", "Frankfurt DC exit");
		assertThat((List<?>) read.getBody().get("stakeholders")).hasSize(1);

		ConsumerRecord<String, byte[]> event = eventsOf(id, 1).get(0);
		assertThat(KafkaTestClient.header(event, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(event, "ce_type")).isEqualTo("io.infrapm.project.ProjectCreated.v1");
		assertThat(KafkaTestClient.header(event, "ce_source")).isEqualTo("/infrapm/project-service");
		assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(id);
		assertThat(UUID.fromString(KafkaTestClient.header(event, "ce_id"))).isNotNull();
		assertThat(Instant.parse(KafkaTestClient.header(event, "ce_time"))).isBeforeOrEqualTo(Instant.now());
		assertThat(KafkaTestClient.header(event, "content-type")).isEqualTo("application/json");
		assertThat(KafkaTestClient.header(event, "ce_sequence")).as("the project's first event")
			.isEqualTo("0000000000000000001");
		assertThat(event.headers()).extracting(Header::key)
			.as("only the envelope goes on the wire")
			.containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
					"ce_sequence", "content-type");
		assertThat(KafkaTestClient.value(event)).contains("\"code\":\"" + code.toUpperCase() + "\"")
			.contains("\"budgetAmount\":1250000")
			.contains("\"email\":\"ada@example.com\"")
			.as("the author, from the token")
			.contains(
					"\"actor\":{\"subject\":\"portia@example.com\",\"email\":\"portia@example.com\",\"name\":\"Portia\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf(id).isEmpty());
	}

	@Test
	void rejectsInvalidInputNamingTheFieldAndStoresNothing() {
		long before = this.mongo.getCollection("projects").countDocuments();
		assertInvalid(post("{\"code\":\"X1\"}", null), 400, "name");
		assertInvalid(post(
				projectJson(uniqueCode("a"), "2027-01-04", "2027-09-30").replace("DATA_CENTRE_MIGRATION", "BIG_MOVE"),
				null), 400, "category");
		assertInvalid(post(projectJson(uniqueCode("b"), "2027-01-04", "yesterday"), null), 400, "plannedFinish");
		assertInvalid(post(projectJson(uniqueCode("c"), "2027-09-30", "2027-01-04"), null), 422, "plannedFinish");
		assertInvalid(
				post(projectJson(uniqueCode("d"), "2027-01-04", "2027-09-30").replace("\"EUR\"", "\"XXY\""), null), 422,
				"budget.currency");
		assertInvalid(post(projectJson(uniqueCode("e"), "2027-01-04", "2027-09-30").replace("1250000", "-1"), null),
				400, "budget.amount");
		assertInvalid(
				post(projectJson(uniqueCode("f"), "2027-01-04", "2027-09-30").replace("ada@example.com", "not-mail"),
						null),
				400, "stakeholders[0].email");
		ResponseEntity<Map<String, Object>> malformed = post("{\"code\": ", null);
		assertThat(malformed.getStatusCode().value()).isEqualTo(400);
		assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mongo.getCollection("projects").countDocuments()).isEqualTo(before);
	}

	@Test
	void rejectsNumbersAndDatesThatCouldNotBeStoredAndStoresNothing() {
		long before = this.mongo.getCollection("projects").countDocuments();
		for (String amount : List.of("123456789012345678901234567890123456", "1E+10000", "1E+2147483647")) {
			ResponseEntity<Map<String, Object>> response = post(
					projectJson(uniqueCode("n"), "2027-01-04", "2027-09-30").replace("1250000", amount), null);
			assertInvalid(response, 400, "budget.amount");
			assertThat(reasonOf(response, "budget.amount"))
				.isEqualTo("must have at most 30 digits before the decimal point and 4 after it");
		}
		for (String date : List.of("+999999999-12-31", "0001-01-01", "1899-12-31")) {
			ResponseEntity<Map<String, Object>> response = post(projectJson(uniqueCode("t"), date, "2027-09-30"), null);
			assertInvalid(response, 400, "plannedStart");
			assertThat(reasonOf(response, "plannedStart")).isEqualTo("must be a date from 1900-01-01 to 9999-12-31");
		}
		assertInvalid(post(projectJson(uniqueCode("u"), "2027-01-04", "+10000-01-01"), null), 400, "plannedFinish");
		assertThat(this.mongo.getCollection("projects").countDocuments()).isEqualTo(before);
	}

	@Test
	void rejectsARevisionToADateOutsideTheCalendarAndChangesNothing() {
		String id = (String) post(projectJson(uniqueCode("cal"), "2027-01-04", "2027-09-30"), null).getBody().get("id");

		assertInvalid(patch(id, "{\"plannedFinish\":\"+999999999-12-31\"}", "\"0\""), 400, "plannedFinish");
		assertInvalid(patch(id, "{\"plannedStart\":\"1066-10-14\"}", "\"0\""), 400, "plannedStart");
		ResponseEntity<Map<String, Object>> read = get("/api/projects/" + id);
		assertThat(read.getHeaders().getETag()).isEqualTo("\"0\"");
		assertThat(read.getBody()).containsEntry("plannedStart", "2027-01-04")
			.containsEntry("plannedFinish", "2027-09-30");
	}

	@Test
	void answersWithoutNamingJavaTypes() {
		List<String> bodies = List.of("[]", "{\"budget\":[1]}", "{\"stakeholders\":{}}", "{\"stakeholders\":[[]]}",
				"{\"plannedStart\":{}}", "\"x\"", "{\"code\": ", "{\"budget\":{\"amount\":1e99999999999}}");
		for (String body : bodies) {
			ResponseEntity<Map<String, Object>> response = post(body, null);
			assertThat(response.getStatusCode().value()).as(body).isEqualTo(400);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody().toString()).as(body)
				.doesNotContain("java.")
				.doesNotContain("io.infrapm")
				.doesNotContain("$")
				.doesNotContain("Exception")
				.doesNotContain("CreateProject")
				.doesNotContain("MoneyBody")
				.doesNotContain("StakeholderBody")
				.doesNotContain("ArrayList");
		}
	}

	@Test
	void showsAnAnonymousCallerOnlyTheHealthStatus() {
		ResponseEntity<Map<String, Object>> readiness = get("/actuator/health/readiness", null);
		ResponseEntity<Map<String, Object>> health = get("/actuator/health", null);

		assertThat(readiness.getStatusCode().value()).isEqualTo(200);
		assertThat(readiness.getBody()).containsOnly(Map.entry("status", "UP"));
		assertThat(health.getBody()).containsOnlyKeys("status", "groups");
		assertThat(health.getBody().toString()).doesNotContain("project-service-tests").doesNotContain("mongo");
		assertThat(get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/actuator/health", TestInfrastructure.get().issuer().bearer("sam@example.com")).getBody())
			.as("a stakeholder's token shows no more")
			.containsOnlyKeys("status", "groups");
		assertThat(get("/actuator/health", PORTFOLIO_MANAGER).getBody()).as("a portfolio manager sees the components")
			.containsKey("components");
	}

	@Test
	void refusesASecondProjectWithTheSameCode() {
		String code = uniqueCode("net");
		assertThat(post(projectJson(code, "2027-01-04", "2027-09-30"), null).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<Map<String, Object>> again = post(projectJson(code.toLowerCase(), "2027-01-04", "2027-09-30"),
				null);
		assertInvalid(again, 409, "code");
	}

	@Test
	void replaysACreationRetriedWithTheSameIdempotencyKey() {
		String code = uniqueCode("idem");
		String key = UUID.randomUUID().toString();
		ResponseEntity<Map<String, Object>> first = post(projectJson(code, "2027-01-04", "2027-09-30"), key);
		ResponseEntity<Map<String, Object>> retry = post(projectJson(code, "2027-01-04", "2027-09-30"), key);

		assertThat(retry.getStatusCode().value()).isEqualTo(201);
		assertThat(retry.getBody().get("id")).isEqualTo(first.getBody().get("id"));
		assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertInvalid(post(projectJson(uniqueCode("other"), "2027-01-04", "2027-09-30"), key), 422, "Idempotency-Key");
		assertThat(eventsOf((String) first.getBody().get("id"), 1)).hasSize(1);
	}

	@Test
	void revisesAProjectOnlyAgainstItsCurrentVersion() {
		String id = (String) post(projectJson(uniqueCode("rev"), "2027-01-04", "2027-09-30"), null).getBody().get("id");
		String change = "{\"name\":\"Frankfurt DC exit, phase 2\",\"plannedFinish\":\"2027-12-17\"}";

		assertInvalid(patch(id, change, null), 428, "If-Match");
		assertInvalid(patch(id, change, "\"7\""), 412, "If-Match");
		ResponseEntity<Map<String, Object>> revised = patch(id, change, "\"0\"");
		assertThat(revised.getStatusCode().value()).isEqualTo(200);
		assertThat(revised.getHeaders().getETag()).isEqualTo("\"1\"");
		assertThat(revised.getBody()).containsEntry("name", "Frankfurt DC exit, phase 2")
			.containsEntry("plannedFinish", "2027-12-17")
			.containsEntry("plannedStart", "2027-01-04");
		assertInvalid(patch(id, change, "\"0\""), 412, "If-Match");

		ConsumerRecord<String, byte[]> updated = eventsOf(id, 2).get(1);
		assertThat(KafkaTestClient.header(updated, "ce_type")).isEqualTo("io.infrapm.project.ProjectUpdated.v1");
		assertThat(KafkaTestClient.value(updated)).contains("\"version\":1").contains("phase 2");
	}

	@Test
	void answersNotFoundForAnUnknownProject() {
		ResponseEntity<Map<String, Object>> response = get("/api/projects/" + UUID.randomUUID());
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private static void assertInvalid(ResponseEntity<Map<String, Object>> response, int status, String field) {
		assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((List<?>) response.getBody().get("errors")).as("errors of %s", response.getBody())
			.anySatisfy((error) -> assertThat(((Map<?, ?>) error).get("field")).isEqualTo(field));
	}

	private static String reasonOf(ResponseEntity<Map<String, Object>> response, String field) {
		return ((List<?>) response.getBody().get("errors")).stream()
			.map((error) -> (Map<?, ?>) error)
			.filter((error) -> field.equals(error.get("field")))
			.map((error) -> (String) error.get("reason"))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The events a project's commands published, in order; the health that
	 * project-service computes from them is published beside them and left out here.
	 */
	private List<ConsumerRecord<String, byte[]>> eventsOf(String projectId, int expected) {
		List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.PROJECT,
				(record) -> projectId.equals(record.key())
						&& !KafkaTestClient.header(record, "ce_type").startsWith("io.infrapm.project.ProjectHealth"),
				(records) -> records.size() > expected, Duration.ofSeconds(5));
		assertThat(events).hasSize(expected);
		return events;
	}

	private List<?> outboxOf(String id) {
		Document project = this.mongo.getCollection("projects").find(new Document("_id", UUID.fromString(id))).first();
		return (project != null) ? project.getList("outbox", Object.class, List.of()) : List.of("missing");
	}

	private static String uniqueCode(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String projectJson(String code, String start, String finish) {
		return """
				{"code":"%s","name":"Frankfurt DC exit","category":"DATA_CENTRE_MIGRATION","methodology":"WATERFALL",
				 "plannedStart":"%s","plannedFinish":"%s","budget":{"amount":1250000,"currency":"EUR"},
				 "manager":{"name":"Pat Manager","email":"pat@example.com"},
				 "stakeholders":[{"name":"Ada Lovelace","email":"ada@example.com","role":"ENGINEER"}]}
				""".formatted(code, start, finish);
	}

	private ResponseEntity<Map<String, Object>> post(String json, String idempotencyKey) {
		return client().post().uri("/api/projects").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (idempotencyKey != null) {
				headers.add("Idempotency-Key", idempotencyKey);
			}
		}).body(json).retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
		}).toEntity(new ParameterizedTypeReference<>() {
		});
	}

	private ResponseEntity<Map<String, Object>> patch(String id, String json, String ifMatch) {
		return client().patch()
			.uri("/api/projects/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (ifMatch != null) {
					headers.add("If-Match", ifMatch);
				}
			})
			.body(json)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(new ParameterizedTypeReference<>() {
			});
	}

	private ResponseEntity<Map<String, Object>> get(String path) {
		return get(path, PORTFOLIO_MANAGER);
	}

	private ResponseEntity<Map<String, Object>> get(String path, String authorization) {
		return RestClient.create("http://localhost:" + this.port).get().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
		}).toEntity(new ParameterizedTypeReference<>() {
		});
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, PORTFOLIO_MANAGER)
			.build();
	}

}
