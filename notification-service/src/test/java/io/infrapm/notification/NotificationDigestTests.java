package io.infrapm.notification;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.ReceivedMail;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import io.infrapm.notification.delivery.MutableClock;
import io.infrapm.notification.digest.Digests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Digests against a real broker, the embedded MongoDB and the dev mailbox, on a clock the
 * test moves: e-mails that can wait are held for the recipient's digest and go out in one
 * mail grouped by project, once; a critical alert never waits; an executive gets a
 * summary of each project instead of the list; a rule can ask for a digest by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infrapm.notification.dispatch.poll-interval=300ms",
				"infrapm.notification.digest.sweep-interval=1h", "infrapm.notification.routing.rule-refresh=0s" })
class NotificationDigestTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static final String PORTFOLIO = issuer.token("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private Digests digests;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("notification-digest-tests")
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
	void holdsWhatCanWaitForOneDailyDigestGroupedByProjectAndSendsItOnce() {
		String manager = "pat." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Team first = project(manager, null);
		Team second = project(manager, null);
		LocalTime at = this.clock.instant()
			.plus(2, ChronoUnit.HOURS)
			.atOffset(ZoneOffset.UTC)
			.toLocalTime()
			.truncatedTo(ChronoUnit.MINUTES);
		HttpResponse<String> chosen = http().send("PUT", "/api/recipients/" + manager + "/preferences", """
				{"channels":["EMAIL","IN_APP"],"digest":{"frequency":"DAILY","at":"%s","zone":"UTC"}}""".formatted(at),
				issuer.token(manager), "\"0\"");
		assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(chosen.body(), "$.digest.frequency")).isEqualTo("DAILY");

		UUID fifty = publish(first, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(first, 50));
		publish(first, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(first, 75));
		publish(second, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(second, 80));
		UUID critical = publish(first, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(first, true));

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(manager, "Core cutover").size() == 1);
		assertThat(mails(manager, "CRITICAL")).as("a critical alert never waits").hasSize(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(deliveries(manager, "EMAIL")).filteredOn((d) -> "BATCHED".equals(d.get("status")))
				.hasSize(3)
				.allSatisfy((d) -> assertThat(Instant.parse((String) d.get("nextAttemptAt")))
					.isAfter(this.clock.instant().plus(1, ChronoUnit.HOURS)));
			assertThat(deliveries(manager, "IN_APP")).as("the feed does not wait").hasSize(4);
		});
		assertThat(this.digests.sendDue()).as("not due yet").isZero();
		assertThat(mails(manager, "digest")).isEmpty();

		this.clock.advance(Duration.ofHours(2).plusMinutes(1));
		assertThat(this.digests.sendDue()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> mails(manager, "digest").size() == 1);
		ReceivedMail digest = mails(manager, "digest").get(0);
		assertThat(digest.subject()).isEqualTo("Your InfraPM digest: 3 updates on 2 projects");
		// Both of the first project's under its heading (recorded at the same instant of
		// the test's clock, in either order).
		assertThat(digest.body())
			.containsPattern(first.code
					+ " \"Data centre move\"\n- Budget (50|75) % consumed[^\n]*\n- Budget (50|75) % consumed")
			.contains("- Budget 75 % consumed")
			.contains("- Budget 50 % consumed")
			.contains(second.code + " \"Data centre move\"\n- Budget 80 % consumed")
			.doesNotContain("Core cutover");
		assertThat(digest.html()).contains("<h3>" + first.code + " &quot;Data centre move&quot;</h3>");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deliveries(manager, "EMAIL")).extracting((d) -> d.get("status"))
				.containsOnly("SENT", "DIGESTED")
				.filteredOn("DIGESTED"::equals)
				.hasSize(3));
		assertThat(deliveries(manager, "EMAIL")).filteredOn((d) -> fifty.toString().equals(cause(d))).hasSize(1);
		assertThat(deliveries(manager, "EMAIL")).filteredOn((d) -> critical.toString().equals(cause(d)))
			.singleElement()
			.satisfies((d) -> assertThat(d).containsEntry("status", "SENT"));

		// Nothing twice: the next sweep, and a replayed event, send no second digest.
		assertThat(this.digests.sendDue()).isZero();
		publish(first, fifty, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(first, 50));
		this.clock.advance(Duration.ofDays(1));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> this.digests.sendDue() == 0);
		assertThat(mails(manager, "digest")).hasSize(1);
	}

	@Test
	void summarisesEachProjectForAnExecutiveAndLetsARuleAskForADigest() {
		String executive = "exe." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Team team = project("pat." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", executive);
		HttpResponse<String> rule = http().send("POST", "/api/routing-rules", """
				{"name":"Executive digest","eventTypes":["BudgetThresholdCrossed","MilestoneMissed"],
				 "severity":"INFO","audience":["EXECUTIVE"],"channels":["EMAIL"],"digest":true}""", PORTFOLIO);
		assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
		assertThat(JsonPath.<Boolean>read(rule.body(), "$.digest")).isTrue();

		publish(team, "io.infrapm.risk.ProjectRiskExposureChanged.v1", """
				{"projectId":"%s","revision":3,"openThreats":3,"low":1,"medium":0,"high":1,"critical":1,"unassessed":0,
				 "openOpportunities":0,"topScore":20,"topRiskId":"%s","topRiskNumber":"R-2","totalScore":33,
				 "expectedExposure":50000,"currency":"EUR","changedAt":"2026-12-01T09:00:00Z"}"""
			.formatted(team.projectId, UUID.randomUUID()));
		publish(team, "io.infrapm.budget.CostPerformanceChanged.v1",
				"""
						{"projectId":"%s","asOf":"2026-11-30","costPerformanceIndex":0.84,"schedulePerformanceIndex":0.97,
						 "costBand":"AMBER","scheduleBand":"GREEN","previousCostBand":"GREEN","previousScheduleBand":"GREEN",
						 "changedAt":"2026-12-01T09:00:00Z","actor":{"subject":"service:budget-service","name":"budget-service"}}"""
					.formatted(team.projectId));
		publish(team, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(team, 80));
		publish(team, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(team, false));
		publish(team, "io.infrapm.project.ProjectHealthChanged.v1", """
				{"projectId":"%s","code":"%s","name":"Data centre move","overall":"AMBER","schedule":"AMBER",
				 "cost":"AMBER","scope":"GREEN","risk":"GREEN","previousOverall":"GREEN",
				 "changed":["OVERALL","SCHEDULE","COST"],"reasons":[],"rulesVersion":"2026.12-1",
				 "causeType":"MilestoneMissed","causeId":"%s","changedAt":"2026-12-01T09:30:00Z"}"""
			.formatted(team.projectId, team.code, UUID.randomUUID()));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(deliveries(executive, "EMAIL")).extracting((d) -> d.get("status"))
				.containsExactly("BATCHED", "BATCHED");
			// The exposure and the health reached the team's feed, so they are in the
			// project's pulse.
			assertThat(deliveries(executive, "IN_APP")).extracting(NotificationDigestTests::type)
				.contains("io.infrapm.risk.ProjectRiskExposureChanged.v1",
						"io.infrapm.project.ProjectHealthChanged.v1");
		});

		// The rule asked for a digest and the executive chose none: daily at 08:00 UTC.
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.digests.sendDue()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> mails(executive, "digest").size() == 1);
		String body = mails(executive, "digest").get(0).body();
		assertThat(body).contains(team.code + " \"Data centre move\"")
			.contains("Health: AMBER (schedule AMBER, cost AMBER, scope GREEN, risk GREEN)")
			.contains("Budget: 80.4 % consumed (321,600.00 of 400,000.00 EUR)")
			.contains("Performance: CPI 0.84 (AMBER), SPI 0.97 (GREEN)")
			.contains("Risks: 3 open threats (1 critical, 1 high), top R-2 scoring 20, expected exposure 50,000.00 EUR")
			.contains("Since the last digest: 1 x Budget threshold crossed, 1 x Milestone missed")
			.as("a summary, not the list")
			.doesNotContain("Core cutover");
	}

	@Test
	void sendsADigestOnRequestToTheRecipientOrAPortfolioManagerOnly() {
		String manager = "pat." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Team team = project(manager, null);
		HttpResponse<String> chosen = http().send("PUT", "/api/recipients/" + manager + "/preferences",
				"{\"channels\":[\"EMAIL\"],\"digest\":{\"frequency\":\"WEEKLY\",\"at\":\"17:00\",\"day\":\"FRIDAY\"}}",
				issuer.token(manager), "\"0\"");
		assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
		publish(team, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(team, 50));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(deliveries(manager, "EMAIL")).extracting((d) -> d.get("status"))
				.containsExactly("BATCHED"));

		HttpResponse<String> someoneElse = http().send("POST", "/api/recipients/" + manager + "/digest", null,
				issuer.token("eve@example.com", "PROJECT_MANAGER"));
		assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(403);
		HttpResponse<String> now = http().send("POST", "/api/recipients/" + manager + "/digest", null,
				issuer.token(manager));
		assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(now.body(), "$.updates")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> mails(manager, "digest").size() == 1);
		assertThat(mails(manager, "digest").get(0).messageId())
			.isEqualTo(JsonPath.read(now.body(), "$.digestId") + "@infrapm");
		HttpResponse<String> again = http().send("POST", "/api/recipients/" + manager + "/digest", null, PORTFOLIO);
		assertThat(JsonPath.<Integer>read(again.body(), "$.updates")).as("nothing waits any more").isZero();
	}

	@Test
	void movesWhatWaitsWhenTheScheduleChangesAndSendsItAtOnceWhenTheDigestIsDropped() {
		String manager = "pat." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Team team = project(manager, null);
		String weekly = "{\"channels\":[\"EMAIL\"],\"digest\":{\"frequency\":\"WEEKLY\",\"at\":\"17:00\",\"day\":\"FRIDAY\"}}";
		assertThat(http()
			.send("PUT", "/api/recipients/" + manager + "/preferences", weekly, issuer.token(manager), "\"0\"")
			.statusCode()).isEqualTo(200);
		publish(team, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(team, 50));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(deliveries(manager, "EMAIL")).extracting((d) -> d.get("status"))
				.containsExactly("BATCHED"));

		LocalTime at = this.clock.instant()
			.plus(3, ChronoUnit.HOURS)
			.atOffset(ZoneOffset.UTC)
			.toLocalTime()
			.truncatedTo(ChronoUnit.MINUTES);
		assertThat(http()
			.send("PUT", "/api/recipients/" + manager + "/preferences",
					"{\"channels\":[\"EMAIL\"],\"digest\":{\"frequency\":\"DAILY\",\"at\":\"" + at + "\"}}",
					issuer.token(manager), "\"1\"")
			.statusCode()).isEqualTo(200);
		Instant moved = Instant.parse((String) deliveries(manager, "EMAIL").get(0).get("nextAttemptAt"));
		assertThat(moved).as("the new daily time")
			.isBetween(this.clock.instant().plus(2, ChronoUnit.HOURS), this.clock.instant().plus(3, ChronoUnit.HOURS));

		assertThat(http()
			.send("PUT", "/api/recipients/" + manager + "/preferences", "{\"channels\":[\"EMAIL\"]}",
					issuer.token(manager), "\"2\"")
			.statusCode()).isEqualTo(200);
		assertThat(this.digests.sendDue()).as("no digest any more: what waited goes now").isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> mails(manager, "digest").size() == 1);
		assertThat(mails(manager, "digest").get(0).subject()).isEqualTo("Your InfraPM digest: 1 update on 1 project");
	}

	@Test
	void refusesDigestsThatCannotBeKept() {
		String ada = "ada." + UUID.randomUUID() + "@example.com";
		assertRefused(
				http().send("PUT", "/api/recipients/" + ada + "/preferences",
						"{\"channels\":[\"EMAIL\"],\"digest\":{\"frequency\":\"DAILY\"}}", issuer.token(ada), "\"0\""),
				"digest.at");
		assertRefused(http().send("PUT", "/api/recipients/" + ada + "/preferences",
				"{\"channels\":[\"EMAIL\"],\"digest\":{\"frequency\":\"WEEKLY\",\"at\":\"08:00\"}}", issuer.token(ada),
				"\"0\""), "digest.day");
		assertRefused(http().send("PUT", "/api/recipients/" + ada + "/preferences",
				"{\"channels\":[\"EMAIL\"],\"digest\":{\"frequency\":\"DAILY\",\"at\":\"08:00\",\"zone\":\"Mars/Olympus\"}}",
				issuer.token(ada), "\"0\""), "digest.zone");
		assertRefused(http().send("POST", "/api/routing-rules", """
				{"name":"Waits","eventTypes":["RiskEscalated"],"severity":"CRITICAL","audience":["SPONSOR"],
				 "channels":["EMAIL"],"digest":true}""", PORTFOLIO), "digest");
		assertThat(http().get("/api/recipients/" + ada + "/preferences", issuer.token(ada)).body()).as("nothing stored")
			.contains("\"version\":0");
	}

	private static void assertRefused(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		assertThat(response.body()).contains("\"" + field + "\"");
	}

	private Team project(String manager, String executive) {
		UUID projectId = UUID.randomUUID();
		Team team = new Team(projectId, "DG-" + projectId.toString().substring(0, 8).toUpperCase(), manager);
		String stakeholders = (executive != null) ? """
				[{"stakeholderId":"%s","name":"Exe","email":"%s","role":"EXECUTIVE"}]""".formatted(UUID.randomUUID(),
				executive) : "[]";
		publish(team, "io.infrapm.project.ProjectCreated.v1",
				"""
						{"projectId":"%s","code":"%s","name":"Data centre move","category":"DATA_CENTRE_MIGRATION",
						 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
						 "manager":{"name":"Pat","email":"%s"},"sponsor":{"name":"Sol","email":"sol.%s@example.com"},
						 "budgetAmount":400000,"currency":"EUR","createdAt":"2026-11-24T10:00:00Z","stakeholders":%s}
						"""
					.formatted(projectId, team.code, manager, projectId, stakeholders));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http().get("/api/projects/" + projectId + "/recipients", issuer.token(manager))
				.statusCode() == 200);
		return team;
	}

	private static UUID publish(Team team, String type, String json) {
		return publish(team, UUID.randomUUID(), type, json);
	}

	private static UUID publish(Team team, UUID eventId, String type, String json) {
		String topic = type.startsWith("io.infrapm.budget.") ? Topics.BUDGET
				: type.startsWith("io.infrapm.risk.") ? Topics.RISK : Topics.PROJECT;
		kafka.publish(topic, team.projectId.toString(),
				KafkaTestClient.cloudEventHeaders(eventId, type, team.projectId.toString()), json);
		return eventId;
	}

	private static String milestoneMissed(Team team, boolean critical) {
		return """
				{"projectId":"%s","milestoneId":"%s","name":"Core cutover","dueDate":"2026-11-20","critical":%s,
				 "cutover":true,"owner":{"name":"Pat","email":"%s"},"daysLate":3,"detectedOn":"2026-11-23",
				 "detectedAt":"2026-11-23T06:00:00Z","actor":{"subject":"service:project-service","name":"project-service"}}
				"""
			.formatted(team.projectId, UUID.randomUUID(), critical, team.manager);
	}

	private static String threshold(Team team, int percent) {
		return """
				{"projectId":"%s","thresholdPercent":%d,"consumedPercent":%d.4,"actualTotal":%d,
				 "budgetAtCompletion":400000,"currency":"EUR","costId":"%s","crossedAt":"2026-11-23T09:00:00Z",
				 "actor":{"subject":"service:budget-service","name":"budget-service"}}
				""".formatted(team.projectId, percent, percent, 4000 * percent + 1600, UUID.randomUUID());
	}

	private List<ReceivedMail> mails(String to, String subjectPart) {
		return TestInfrastructure.get()
			.mailbox()
			.messagesTo(to)
			.stream()
			.filter((mail) -> mail.subject().contains(subjectPart))
			.toList();
	}

	private List<Map<String, Object>> deliveries(String recipient, String channel) {
		HttpResponse<String> page = http()
			.get("/api/deliveries?size=100&channel=" + channel + "&recipient=" + recipient, PORTFOLIO);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return JsonPath.read(page.body(), "$.items[?(@.cause.eventType != 'io.infrapm.project.ProjectCreated.v1')]");
	}

	private static String type(Map<String, Object> delivery) {
		return (String) ((Map<?, ?>) delivery.get("cause")).get("eventType");
	}

	private static String cause(Map<String, Object> delivery) {
		return (String) ((Map<?, ?>) delivery.get("cause")).get("eventId");
	}

	private TestHttp http() {
		return new TestHttp("http://localhost:" + this.port);
	}

	private record Team(UUID projectId, String code, String manager) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

}
