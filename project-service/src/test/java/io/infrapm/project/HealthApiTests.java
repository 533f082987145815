package io.infrapm.project;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A project's computed health through REST and Kafka: the first assessment, budget and
 * risk events turning it red with every reason named, a replay that publishes nothing
 * more, the money figures only for those who may see the budget, overrides beside the
 * computed colour, the history and the as-of view.
 */
class HealthApiTests extends ProjectServiceApiTest {

	private final String pat = address("pat");

	private final String olga = address("olga");

	private final String sid = address("sid");

	@Test
	void budgetAndRiskEventsTurnAProjectRedWithEveryReasonNamedAndOnceUnderReplay() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> first = health(project, manager);
			assertThat(JsonPath.<String>read(first.body(), "$.assessedAt")).as(first.body()).isNotNull();
		});
		HttpResponse<String> green = health(project, manager);
		assertThat(JsonPath.<String>read(green.body(), "$.overall")).isEqualTo("GREEN");
		assertThat(JsonPath.<String>read(green.body(), "$.rulesVersion")).isEqualTo("2026.12-1");
		assertThat(JsonPath.<List<String>>read(green.body(), "$.dimensions[*].dimension")).containsExactly("OVERALL",
				"SCHEDULE", "COST", "SCOPE", "RISK");
		assertThat(JsonPath.<List<String>>read(green.body(), "$.dimensions[?(@.dimension=='COST')].reasons[0].rule"))
			.containsExactly("cost.on-budget");

		String budgetId = UUID.randomUUID().toString();
		publish(Topics.BUDGET, UUID.randomUUID(), "io.infrapm.budget.BudgetEstablished.v1", project, budgetId, 1,
				"""
						{"projectId":"%s","budgetId":"%s","budgetAtCompletion":500000,"currency":"EUR",
						 "establishedAt":"2027-01-04T09:00:00Z","actor":{"subject":"service:budget-service","name":"budget-service"}}
						"""
					.formatted(project, budgetId));
		UUID crossingId = UUID.randomUUID();
		String crossing = """
				{"projectId":"%s","thresholdPercent":90,"consumedPercent":92.0,"actualTotal":460000,
				 "budgetAtCompletion":500000,"currency":"EUR","costId":"%s","crossedAt":"2027-03-10T10:00:00Z",
				 "actor":{"subject":"service:budget-service","name":"budget-service"}}
				""".formatted(project, UUID.randomUUID());
		publish(Topics.BUDGET, crossingId, "io.infrapm.budget.BudgetThresholdCrossed.v1", project, budgetId, 2,
				crossing);
		String issueId = UUID.randomUUID().toString();
		publish(Topics.RISK, UUID.randomUUID(), "io.infrapm.risk.IssueRaised.v1", project, issueId, 1, """
				{"projectId":"%s","issueId":"%s","number":"I-1","title":"Core switch dead on arrival",
				 "description":"No power on either supply","category":"TECHNICAL","severity":"CRITICAL",
				 "owner":{"name":"Tess","email":"tess@example.com"},"dueDate":"2027-03-20","riskId":null,
				 "raisedAt":"2027-03-11T08:00:00Z","actor":{"subject":"pat","email":"%s","name":"Pat"}}
				""".formatted(project, issueId, this.pat));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> red = health(project, manager);
			assertThat(JsonPath.<List<String>>read(red.body(),
					"$.dimensions[?(@.dimension=='RISK' || @.dimension=='COST')].colour"))
				.as(red.body())
				.containsExactly("RED", "RED");
		});
		HttpResponse<String> red = health(project, manager);
		assertThat(JsonPath.<String>read(red.body(), "$.overall")).isEqualTo("RED");
		assertThat(JsonPath.<List<String>>read(red.body(), "$.dimensions[?(@.dimension=='COST')].reasons[*].fact"))
			.containsExactly(
					"The budget crossed its 90 % threshold; actual costs 460000 EUR are 92.0 % of the budget 500000 EUR");
		assertThat(JsonPath.<List<String>>read(red.body(), "$.dimensions[?(@.dimension=='RISK')].reasons[*].fact"))
			.containsExactly("Issue I-1 'Core switch dead on arrival' (CRITICAL) is open");
		HttpResponse<String> engineer = health(project, token(this.olga, "STAKEHOLDER"));
		assertThat(engineer.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(engineer.body(), "$.dimensions[?(@.dimension=='COST')].reasons[*].fact"))
			.as("an engineer sees the colour and the rule, not the money")
			.containsExactly("Budget figures are shown only to those who may see the project's budget");

		// The same crossing again, as after a crash of budget-service's relay, changes
		// nothing and publishes nothing.
		publish(Topics.BUDGET, crossingId, "io.infrapm.budget.BudgetThresholdCrossed.v1", project, budgetId, 2,
				crossing);
		List<ConsumerRecord<String, byte[]>> changes = kafka()
			.read(Topics.PROJECT, (record) -> project.equals(record.key())
					&& "io.infrapm.project.ProjectHealthChanged.v1".equals(KafkaTestClient.header(record, "ce_type")),
					(records) -> false, Duration.ofSeconds(4));
		List<String> overall = changes.stream()
			.map((record) -> JsonPath.<String>read(KafkaTestClient.value(record), "$.overall"))
			.toList();
		assertThat(overall).as("the first assessment, then red").startsWith("GREEN").endsWith("RED");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(changes.get(0)), "$.previousOverall")).isNull();
		List<String> changed = changes.stream()
			.skip(1)
			.flatMap((record) -> JsonPath.<List<String>>read(KafkaTestClient.value(record), "$.changed").stream())
			.toList();
		assertThat(changed).as("cost and risk each turned red once, whether in one event or in two")
			.containsOnlyOnce("COST", "RISK", "OVERALL")
			.doesNotHaveDuplicates();
		String last = KafkaTestClient.value(changes.get(changes.size() - 1));
		assertThat(JsonPath.<List<String>>read(last, "$.reasons[?(@.colour=='RED')].rule")).contains("risk.issues");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> history = send("GET", "/api/projects/" + project + "/health/history", null, manager);
			assertThat(JsonPath.<Integer>read(history.body(), "$.totalItems")).as(history.body())
				.isEqualTo(changes.size());
		});
		HttpResponse<String> history = send("GET", "/api/projects/" + project + "/health/history?size=1", null,
				manager);
		assertThat(JsonPath.<String>read(history.body(), "$.items[0].colours.OVERALL")).isEqualTo("RED");
		assertThat(JsonPath.<String>read(history.body(), "$.items[0].kind")).isEqualTo("CHANGED");
	}

	@Test
	void aManagerOverridesBesideTheComputedColourWithAReasonAndAnExpiry() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String path = "/api/projects/" + project + "/health/overrides/SCHEDULE";
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(JsonPath.<String>read(health(project, manager).body(), "$.assessedAt"))
				.isNotNull());
		String etag = health(project, manager).headers().firstValue("ETag").orElseThrow();
		String expiresOn = LocalDate.now(ZoneOffset.UTC).plusDays(14).toString();
		String body = "{\"colour\":\"AMBER\",\"reason\":\"Vendor slot at risk\",\"expiresOn\":\"" + expiresOn + "\"}";

		assertProblem(send("PUT", path, body, manager), 428, null);
		assertThat(send("PUT", path, body, token(this.olga, "STAKEHOLDER"), etag).statusCode()).isEqualTo(403);
		assertProblem(send("PUT", path, body.replace(expiresOn, "2020-01-01"), manager, etag), 422, "expiresOn");
		assertProblem(send("PUT", path, body.replace(expiresOn, LocalDate.now(ZoneOffset.UTC).plusDays(200).toString()),
				manager, etag), 422, "expiresOn");
		assertProblem(send("PUT", path, "{\"colour\":\"PURPLE\",\"reason\":\"x\",\"expiresOn\":\"" + expiresOn + "\"}",
				manager, etag), 400, "colour");
		assertProblem(send("PUT", path, "{\"colour\":\"RED\",\"reason\":\" \",\"expiresOn\":\"" + expiresOn + "\"}",
				manager, etag), 400, "reason");
		assertThat(send("PUT", "/api/projects/" + project + "/health/overrides/MOOD", body, manager, etag).statusCode())
			.isEqualTo(400);

		HttpResponse<String> overridden = send("PUT", path, body, manager, etag);
		assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(200);
		assertThat(overridden.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
		assertThat(JsonPath.<List<String>>read(overridden.body(), "$.dimensions[?(@.dimension=='SCHEDULE')].colour"))
			.as("the computed colour stays")
			.containsExactly("GREEN");
		assertThat(JsonPath.<List<String>>read(overridden.body(),
				"$.dimensions[?(@.dimension=='SCHEDULE')].override.colour"))
			.containsExactly("AMBER");
		assertThat(JsonPath.<List<String>>read(overridden.body(),
				"$.dimensions[?(@.dimension=='SCHEDULE')].override.setBy.email"))
			.containsExactly(this.pat);
		assertProblem(send("PUT", path, body, manager, etag), 412, null);

		String current = overridden.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> withdrawn = send("DELETE", path, null, manager, current);
		assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
		assertThat(JsonPath.<List<Object>>read(withdrawn.body(), "$.dimensions[?(@.dimension=='SCHEDULE')].override"))
			.containsExactly((Object) null);
		assertThat(
				send("DELETE", path, null, manager, withdrawn.headers().firstValue("ETag").orElseThrow()).statusCode())
			.isEqualTo(404);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> history = send("GET", "/api/projects/" + project + "/health/history", null, manager);
			assertThat(JsonPath.<List<String>>read(history.body(), "$.items[*].kind")).as(history.body())
				.containsExactly("OVERRIDE_WITHDRAWN", "OVERRIDDEN", "CHANGED");
		});
		HttpResponse<String> history = send("GET", "/api/projects/" + project + "/health/history", null, manager);
		assertThat(JsonPath.<String>read(history.body(), "$.items[1].reason")).isEqualTo("Vendor slot at risk");
		assertThat(JsonPath.<String>read(history.body(), "$.items[1].by.email")).isEqualTo(this.pat);
	}

	@Test
	void answersAsTheHealthStoodOnAnEarlierDayAndRefusesTheFuture() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					send("GET", "/api/projects/" + project + "/health?asOf=" + today, null, manager).statusCode())
				.isEqualTo(200));

		assertProblem(send("GET", "/api/projects/" + project + "/health?asOf=" + today.minusDays(1), null, manager),
				404, "asOf");
		assertProblem(send("GET", "/api/projects/" + project + "/health?asOf=" + today.plusDays(1), null, manager), 422,
				"asOf");
		assertThat(send("GET", "/api/projects/" + project + "/health?asOf=yesterday", null, manager).statusCode())
			.isEqualTo(400);
		assertThat(
				send("GET", "/api/projects/" + project + "/health", null, token(this.sid, "STAKEHOLDER")).statusCode())
			.as("an outsider learns nothing")
			.isEqualTo(404);
	}

	private HttpResponse<String> health(String project, String token) {
		return send("GET", "/api/projects/" + project + "/health", null, token);
	}

	private String create() {
		return createAsPortfolioManager("""
				{"code":"HL-%s","name":"Health test","category":"NETWORK_ROLLOUT",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-06-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":500000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.olga));
	}

}
