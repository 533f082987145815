package io.infrapm.budget;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.budget.portfolio.BudgetRow;
import io.infrapm.budget.portfolio.BudgetRows;
import io.infrapm.budget.portfolio.BudgetTotals;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import io.infrapm.embedded.TestProjects;
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
 * A project's budget through REST against a real broker and the embedded MongoDB: lines,
 * costs with their idempotency key and their duplicates, reversals, thresholds on the
 * topic with the CloudEvents headers, who may read and who may record, bad input as
 * problems that change nothing, and the budget frozen when the project closes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BudgetApiTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static KafkaTestClient kafka;

	private static TestProjects projects;

	private final String suffix = UUID.randomUUID().toString().substring(0, 6);

	private final String pat = "pat." + this.suffix + "@example.com";

	private final String fiona = "fiona." + this.suffix + "@example.com";

	private final String eve = "eve." + this.suffix + "@example.com";

	@LocalServerPort
	private int port;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private BudgetRows rows;

	@Autowired
	private BudgetTotals totals;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("budget-api-tests")
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
	void theManagerPlansLinesAndRecordsCostsAndEveryThresholdIsPublishedOnce() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String base = "/api/projects/" + project;

		HttpResponse<String> line = send("POST", base + "/budget/lines",
				"{\"name\":\"Core switches\",\"category\":\"HARDWARE\",\"expenditureType\":\"CAPEX\","
						+ "\"plannedAmount\":800000,\"months\":[{\"month\":\"2027-03\",\"amount\":500000},"
						+ "{\"month\":\"2027-04\",\"amount\":300000}]}",
				manager, null);
		assertThat(line.statusCode()).as(line.body()).isEqualTo(201);
		String lineId = JsonPath.read(line.body(), "$.id");
		assertThat(line.headers().firstValue("Location")).hasValue(base + "/budget/lines/" + lineId);
		ConsumerRecord<String, byte[]> planned = eventsOf(project, "io.infrapm.budget.BudgetLinePlanned.v1", 1).get(0);
		assertThat(KafkaTestClient.header(planned, "ce_subject")).as("the line").isEqualTo(lineId);
		assertThat(KafkaTestClient.header(planned, "ce_source")).isEqualTo("/infrapm/budget-service");
		assertThat(KafkaTestClient.header(planned, "ce_sequence")).isNotBlank();
		assertThat(JsonPath.<Double>read(KafkaTestClient.value(planned), "$.plannedTotal")).isEqualTo(800000.0);
		assertThat(
				send("PATCH", base + "/budget/lines/" + lineId, "{\"name\":\"Core and edge switches\"}", manager, null)
					.statusCode())
			.isEqualTo(200);
		ConsumerRecord<String, byte[]> revised = eventsOf(project, "io.infrapm.budget.BudgetLineRevised.v1", 1).get(0);
		assertThat(KafkaTestClient.header(revised, "ce_subject")).isEqualTo(lineId);
		assertThat(JsonPath.<String>read(KafkaTestClient.value(revised), "$.name")).isEqualTo("Core and edge switches");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(revised), "$.actor.email")).isEqualTo(this.pat);

		HttpResponse<String> order = send("POST", base + "/costs",
				"{\"kind\":\"COMMITMENT\",\"amount\":600000,\"currency\":\"EUR\",\"lineId\":\"" + lineId
						+ "\",\"incurredOn\":\"2027-03-01\",\"vendor\":\"Rack & Stack\",\"reference\":\"PO-1\"}",
				manager, "po-1");
		assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
		String orderId = JsonPath.read(order.body(), "$.id");
		String invoice = "{\"kind\":\"ACTUAL\",\"amount\":1150000,\"currency\":\"EUR\",\"lineId\":\"" + lineId
				+ "\",\"incurredOn\":\"2027-03-20\",\"vendor\":\"Rack & Stack\",\"reference\":\"INV-7\","
				+ "\"commitmentId\":\"" + orderId + "\"}";
		HttpResponse<String> invoiced = send("POST", base + "/costs", invoice, manager, "inv-7");
		assertThat(invoiced.statusCode()).as(invoiced.body()).isEqualTo(201);
		HttpResponse<String> again = send("POST", base + "/costs", invoice, manager, "inv-7");
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(again.body(), "$.id")).isEqualTo(JsonPath.read(invoiced.body(), "$.id"));
		HttpResponse<String> duplicate = send("POST", base + "/costs", invoice.replace("Rack & Stack", "RACK & STACK"),
				manager, "inv-7-bis");
		assertThat(duplicate.statusCode()).as("the same vendor and reference under another key").isEqualTo(409);
		assertThat(duplicate.body()).contains("reference");
		assertThat(send("POST", base + "/costs", invoice.replace("1150000", "1"), manager, "inv-7").statusCode())
			.as("the key again with another cost")
			.isEqualTo(422);

		HttpResponse<String> budget = send("GET", base + "/budget", null, issuer.token(this.fiona, "STAKEHOLDER"),
				null);
		assertThat(budget.statusCode()).as("finance reads the budget").isEqualTo(200);
		assertThat(JsonPath.<Double>read(budget.body(), "$.actual")).isEqualTo(1150000.0);
		assertThat(JsonPath.<Double>read(budget.body(), "$.committed")).as("the order is invoiced in full").isZero();
		assertThat(JsonPath.<Double>read(budget.body(), "$.remaining")).isEqualTo(100000.0);
		assertThat(JsonPath.<Double>read(budget.body(), "$.consumedPercent")).isEqualTo(92.0);
		assertThat(JsonPath.<Double>read(budget.body(), "$.lines[0].variance")).isEqualTo(-350000.0);
		assertThat(JsonPath.<List<Integer>>read(budget.body(), "$.crossedThresholds")).containsExactly(50, 80, 90);
		assertThat(JsonPath.<String>read(budget.body(), "$.byCategory[0].key")).isEqualTo("HARDWARE");

		List<ConsumerRecord<String, byte[]>> crossed = eventsOf(project, "io.infrapm.budget.BudgetThresholdCrossed.v1",
				3);
		assertThat(crossed).extracting((r) -> JsonPath.<Integer>read(KafkaTestClient.value(r), "$.thresholdPercent"))
			.containsExactly(50, 80, 90);
		ConsumerRecord<String, byte[]> first = crossed.get(0);
		assertThat(KafkaTestClient.header(first, "ce_source")).isEqualTo("/infrapm/budget-service");
		assertThat(KafkaTestClient.header(first, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(first, "ce_subject")).isEqualTo(project.toString());
		assertThat(JsonPath.<String>read(KafkaTestClient.value(first), "$.actor.email")).isEqualTo(this.pat);
		ConsumerRecord<String, byte[]> recorded = eventsOf(project, "io.infrapm.budget.CostRecorded.v1", 2).get(1);
		assertThat(KafkaTestClient.header(recorded, "ce_subject")).isEqualTo(JsonPath.read(invoiced.body(), "$.id"));
		assertThat(JsonPath.<Double>read(KafkaTestClient.value(recorded), "$.committedTotal")).isZero();

		HttpResponse<String> reversal = send("POST",
				base + "/costs/" + JsonPath.read(invoiced.body(), "$.id") + "/reversal",
				"{\"reason\":\"Booked on the wrong project\"}", manager, null);
		assertThat(reversal.statusCode()).as(reversal.body()).isEqualTo(201);
		assertThat(JsonPath.<Double>read(reversal.body(), "$.amount")).isEqualTo(-1150000.0);
		assertThat(send("POST", base + "/costs/" + JsonPath.read(invoiced.body(), "$.id") + "/reversal",
				"{\"reason\":\"again\"}", manager, null)
			.statusCode()).as("reversed once").isEqualTo(409);
		HttpResponse<String> after = send("GET", base + "/budget", null, manager, null);
		assertThat(JsonPath.<Double>read(after.body(), "$.actual")).isZero();
		assertThat(JsonPath.<Double>read(after.body(), "$.committed")).as("the order is open again")
			.isEqualTo(600000.0);
		HttpResponse<String> ledger = send("GET", base + "/costs?kind=ACTUAL", null, manager, null);
		assertThat(JsonPath.<Integer>read(ledger.body(), "$.totalItems")).isEqualTo(2);
		assertThat(
				this.mongo.count(
						org.springframework.data.mongodb.core.query.Query
							.query(org.springframework.data.mongodb.core.query.Criteria.where("projectId").is(project)),
						"costs"))
			.as("every entry moved to the ledger")
			.isEqualTo(3);
		assertThat(eventsOf(project, "io.infrapm.budget.BudgetThresholdCrossed.v1", 3)).hasSize(3);
	}

	@Test
	void onlyTheManagerRecordsAndOnlyThoseWhoSeeTheMoneyReadIt() {
		UUID project = project();
		String base = "/api/projects/" + project;
		String line = "{\"name\":\"Racks\",\"category\":\"HARDWARE\",\"expenditureType\":\"CAPEX\",\"plannedAmount\":1}";

		assertThat(
				send("POST", base + "/budget/lines", line, issuer.token(this.fiona, "STAKEHOLDER"), null).statusCode())
			.as("finance reads, the manager plans")
			.isEqualTo(403);
		HttpResponse<String> engineer = send("GET", base + "/budget", null, issuer.token(this.eve, "STAKEHOLDER"),
				null);
		assertThat(engineer.statusCode()).isEqualTo(403);
		assertThat(send("GET", base + "/costs", null, issuer.token(this.eve, "STAKEHOLDER"), null).statusCode())
			.isEqualTo(403);
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		String base = "/api/projects/" + project;
		String before = send("GET", base + "/budget", null, manager, null).body();

		Map<String, String> bad = Map.of(
				"{\"kind\":\"ACTUAL\",\"amount\":10.001,\"currency\":\"EUR\","
						+ "\"category\":\"HARDWARE\",\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-03-01\"}",
				"amount",
				"{\"kind\":\"ACTUAL\",\"amount\":100,\"currency\":\"USD\",\"category\":\"HARDWARE\","
						+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-03-01\"}",
				"currency",
				"{\"kind\":\"ACTUAL\",\"amount\":-5,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
						+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-03-01\"}",
				"amount", "{\"kind\":\"REFUND\",\"amount\":5,\"currency\":\"EUR\",\"incurredOn\":\"2027-03-01\"}",
				"kind", "{\"kind\":\"ACTUAL\",\"amount\":5,\"currency\":\"EUR\",\"incurredOn\":\"2027-03-01\"}",
				"category",
				"{\"kind\":\"ACTUAL\",\"amount\":5,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
						+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-03-01\",\"commitmentId\":\""
						+ UUID.randomUUID() + "\"}",
				"commitmentId");
		bad.forEach((body, field) -> {
			HttpResponse<String> answer = send("POST", base + "/costs", body, manager, null);
			assertThat(answer.statusCode()).as(body).isBetween(400, 422);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.body()).as(body).contains("\"" + field + "\"");
		});
		HttpResponse<String> spread = send("POST", base + "/budget/lines",
				"{\"name\":\"Racks\",\"category\":\"HARDWARE\",\"expenditureType\":\"CAPEX\",\"plannedAmount\":100,"
						+ "\"months\":[{\"month\":\"2027-13\",\"amount\":100}]}",
				manager, null);
		assertThat(spread.statusCode()).isEqualTo(400);
		assertThat(spread.body()).contains("month");
		assertThat(send("PUT", base + "/budget/thresholds", "{\"percents\":[0]}", manager, null).statusCode())
			.isEqualTo(400);
		assertThat(send("GET", base + "/budget", null, manager, null).body()).isEqualTo(before);
	}

	@Test
	void badQueriesOfEarnedValueAreProblemsNamingTheParameter() {
		UUID project = project();
		String finance = issuer.token(this.fiona, "STAKEHOLDER");
		String base = "/api/projects/" + project;

		Map<String, String> bad = Map.of(base + "/earned-value?asOf=2027-02-30", "asOf",
				base + "/earned-value?method=GUESS", "method", base + "/earned-value/history?from=2027-13", "from",
				base + "/earned-value/history?from=2027-06&to=2027-05", "to",
				base + "/earned-value/history?from=1900-01&to=2027-05", "from",
				base + "/earned-value/history?size=1000", "size");
		bad.forEach((path, parameter) -> {
			HttpResponse<String> answer = send("GET", path, null, finance, null);
			assertThat(answer.statusCode()).as(path).isBetween(400, 422);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.body()).as(path).contains("\"" + parameter + "\"");
		});
		HttpResponse<String> value = send("GET", base + "/earned-value?asOf=2027-05-31&method=ATYPICAL", null, finance,
				null);
		assertThat(value.statusCode()).as(value.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(value.body(), "$.method")).isEqualTo("ATYPICAL");
		assertThat(JsonPath.<List<String>>read(value.body(), "$.undefined[*].field")).contains("earnedValue");
	}

	@Test
	void thePortfolioSummaryCountsOnlyTheProjectsTheCallerMaySeeTheMoneyOf() {
		UUID first = project();
		UUID second = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		assertThat(send("POST", "/api/projects/" + first + "/costs",
				"{\"kind\":\"ACTUAL\",\"amount\":250000,\"currency\":\"EUR\",\"category\":\"LABOUR\","
						+ "\"expenditureType\":\"OPEX\",\"incurredOn\":\"2027-02-01\"}",
				manager, "labour-1")
			.statusCode()).isEqualTo(201);

		HttpResponse<String> finance = send("GET", "/api/portfolio/budget-summary?size=1", null,
				issuer.token(this.fiona, "STAKEHOLDER"), null);
		assertThat(finance.statusCode()).as(finance.body()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(finance.body(), "$.totalItems")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(finance.body(), "$.totalPages")).isEqualTo(2);
		assertThat(JsonPath.<List<Object>>read(finance.body(), "$.items")).hasSize(1);
		assertThat(JsonPath.<String>read(finance.body(), "$.totals[0].currency")).isEqualTo("EUR");
		assertThat(JsonPath.<Integer>read(finance.body(), "$.totals[0].projects")).isEqualTo(2);
		assertThat(JsonPath.<Double>read(finance.body(), "$.totals[0].budgetAtCompletion")).isEqualTo(2500000.0);
		assertThat(JsonPath.<Double>read(finance.body(), "$.totals[0].actual")).isEqualTo(250000.0);
		assertThat(JsonPath.<Double>read(finance.body(), "$.totals[0].estimateAtCompletion"))
			.as("BAC for projects not measured yet")
			.isEqualTo(2500000.0);
		String page2 = send("GET", "/api/portfolio/budget-summary?size=1&page=1", null,
				issuer.token(this.fiona, "STAKEHOLDER"), null)
			.body();
		assertThat(List.of(JsonPath.<String>read(finance.body(), "$.items[0].projectId"),
				JsonPath.<String>read(page2, "$.items[0].projectId")))
			.containsExactlyInAnyOrder(first.toString(), second.toString());

		HttpResponse<String> engineer = send("GET", "/api/portfolio/budget-summary", null,
				issuer.token(this.eve, "STAKEHOLDER"), null);
		assertThat(engineer.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(engineer.body(), "$.totalItems")).as("an engineer sees no money").isZero();
		HttpResponse<String> portfolio = send("GET", "/api/portfolio/budget-summary?size=100&currency=EUR", null,
				issuer.token("portia." + this.suffix + "@example.com", "PORTFOLIO_MANAGER"), null);
		assertThat(JsonPath.<Integer>read(portfolio.body(), "$.totalItems")).isGreaterThanOrEqualTo(2);
		HttpResponse<String> bad = send("GET", "/api/portfolio/budget-summary?currency=euro", null, manager, null);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("currency");
	}

	@Test
	void thePortfolioReadsRowsKeptEqualToTheBudgetsAndTotalsCountedOverThem() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		assertThat(send("POST", "/api/projects/" + project + "/costs",
				"{\"kind\":\"ACTUAL\",\"amount\":100000,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
						+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-02-01\"}",
				manager, "hardware-1")
			.statusCode()).isEqualTo(201);
		BudgetRow row = this.mongo.findById(project, BudgetRow.class);
		assertThat(row).as("written with the budget").isNotNull();
		assertThat(row.actual()).isEqualByComparingTo("100000");
		assertThat(row.budgetAtCompletion()).isEqualByComparingTo("1250000");

		// What a crash between the budget's write and its row's leaves: no row, or an
		// old one.
		this.mongo.remove(Query.query(Criteria.where("_id").is(project)), BudgetRow.class);
		UUID other = project();
		BudgetRow otherRow = this.mongo.findById(other, BudgetRow.class);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(other)),
				new Update().set("actual", new BigDecimal("1.00")), BudgetRow.class);
		assertThat(this.rows.sweep()).as("both mended").isGreaterThanOrEqualTo(2);
		assertThat(this.mongo.findById(project, BudgetRow.class)).isEqualTo(row);
		assertThat(this.mongo.findById(other, BudgetRow.class)).isEqualTo(otherRow);
		assertThat(this.rows.sweep()).as("nothing left to mend").isZero();

		String portfolioManager = issuer.token("portia." + this.suffix + "@example.com", "PORTFOLIO_MANAGER");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.totals.count();
			List<BudgetRow> euro = this.mongo.find(Query.query(Criteria.where("currency").is("EUR")), BudgetRow.class);
			String summary = send("GET", "/api/portfolio/budget-summary?currency=EUR&size=1", null, portfolioManager,
					null)
				.body();
			assertThat(JsonPath.<Integer>read(summary, "$.totalItems")).isEqualTo(euro.size());
			assertThat(JsonPath.<Integer>read(summary, "$.totals[0].projects")).isEqualTo(euro.size());
			assertThat(new BigDecimal(JsonPath.read(summary, "$.totals[0].actual").toString())).isEqualByComparingTo(
					euro.stream().map(BudgetRow::actualOrZero).reduce(BigDecimal.ZERO, BigDecimal::add));
			assertThat(new BigDecimal(JsonPath.read(summary, "$.totals[0].budgetAtCompletion").toString()))
				.isEqualByComparingTo(
						euro.stream().map(BudgetRow::budgetAtCompletion).reduce(BigDecimal.ZERO, BigDecimal::add));
			assertThat(JsonPath.<String>read(summary, "$.totalsAsOf")).isNotNull();
			assertThat(JsonPath.<String>read(summary, "$.items[0].projectCode")).as("the first by code")
				.isEqualTo(euro.stream().map(BudgetRow::projectCode).sorted().findFirst().orElseThrow());
		});
	}

	@Test
	void aClosedProjectsBudgetIsFrozen() {
		UUID project = project();
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		projects.closed(project, this.pat);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(JsonPath.<Boolean>read(
					send("GET", "/api/projects/" + project + "/budget", null, manager, null).body(), "$.frozen"))
				.isTrue());
		HttpResponse<String> late = send("POST", "/api/projects/" + project + "/costs",
				"{\"kind\":\"ACTUAL\",\"amount\":5,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
						+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-10-02\"}",
				manager, null);
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(late.body()).contains("frozen");
	}

	private UUID project() {
		UUID project = UUID.randomUUID();
		projects.created(project, this.pat, Map.of(this.fiona, "FINANCE", this.eve, "ENGINEER"));
		String manager = issuer.token(this.pat, "PROJECT_MANAGER");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					send("GET", "/api/projects/" + project + "/budget", null, manager, null).statusCode())
				.isEqualTo(200));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(send("GET", "/api/projects/" + project + "/budget", null,
					issuer.token(this.eve, "STAKEHOLDER"), null)
				.statusCode()).as("the stakeholders are known").isEqualTo(403));
		return project;
	}

	private List<ConsumerRecord<String, byte[]>> eventsOf(UUID project, String type, int expected) {
		return kafka.read(Topics.BUDGET,
				(record) -> project.toString().equals(record.key())
						&& type.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> records.size() >= expected, Duration.ofSeconds(15));
	}

	private HttpResponse<String> send(String method, String path, String json, String token, String key) {
		TestHttp http = new TestHttp("http://localhost:" + this.port);
		return (key != null) ? http.send(method, path, json, token, null, key) : http.send(method, path, json, token);
	}

}
