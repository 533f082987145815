package io.infrapm.project;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.contracts.project.HealthColour;
import io.infrapm.project.rollup.PortfolioRow;
import io.infrapm.project.rollup.PortfolioSnapshot;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portfolio views over the projects a caller may see: the summary's counts, money per
 * currency (only where the caller sees the money), top risks; the rows with health,
 * earned value and money, filtered, sorted and paged.
 */
class PortfolioApiTests extends ProjectServiceApiTest {

	@Autowired
	private MongoOperations mongo;

	private final String pat = address("pat");

	private final String olga = address("olga");

	private final String fin = address("fin");

	private final String vic = address("vic");

	@Test
	void aMemberSeesTheSummaryAndTheRowsOfTheirProjectsAndTheMoneyOnlyWhereTheyMaySee() {
		String red = create("RED", this.pat, 500000, "{\"name\":\"Olga\",\"email\":\"" + this.olga
				+ "\",\"role\":\"ENGINEER\"},{\"name\":\"Fin\",\"email\":\"" + this.fin + "\",\"role\":\"FINANCE\"}");
		String green = create("GRN", this.pat, 300000,
				"{\"name\":\"Fin\",\"email\":\"" + this.fin + "\",\"role\":\"FINANCE\"}");
		create("OTH", this.vic, 100000, "");
		crossNinetyPercent(red);
		risk(red, "R-1", "Core switch dead on arrival", 20);
		String manager = token(this.pat, "PROJECT_MANAGER");

		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			HttpResponse<String> summary = send("GET", "/api/portfolio/summary", null, manager);
			assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
			assertThat(JsonPath.<Integer>read(summary.body(), "$.projects")).as(summary.body()).isEqualTo(2);
			assertThat(JsonPath.<Integer>read(summary.body(), "$.byHealth.RED")).as(summary.body()).isEqualTo(1);
			assertThat(JsonPath.<List<String>>read(summary.body(), "$.topRisks[*].risk.number")).as(summary.body())
				.containsExactly("R-1");
		});
		String summary = send("GET", "/api/portfolio/summary", null, manager).body();
		assertThat(JsonPath.<Integer>read(summary, "$.byHealth.GREEN")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(summary, "$.byPhase.INITIATING")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(summary, "$.byCategory.NETWORK_ROLLOUT")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(summary, "$.byStatus.ACTIVE")).isEqualTo(2);
		assertThat(JsonPath.<List<String>>read(summary, "$.money[*].currency")).containsExactly("EUR");
		assertThat(JsonPath.<Integer>read(summary, "$.money[0].projects")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(summary, "$.money[0].budgetAtCompletion")).isEqualTo(800000);
		assertThat(JsonPath.<Integer>read(summary, "$.money[0].actualTotal")).isEqualTo(460000);
		assertThat(JsonPath.<String>read(summary, "$.topRisks[0].code")).startsWith("RED-");

		HttpResponse<String> rows = send("GET", "/api/portfolio/projects?sort=HEALTH", null, manager);
		assertThat(JsonPath.<List<String>>read(rows.body(), "$.items[*].overall")).containsExactly("RED", "GREEN");
		assertThat(JsonPath.<String>read(rows.body(), "$.items[0].cost")).isEqualTo("RED");
		assertThat(JsonPath.<Integer>read(rows.body(), "$.items[0].budgetAtCompletion")).isEqualTo(500000);
		assertThat(JsonPath.<String>read(rows.body(), "$.items[0].topRisk.number")).isEqualTo("R-1");
		assertThat(JsonPath.<List<String>>read(
				send("GET", "/api/portfolio/projects?health=GREEN", null, manager).body(), "$.items[*].projectId"))
			.containsExactly(green);
		assertThat(JsonPath.<Integer>read(send("GET", "/api/portfolio/projects?size=1&page=1", null, manager).body(),
				"$.totalItems"))
			.isEqualTo(2);

		HttpResponse<String> engineer = send("GET", "/api/portfolio/projects", null, token(this.olga, "STAKEHOLDER"));
		assertThat(JsonPath.<List<String>>read(engineer.body(), "$.items[*].projectId")).containsExactly(red);
		assertThat(JsonPath.<Object>read(engineer.body(), "$.items[0].budgetAtCompletion"))
			.as("an engineer sees no money")
			.isNull();
		assertThat(JsonPath.<List<Object>>read(
				send("GET", "/api/portfolio/summary", null, token(this.olga, "STAKEHOLDER")).body(), "$.money"))
			.isEmpty();
		assertThat(JsonPath.<Integer>read(
				send("GET", "/api/portfolio/summary", null, token(this.fin, "STAKEHOLDER")).body(),
				"$.money[0].budgetAtCompletion"))
			.isEqualTo(800000);
		HttpResponse<String> whole = send("GET", "/api/portfolio/projects?q=" + this.suffix + "&size=100", null,
				token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(JsonPath.<Integer>read(whole.body(), "$.totalItems")).as("the whole portfolio, by code or name")
			.isEqualTo(3);
		assertThat(JsonPath.<Integer>read(
				send("GET", "/api/portfolio/summary", null, token(address("nobody"), "STAKEHOLDER")).body(),
				"$.projects"))
			.isZero();
	}

	@Test
	void answersAsThePortfolioStoodAtTheEndOfAnEarlierDay() {
		String ann = address("ann");
		String project = create("ASO", ann, 200000, "");
		crossNinetyPercent(project);
		String manager = token(ann, "PROJECT_MANAGER");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			PortfolioSnapshot kept = this.mongo.findById(PortfolioSnapshot.idOf(UUID.fromString(project), today),
					PortfolioSnapshot.class);
			assertThat(kept.row().overall()).isEqualTo(HealthColour.RED);
		});
		// The day before, the same project was green.
		PortfolioRow now = this.mongo.findById(UUID.fromString(project), PortfolioRow.class);
		LocalDate yesterday = today.minusDays(1);
		this.mongo.insert(new PortfolioSnapshot(PortfolioSnapshot.idOf(now.projectId(), yesterday), now.projectId(),
				yesterday, green(now)));

		assertThat(JsonPath.<List<String>>read(send("GET", "/api/portfolio/projects", null, manager).body(),
				"$.items[*].overall"))
			.containsExactly("RED");
		HttpResponse<String> then = send("GET", "/api/portfolio/projects?asOf=" + yesterday, null, manager);
		assertThat(then.statusCode()).as(then.body()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(then.body(), "$.items[*].overall")).containsExactly("GREEN");
		String summary = send("GET", "/api/portfolio/summary?asOf=" + yesterday, null, manager).body();
		assertThat(JsonPath.<String>read(summary, "$.asOf")).isEqualTo(yesterday.toString());
		assertThat(JsonPath.<Integer>read(summary, "$.byHealth.GREEN")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(
				send("GET", "/api/portfolio/summary?asOf=" + today.minusDays(2), null, manager).body(), "$.projects"))
			.as("it had no row two days ago")
			.isZero();
		assertProblem(send("GET", "/api/portfolio/summary?asOf=" + today.plusDays(1), null, manager), 422, "asOf");
		assertProblem(send("GET", "/api/portfolio/projects?asOf=" + today.plusDays(1), null, manager), 422, "asOf");
	}

	private static PortfolioRow green(PortfolioRow r) {
		return new PortfolioRow(r.projectId(), r.code(), r.name(), r.category(), r.methodology(), r.phase(), r.status(),
				r.managerName(), r.managerEmail(), r.readers(), r.moneyReaders(), HealthColour.GREEN,
				HealthColour.GREEN, HealthColour.GREEN, HealthColour.GREEN, HealthColour.GREEN, r.nextMilestone(),
				r.missed(), r.budgetAtCompletion(), null, null, r.currency(), null, null, null, 0, 0, 0, 0,
				r.updatedAt().minus(Duration.ofDays(1)));
	}

	@Test
	void badQueriesAreProblemsNamingTheParameter() {
		String manager = token(this.pat, "PROJECT_MANAGER");
		assertProblem(send("GET", "/api/portfolio/projects?health=PURPLE", null, manager), 400, "health");
		assertProblem(send("GET", "/api/portfolio/projects?sort=MOOD", null, manager), 400, "sort");
		assertProblem(send("GET", "/api/portfolio/projects?size=0", null, manager), 400, "size");
		assertProblem(send("GET", "/api/portfolio/summary?missedSince=yesterday", null, manager), 400, "missedSince");
		assertThat(send("GET", "/api/portfolio/summary", null, null).statusCode()).isEqualTo(401);
	}

	private void risk(String project, String number, String title, int score) {
		String riskId = UUID.randomUUID().toString();
		String actor = "{\"subject\":\"pat\",\"email\":\"" + this.pat + "\",\"name\":\"Pat\"}";
		publish(Topics.RISK, UUID.randomUUID(), "io.infrapm.risk.RiskIdentified.v1", project, riskId, 1,
				("{\"projectId\":\"%s\",\"riskId\":\"%s\",\"number\":\"%s\",\"title\":\"%s\",\"cause\":\"c\","
						+ "\"event\":\"e\",\"effect\":\"f\",\"category\":\"TECHNICAL\",\"type\":\"THREAT\","
						+ "\"owner\":null,\"proximityDate\":null,\"nextReviewDate\":null,\"origin\":\"MANUAL\","
						+ "\"originReference\":null,\"identifiedAt\":\"2027-03-01T09:00:00Z\",\"actor\":%s}")
					.formatted(project, riskId, number, title, actor));
		publish(Topics.RISK, UUID.randomUUID(), "io.infrapm.risk.RiskAssessed.v1", project, riskId, 2,
				("{\"projectId\":\"%s\",\"riskId\":\"%s\",\"number\":\"%s\",\"kind\":\"INHERENT\",\"probability\":4,"
						+ "\"impact\":5,\"score\":%d,\"band\":\"CRITICAL\",\"previousBand\":null,\"rationale\":\"r\","
						+ "\"status\":\"ASSESSED\",\"assessedAt\":\"2027-03-01T10:00:00Z\",\"actor\":%s}")
					.formatted(project, riskId, number, score, actor));
	}

	private String create(String prefix, String manager, int budget, String stakeholders) {
		return createAsPortfolioManager("""
				{"code":"%s-%s","name":"Portfolio %s","category":"NETWORK_ROLLOUT",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-06-30",
				 "manager":{"name":"Manager","email":"%s"},
				 "budget":{"amount":%d,"currency":"EUR"},
				 "stakeholders":[%s]}
				""".formatted(prefix, UUID.randomUUID().toString().substring(0, 8), this.suffix, manager, budget,
				stakeholders));
	}

}
