package io.infrapm.risk;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import io.infrapm.embedded.TestProjects;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.risk.register.DueWatch;
import io.infrapm.risk.register.RiskExposure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The risk register over REST, against a real broker and the embedded store: a risk
 * identified once per key, assessed, answered, monitored and closed by the manager, read
 * by the members, each step on the risk topic with its author; bad input a problem that
 * changes nothing; a closed project's register takes no new risk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RiskApiTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static final String RISK = """
			{"title":"Optics delivered late","cause":"The vendor's factory is at capacity",
			 "event":"The optics arrive after the racking window","effect":"The cutover slips into the freeze",
			 "category":"VENDOR","type":"THREAT","owner":{"name":"Pat Manager","email":"pat@example.com"},
			 "proximityDate":"2027-04-15","nextReviewDate":"2027-01-15"}
			""";

	private static KafkaTestClient kafka;

	private static TestProjects projects;

	private final String suffix = UUID.randomUUID().toString().substring(0, 6);

	private final String pat = "pat." + this.suffix + "@example.com";

	private final String eve = "eve." + this.suffix + "@example.com";

	@LocalServerPort
	private int port;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private RiskExposure exposure;

	@Autowired
	private Aggregates aggregates;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("risk-api-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	static void connect() {
		kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
		projects = new TestProjects(kafka);
	}

	@AfterAll
	static void disconnect() {
		kafka.close();
	}

	@Test
	void theManagerTakesARiskThroughItsLifeAndEveryStepIsPublishedWithItsAuthor() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");

		HttpResponse<String> identified = send("POST", "/api/projects/" + project + "/risks", RISK, manager, "r-1");
		assertThat(identified.statusCode()).as(identified.body()).isEqualTo(201);
		String id = JsonPath.read(identified.body(), "$.id");
		assertThat(identified.headers().firstValue("Location")).hasValue("/api/risks/" + id);
		assertThat(JsonPath.<String>read(identified.body(), "$.number")).isEqualTo("R-1");
		assertThat(JsonPath.<String>read(identified.body(), "$.status")).isEqualTo("IDENTIFIED");
		HttpResponse<String> again = send("POST", "/api/projects/" + project + "/risks", RISK, manager, "r-1");
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(again.body(), "$.id")).isEqualTo(id);

		assertThat(send("POST", "/api/risks/" + id + "/assessments",
				"{\"kind\":\"INHERENT\",\"probability\":4,\"impact\":5,\"rationale\":\"Late twice\"}", manager, null)
			.statusCode()).isEqualTo(200);
		assertThat(send("PUT", "/api/risks/" + id + "/response",
				"{\"strategy\":\"MITIGATE\",\"description\":\"Second supplier\",\"contingencyPlan\":\"100G first\"}",
				manager, null)
			.statusCode()).isEqualTo(200);
		assertThat(send("POST", "/api/risks/" + id + "/assessments",
				"{\"kind\":\"RESIDUAL\",\"probability\":2,\"impact\":4}", manager, null)
			.statusCode()).isEqualTo(200);
		HttpResponse<String> monitored = send("POST", "/api/risks/" + id + "/transitions",
				"{\"to\":\"MONITORING\",\"reason\":\"Supplier confirmed\"}", manager, null);
		assertThat(monitored.statusCode()).as(monitored.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(monitored.body(), "$.band")).as("the residual band").isEqualTo("MEDIUM");
		assertThat(JsonPath.<String>read(monitored.body(), "$.inherent.band")).isEqualTo("CRITICAL");
		HttpResponse<String> illegal = send("POST", "/api/risks/" + id + "/transitions",
				"{\"to\":\"ASSESSED\",\"reason\":\"back\"}", manager, null);
		assertThat(illegal.statusCode()).isEqualTo(409);
		assertThat(illegal.body()).contains("not by a transition");
		String etag = monitored.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> stale = send("PATCH", "/api/risks/" + id, "{\"title\":\"Optics very late\"}", manager,
				null, "\"0\"");
		assertThat(stale.statusCode()).as("an ETag of an older version").isEqualTo(412);
		assertThat(
				send("PATCH", "/api/risks/" + id, "{\"title\":\"Optics very late\"}", manager, null, etag).statusCode())
			.isEqualTo(200);

		String engineer = issuer.token(this.eve, "STAKEHOLDER");
		HttpResponse<String> read = send("GET", "/api/risks/" + id, null, engineer, null);
		assertThat(read.statusCode()).as("a member reads").isEqualTo(200);
		assertThat(JsonPath.<String>read(read.body(), "$.title")).isEqualTo("Optics very late");
		assertThat(JsonPath.<Integer>read(send("GET", "/api/risks/" + id + "/assessments", null, engineer, null).body(),
				"$.totalItems"))
			.isEqualTo(2);
		assertThat(send("POST", "/api/risks/" + id + "/transitions", "{\"to\":\"CLOSED\",\"reason\":\"no\"}", engineer,
				null)
			.statusCode()).as("but does not change").isEqualTo(403);
		assertThat(JsonPath.<Integer>read(
				send("GET", "/api/projects/" + project + "/risks?band=MEDIUM", null, engineer, null).body(),
				"$.totalItems"))
			.isEqualTo(1);
		assertThat(JsonPath.<Integer>read(
				send("GET", "/api/projects/" + project + "/risks?status=CLOSED", null, engineer, null).body(),
				"$.totalItems"))
			.isZero();

		List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.RISK,
				(record) -> project.toString().equals(record.key()) && !"io.infrapm.risk.ProjectRiskExposureChanged.v1"
					.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> records.size() >= 7, Duration.ofSeconds(15));
		assertThat(events).extracting((r) -> KafkaTestClient.header(r, "ce_type"))
			.containsExactly("io.infrapm.risk.RiskIdentified.v1", "io.infrapm.risk.RiskAssessed.v1",
					"io.infrapm.risk.RiskEscalated.v1", "io.infrapm.risk.RiskResponsePlanned.v1",
					"io.infrapm.risk.RiskAssessed.v1", "io.infrapm.risk.RiskStatusChanged.v1",
					"io.infrapm.risk.RiskUpdated.v1");
		assertThat(events).allSatisfy((r) -> {
			assertThat(KafkaTestClient.header(r, "ce_subject")).isEqualTo(id);
			assertThat(KafkaTestClient.header(r, "ce_source")).isEqualTo("/infrapm/risk-service");
			assertThat(JsonPath.<String>read(KafkaTestClient.value(r), "$.actor.email")).isEqualTo(this.pat);
		});
	}

	@Test
	void anOccurrenceRaisesItsIssueOnceAndAnEscalationReachesTheLadder() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String id = JsonPath.read(send("POST", "/api/projects/" + project + "/risks", RISK, manager, null).body(),
				"$.id");
		assertThat(send("PUT", "/api/projects/" + project + "/risk-settings", "{\"escalationBand\":\"MEDIUM\"}",
				manager, null)
			.statusCode()).isEqualTo(200);
		HttpResponse<String> assessed = send("POST", "/api/risks/" + id + "/assessments",
				"{\"kind\":\"INHERENT\",\"probability\":3,\"impact\":4}", manager, null);
		assertThat(JsonPath.<String>read(assessed.body(), "$.escalatedTo")).as("HIGH is one above MEDIUM")
			.isEqualTo("SPONSOR");

		String occurrence = "{\"description\":\"Arrived on 20 April\",\"severity\":\"HIGH\","
				+ "\"dueDate\":\"2027-05-01\"}";
		HttpResponse<String> occurred = send("POST", "/api/risks/" + id + "/occurrence", occurrence, manager, null);
		assertThat(occurred.statusCode()).as(occurred.body()).isEqualTo(200);
		String issueId = JsonPath.read(occurred.body(), "$.issueId");
		assertThat(send("POST", "/api/risks/" + id + "/occurrence", occurrence, manager, null).statusCode())
			.as("it happened once")
			.isEqualTo(409);
		HttpResponse<String> issue = send("GET", "/api/issues/" + issueId, null, manager, null);
		assertThat(issue.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(issue.body(), "$.riskId")).isEqualTo(id);
		assertThat(JsonPath.<String>read(issue.body(), "$.title")).isEqualTo("R-1 occurred: Optics delivered late");
		assertThat(JsonPath.<String>read(issue.body(), "$.owner.email")).as("the risk's owner")
			.isEqualTo("pat@example.com");
		HttpResponse<String> direct = send("POST", "/api/projects/" + project + "/issues",
				"{\"title\":\"Feed B trips\",\"category\":\"OPERATIONAL\",\"severity\":\"MEDIUM\"}", manager, "feed-b");
		assertThat(direct.statusCode()).as(direct.body()).isEqualTo(201);
		assertThat(JsonPath.<String>read(direct.body(), "$.number")).isEqualTo("I-2");
		String directId = JsonPath.read(direct.body(), "$.id");
		assertThat(send("POST", "/api/issues/" + directId + "/resolution", "{\"resolution\":\"Breaker replaced\"}",
				manager, null)
			.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(
				send("GET", "/api/projects/" + project + "/issues?resolved=false", null, manager, null).body(),
				"$.totalItems"))
			.isEqualTo(1);

		List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.RISK,
				(record) -> project.toString().equals(record.key()) && !"io.infrapm.risk.ProjectRiskExposureChanged.v1"
					.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> records.size() >= 7, Duration.ofSeconds(15));
		assertThat(events).extracting((r) -> KafkaTestClient.header(r, "ce_type"))
			.containsExactly("io.infrapm.risk.RiskIdentified.v1", "io.infrapm.risk.RiskAssessed.v1",
					"io.infrapm.risk.RiskEscalated.v1", "io.infrapm.risk.RiskOccurred.v1",
					"io.infrapm.risk.IssueRaised.v1", "io.infrapm.risk.IssueRaised.v1",
					"io.infrapm.risk.IssueResolved.v1");
		assertThat(KafkaTestClient.header(events.get(4), "ce_subject")).as("the issue").isEqualTo(issueId);
		assertThat(JsonPath.<String>read(KafkaTestClient.value(events.get(2)), "$.level")).isEqualTo("SPONSOR");
	}

	@Test
	void theMatrixPlacesEachOpenRiskInItsCellAndThePortfolioListsTheTopOnesTheCallerMaySee() {
		UUID project = project();
		UUID other = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String high = identifyAssessed(project, manager, 3, 4);
		String critical = identifyAssessed(project, manager, 5, 4);
		String low = identifyAssessed(project, manager, 1, 2);
		String closed = identifyAssessed(project, manager, 5, 5);
		assertThat(send("POST", "/api/risks/" + closed + "/transitions", "{\"to\":\"CLOSED\",\"reason\":\"Gone\"}",
				manager, null)
			.statusCode()).isEqualTo(200);
		String elsewhere = identifyAssessed(other, manager, 4, 4);
		List<ConsumerRecord<String, byte[]>> closure = kafka.read(Topics.RISK,
				(record) -> project.toString().equals(record.key())
						&& "io.infrapm.risk.RiskClosed.v1".equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> !records.isEmpty(), Duration.ofSeconds(15));
		assertThat(closure).hasSize(1);
		assertThat(KafkaTestClient.header(closure.get(0), "ce_subject")).isEqualTo(closed);
		assertThat(KafkaTestClient.header(closure.get(0), "ce_source")).isEqualTo("/infrapm/risk-service");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(closure.get(0)), "$.previousStatus"))
			.isEqualTo("ASSESSED");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(closure.get(0)), "$.actor.email")).isEqualTo(this.pat);

		String engineer = issuer.token(this.eve, "STAKEHOLDER");
		String matrix = send("GET", "/api/projects/" + project + "/risk-matrix", null, engineer, null).body();
		assertThat(JsonPath.<Integer>read(matrix, "$.openRisks")).isEqualTo(3);
		assertThat(JsonPath.<List<Object>>read(matrix, "$.cells")).hasSize(25);
		assertThat(JsonPath.<List<String>>read(matrix, "$.cells[?(@.probability == 5 && @.impact == 4)].risks[0].id"))
			.containsExactly(critical);
		assertThat(JsonPath.<List<String>>read(matrix, "$.cells[?(@.probability == 5 && @.impact == 4)].band"))
			.containsExactly("CRITICAL");
		assertThat(JsonPath.<List<Integer>>read(matrix, "$.cells[?(@.probability == 5 && @.impact == 5)].count"))
			.as("a closed risk is not on the map")
			.containsExactly(0);
		String residual = send("GET", "/api/projects/" + project + "/risk-matrix?assessment=RESIDUAL", null, engineer,
				null)
			.body();
		assertThat(JsonPath.<List<String>>read(residual, "$.notAssessed[*].id")).containsExactlyInAnyOrder(high,
				critical, low);

		String top = send("GET", "/api/portfolio/risks?band=HIGH", null, engineer, null).body();
		assertThat(JsonPath.<List<String>>read(top, "$.items[*].id")).as("highest first, both projects of Eve")
			.containsExactly(critical, elsewhere, high);
		String stranger = send("GET", "/api/portfolio/risks?band=LOW", null,
				issuer.token("stranger." + this.suffix + "@example.com", "STAKEHOLDER"), null)
			.body();
		assertThat(JsonPath.<Integer>read(stranger, "$.totalItems")).isZero();
		assertThat(send("GET", "/api/portfolio/risks?band=SEVERE", null, engineer, null).statusCode()).isEqualTo(400);
	}

	@Test
	void theExposureCountsTheOpenThreatsAndIsPublishedOncePerChange() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String first = identifyAssessed(project, manager, 4, 4);
		assertThat(send("POST", "/api/risks/" + first + "/assessments",
				"{\"kind\":\"INHERENT\",\"probability\":3,\"impact\":4,\"costImpact\":200000}", manager, null)
			.statusCode()).isEqualTo(200);
		String second = JsonPath.read(send("POST", "/api/projects/" + project + "/risks", RISK, manager, null).body(),
				"$.id");
		assertThat(
				send("PATCH", "/api/risks/" + second, "{\"title\":\"Optics and cables delivered late\"}", manager, null)
					.statusCode())
			.as("a new title changes no exposure")
			.isEqualTo(200);

		String exposure = send("GET", "/api/projects/" + project + "/risk-exposure", null, manager, null).body();
		assertThat(JsonPath.<Integer>read(exposure, "$.revision")).isEqualTo(4);
		assertThat(JsonPath.<Integer>read(exposure, "$.openThreats")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(exposure, "$.high")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(exposure, "$.critical")).isZero();
		assertThat(JsonPath.<Integer>read(exposure, "$.unassessed")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(exposure, "$.topScore")).isEqualTo(12);
		assertThat(JsonPath.<String>read(exposure, "$.topRiskId")).isEqualTo(first);
		assertThat(JsonPath.<Integer>read(exposure, "$.totalScore")).isEqualTo(12);
		assertThat(JsonPath.<Double>read(exposure, "$.expectedExposure")).as("200,000 at 50 %").isEqualTo(100000.0);
		assertThat(JsonPath.<String>read(exposure, "$.currency")).isEqualTo("EUR");

		assertThat(send("POST", "/api/risks/" + first + "/transitions",
				"{\"to\":\"CLOSED\",\"reason\":\"The optics arrived\"}", manager, null)
			.statusCode()).isEqualTo(200);
		List<ConsumerRecord<String, byte[]>> published = kafka.read(Topics.RISK,
				(record) -> project.toString().equals(record.key()) && "io.infrapm.risk.ProjectRiskExposureChanged.v1"
					.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> records.size() > 5, Duration.ofSeconds(8));
		assertThat(published)
			.extracting((record) -> JsonPath.<Integer>read(KafkaTestClient.value(record), "$.revision"))
			.as("one event per change: identified, assessed, assessed again, a second risk, closed")
			.containsExactly(1, 2, 3, 4, 5);
		String last = KafkaTestClient.value(published.get(4));
		assertThat(JsonPath.<Integer>read(last, "$.openThreats")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(last, "$.topScore")).isZero();
		assertThat(JsonPath.<String>read(last, "$.topRiskId")).isNull();
		assertThat(JsonPath.<Double>read(last, "$.expectedExposure")).isZero();

		// A risk written by a request that died before it counted the exposure: the
		// sweep counts it, once.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(UUID.fromString(second))),
				new Update().set("status", "CLOSED").set("exposureSince", Instant.now().minusSeconds(60)), "risks");
		assertThat(this.exposure.sweep()).isEqualTo(1);
		assertThat(this.exposure.sweep()).as("counted, the mark is gone").isZero();
		String swept = send("GET", "/api/projects/" + project + "/risk-exposure", null, manager, null).body();
		assertThat(JsonPath.<Integer>read(swept, "$.revision")).isEqualTo(6);
		assertThat(JsonPath.<Integer>read(swept, "$.openThreats")).isZero();
		assertThat(send("GET", "/api/projects/" + project + "/risk-exposure", null,
				issuer.token("stranger." + this.suffix + "@example.com", "STAKEHOLDER"), null)
			.statusCode()).isEqualTo(404);
	}

	@Test
	void actionsArePlannedAndChangedAndTheDueWatchReportsWhatPassedOnceAcrossInstances() throws Exception {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String risk = JsonPath.read(send("POST", "/api/projects/" + project + "/risks", RISK, manager, null).body(),
				"$.id");
		HttpResponse<String> planned = send("POST", "/api/risks/" + risk + "/actions",
				"{\"title\":\"Order from a second supplier\",\"owner\":{\"name\":\"Sam Engineer\","
						+ "\"email\":\"sam@example.com\"},\"dueDate\":\"2027-01-20\"}",
				manager, null);
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
		String action = JsonPath.read(planned.body(), "$.id");
		assertThat(planned.headers().firstValue("Location")).hasValue("/api/risks/" + risk + "/actions/" + action);
		assertThat(JsonPath.<String>read(planned.body(), "$.plannedBy.email")).isEqualTo(this.pat);
		HttpResponse<String> started = send("PATCH", "/api/risks/" + risk + "/actions/" + action,
				"{\"status\":\"IN_PROGRESS\"}", manager, null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		assertThat(send("PATCH", "/api/risks/" + risk + "/actions/" + action, "{\"status\":\"LATER\"}", manager, null)
			.statusCode()).isEqualTo(400);
		assertThat(send("POST", "/api/risks/" + risk + "/actions", "{\"title\":\"No date\"}", manager, null).body())
			.contains("dueDate");
		assertThat(send("PATCH", "/api/risks/" + risk + "/actions/" + UUID.randomUUID(), "{\"title\":\"x\"}", manager,
				null)
			.statusCode()).isEqualTo(404);
		String engineer = issuer.token(this.eve, "STAKEHOLDER");
		assertThat(send("PATCH", "/api/risks/" + risk + "/actions/" + action, "{\"status\":\"DONE\"}", engineer, null)
			.statusCode()).as("a member reads, the manager changes").isEqualTo(403);
		String actions = send("GET", "/api/risks/" + risk + "/actions?status=IN_PROGRESS", null, engineer, null).body();
		assertThat(JsonPath.<Integer>read(actions, "$.totalItems")).isEqualTo(1);

		// Two instances watching at once, on 2027-02-01: the review of 2027-01-15 and the
		// action due 2027-01-20 passed.
		Clock february = Clock.fixed(Instant.parse("2027-02-01T08:00:00Z"), ZoneOffset.UTC);
		DueWatch.Settings settings = new DueWatch.Settings(Duration.ofMinutes(1), ZoneOffset.UTC);
		DueWatch one = new DueWatch(this.mongo, this.aggregates, february, settings);
		DueWatch other = new DueWatch(this.mongo, this.aggregates, february, settings);
		Thread second = new Thread(other::sweep);
		second.start();
		one.sweep();
		second.join();
		one.sweep();
		List<ConsumerRecord<String, byte[]>> overdue = kafka.read(Topics.RISK,
				(record) -> project.toString().equals(record.key())
						&& KafkaTestClient.header(record, "ce_type").endsWith("Overdue.v1"),
				(records) -> records.size() > 2, Duration.ofSeconds(8));
		assertThat(overdue).extracting((record) -> KafkaTestClient.header(record, "ce_type"))
			.containsExactlyInAnyOrder("io.infrapm.risk.RiskReviewOverdue.v1",
					"io.infrapm.risk.MitigationActionOverdue.v1");
		String late = overdue.stream()
			.filter((record) -> KafkaTestClient.header(record, "ce_type").contains("MitigationAction"))
			.map(KafkaTestClient::value)
			.findFirst()
			.orElseThrow();
		assertThat(JsonPath.<Integer>read(late, "$.daysOverdue")).isEqualTo(12);
		assertThat(JsonPath.<String>read(late, "$.owner.email")).isEqualTo("sam@example.com");
		assertThat(JsonPath.<String>read(
				send("GET", "/api/risks/" + risk + "/actions/" + action, null, engineer, null).body(),
				"$.overdueReportedFor"))
			.isEqualTo("2027-01-20");
	}

	@Test
	void assumptionsAndDependenciesCompleteTheRegisterAndSettleOnce() throws Exception {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String engineer = issuer.token(this.eve, "STAKEHOLDER");
		String assumption = "{\"title\":\"The new racks fit the existing cages\",\"validateBy\":\"2027-02-01\"}";
		HttpResponse<String> recorded = send("POST", "/api/projects/" + project + "/assumptions", assumption, manager,
				"fit-1");
		assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
		assertThat(JsonPath.<String>read(recorded.body(), "$.number")).isEqualTo("A-1");
		String assumptionId = JsonPath.read(recorded.body(), "$.id");
		HttpResponse<String> again = send("POST", "/api/projects/" + project + "/assumptions", assumption, manager,
				"fit-1");
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(again.body(), "$.id")).isEqualTo(assumptionId);
		assertThat(
				send("PATCH", "/api/assumptions/" + assumptionId, "{\"status\":\"INVALIDATED\"}", manager, null).body())
			.as("a change of status needs its reason")
			.contains("reason");
		HttpResponse<String> invalidated = send("PATCH", "/api/assumptions/" + assumptionId,
				"{\"status\":\"INVALIDATED\",\"reason\":\"The cages are 5 cm too narrow\"}", manager, null);
		assertThat(invalidated.statusCode()).as(invalidated.body()).isEqualTo(200);
		assertThat(send("PATCH", "/api/assumptions/" + assumptionId, "{\"title\":\"x\"}", manager, null).statusCode())
			.as("settled")
			.isEqualTo(409);

		HttpResponse<String> dependency = send("POST", "/api/projects/" + project + "/dependencies",
				"{\"title\":\"Cross-connects in the new hall\",\"kind\":\"VENDOR\",\"counterpart\":\"Colo Ltd\","
						+ "\"needBy\":\"2027-03-01\"}",
				manager, null);
		assertThat(dependency.statusCode()).as(dependency.body()).isEqualTo(201);
		String dependencyId = JsonPath.read(dependency.body(), "$.id");
		assertThat(send("POST", "/api/projects/" + project + "/dependencies",
				"{\"title\":\"No date\",\"kind\":\"MOON\",\"counterpart\":\"x\"}", manager, null)
			.statusCode()).isEqualTo(400);
		assertThat(send("PATCH", "/api/dependencies/" + dependencyId, "{\"status\":\"AT_RISK\",\"reason\":\"x\"}",
				engineer, null)
			.statusCode()).isEqualTo(403);
		assertThat(send("PATCH", "/api/dependencies/" + dependencyId,
				"{\"status\":\"AT_RISK\",\"reason\":\"The carrier slipped a week\"}", manager, null)
			.statusCode()).isEqualTo(200);
		String atRisk = send("GET", "/api/projects/" + project + "/dependencies?status=AT_RISK", null, engineer, null)
			.body();
		assertThat(JsonPath.<Integer>read(atRisk, "$.totalItems")).isEqualTo(1);
		assertThat(JsonPath.<String>read(atRisk, "$.items[0].updatedBy.email")).isEqualTo(this.pat);
		assertThat(JsonPath.<String>read(
				send("GET", "/api/projects/" + project + "/assumptions", null, engineer, null).body(),
				"$.items[0].status"))
			.isEqualTo("INVALIDATED");

		List<ConsumerRecord<String, byte[]>> events = kafka.read(Topics.RISK,
				(record) -> project.toString().equals(record.key()), (records) -> records.size() > 4,
				Duration.ofSeconds(8));
		assertThat(events).extracting((record) -> KafkaTestClient.header(record, "ce_type"))
			.as("the replay and the refused changes published nothing")
			.containsExactly("io.infrapm.risk.AssumptionChanged.v1", "io.infrapm.risk.AssumptionChanged.v1",
					"io.infrapm.risk.DependencyChanged.v1", "io.infrapm.risk.DependencyChanged.v1");

		// Two instances watching at once, on 2027-03-10: the dependency, still at risk,
		// is
		// nine days late, and reported once.
		Clock march = Clock.fixed(Instant.parse("2027-03-10T08:00:00Z"), ZoneOffset.UTC);
		DueWatch.Settings settings = new DueWatch.Settings(Duration.ofMinutes(1), ZoneOffset.UTC);
		DueWatch one = new DueWatch(this.mongo, this.aggregates, march, settings);
		DueWatch other = new DueWatch(this.mongo, this.aggregates, march, settings);
		Thread second = new Thread(other::sweep);
		second.start();
		one.sweep();
		second.join();
		one.sweep();
		List<ConsumerRecord<String, byte[]>> late = kafka.read(Topics.RISK,
				(record) -> project.toString().equals(record.key())
						&& KafkaTestClient.header(record, "ce_type").endsWith("DependencyOverdue.v1"),
				(records) -> records.size() > 1, Duration.ofSeconds(8));
		assertThat(late).singleElement().satisfies((record) -> {
			assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(dependencyId);
			assertThat(JsonPath.<Integer>read(KafkaTestClient.value(record), "$.daysOverdue")).isEqualTo(9);
			assertThat(JsonPath.<String>read(KafkaTestClient.value(record), "$.counterpart")).isEqualTo("Colo Ltd");
		});
		assertThat(JsonPath.<String>read(send("GET", "/api/dependencies/" + dependencyId, null, engineer, null).body(),
				"$.overdueReportedFor"))
			.isEqualTo("2027-03-01");
	}

	private String identifyAssessed(UUID project, String manager, int probability, int impact) {
		String id = JsonPath.read(send("POST", "/api/projects/" + project + "/risks", RISK, manager, null).body(),
				"$.id");
		assertThat(send("POST", "/api/risks/" + id + "/assessments",
				"{\"kind\":\"INHERENT\",\"probability\":" + probability + ",\"impact\":" + impact + "}", manager, null)
			.statusCode()).isEqualTo(200);
		return id;
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String id = JsonPath.read(send("POST", "/api/projects/" + project + "/risks", RISK, manager, null).body(),
				"$.id");
		String before = send("GET", "/api/risks/" + id, null, manager, null).body();

		Map<String, String> bad = Map.of("/api/projects/" + project + "/risks",
				RISK.replace("\"VENDOR\"", "\"WEATHER\""), "/api/risks/" + id + "/assessments",
				"{\"kind\":\"INHERENT\",\"probability\":6,\"impact\":2}", "/api/risks/" + id + "/transitions",
				"{\"to\":\"CLOSED\"}");
		Map<String, String> fields = Map.of("/api/projects/" + project + "/risks", "category",
				"/api/risks/" + id + "/assessments", "probability", "/api/risks/" + id + "/transitions", "reason");
		bad.forEach((path, body) -> {
			HttpResponse<String> answer = send("POST", path, body, manager, null);
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.body()).as(path).contains("\"" + fields.get(path) + "\"");
		});
		HttpResponse<String> unassessed = send("PUT", "/api/risks/" + id + "/response",
				"{\"strategy\":\"EXPLOIT\",\"description\":\"x\"}", manager, null);
		assertThat(unassessed.statusCode()).isEqualTo(422);
		assertThat(unassessed.body()).contains("strategy").contains("does not answer a threat");
		HttpResponse<String> blank = send("PATCH", "/api/risks/" + id, "{\"title\":\"\"}", manager, null);
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("title");
		assertThat(send("GET", "/api/risks/" + id, null, manager, null).body()).isEqualTo(before);
		assertThat(send("GET", "/api/risks/" + UUID.randomUUID(), null, manager, null).statusCode()).isEqualTo(404);
	}

	@Test
	void aClosedProjectsRegisterTakesNoNewRisks() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String id = JsonPath.read(send("POST", "/api/projects/" + project + "/risks", RISK, manager, null).body(),
				"$.id");
		projects.closed(project, this.pat);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					send("POST", "/api/projects/" + project + "/risks", RISK, manager, null).statusCode())
				.isEqualTo(409));
		assertThat(send("GET", "/api/risks/" + id, null, manager, null).statusCode()).as("what it holds stays readable")
			.isEqualTo(200);
	}

	private UUID project() {
		UUID project = UUID.randomUUID();
		projects.created(project, this.pat, Map.of(this.eve, "ENGINEER"));
		String engineer = issuer.token(this.eve, "STAKEHOLDER");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					send("GET", "/api/projects/" + project + "/risks", null, engineer, null).statusCode())
				.isEqualTo(200));
		return project;
	}

	private HttpResponse<String> send(String method, String path, String json, String token, String key) {
		return send(method, path, json, token, key, null);
	}

	private HttpResponse<String> send(String method, String path, String json, String token, String key,
			String ifMatch) {
		TestHttp http = new TestHttp("http://localhost:" + this.port);
		return (key != null || ifMatch != null) ? http.send(method, path, json, token, ifMatch, key)
				: http.send(method, path, json, token);
	}

}
