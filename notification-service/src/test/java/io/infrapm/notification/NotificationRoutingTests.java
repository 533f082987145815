package io.infrapm.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.DevMailbox;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.ReceivedMail;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing against a real broker, the embedded MongoDB and the dev mailbox: the built-in
 * rules reach the right roles at the right severity, each person's preferences apply
 * except to critical alerts, rules are configuration, and a replayed event sends nothing
 * again. Each test runs on projects of its own, with addresses of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"infrapm.notification.dispatch.poll-interval=500ms", "infrapm.notification.routing.rule-refresh=0s" })
class NotificationRoutingTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static final String PORTFOLIO = issuer.token("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("notification-routing-tests")
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
	void sendsACriticalMissToManagerAndSponsorByMailAndTellsTheTeamInTheirFeedOnce() {
		Team team = project();
		UUID missed = UUID.randomUUID();
		publish(Topics.PROJECT, team, missed, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(team, true, 3));

		DevMailbox mailbox = TestInfrastructure.get().mailbox();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> mails(team.manager, "Core cutover").size() == 1
					&& mails(team.sponsor, "Core cutover").size() == 1);
		ReceivedMail mail = mails(team.manager, "Core cutover").get(0);
		assertThat(mail.subject())
			.isEqualTo("[" + team.code + "] CRITICAL: Critical milestone missed: Core cutover, 3 days late");
		assertThat(mail.body()).contains("Project: " + team.code)
			.contains("Days late: 3")
			.contains("/api/projects/" + team.projectId + "/milestones/")
			.contains("\"Critical milestone missed\"");
		assertThat(mail.html()).contains("<h2>Critical milestone missed: Core cutover, 3 days late</h2>")
			.contains("<a href=\"http://localhost:8081/api/projects/" + team.projectId + "/milestones/");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(deliveriesOf(team.engineer, missed)).singleElement()
				.satisfies((d) -> assertThat(d).containsEntry("channel", "IN_APP")
					.containsEntry("severity", "INFO")
					.containsEntry("status", "SENT"));
			assertThat(deliveriesOf(team.manager, missed)).extracting((d) -> d.get("channel") + " " + d.get("severity"))
				.containsExactlyInAnyOrder("EMAIL CRITICAL", "IN_APP CRITICAL");
		});
		assertThat(mailbox.messagesTo(team.engineer)).as("only the welcome").hasSize(1);
		assertThat(feed(team.sponsor, "")).extracting((item) -> (String) item.get("subject"))
			.as("the team hears of a new project in the third person; only those it names are welcomed")
			.contains("[" + team.code + "] Project created: Storage refresh")
			.noneMatch((subject) -> subject.contains("You were added"));
		assertThat(feed(team.engineer, "")).extracting((item) -> (String) item.get("subject"))
			.contains("[" + team.code + "] You were added to project Storage refresh");
		assertThat(feed(team.engineer, "")).extracting((item) -> (String) item.get("subject"))
			.anySatisfy((subject) -> assertThat(subject)
				.isEqualTo("[" + team.code + "] Critical milestone missed: Core cutover, 3 days late"));

		// The same event again, as after a rebalance or a replay: nothing new.
		publish(Topics.PROJECT, team, missed, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(team, true, 3));
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> mails(team.manager, "Core cutover").size() == 1
					&& deliveriesOf(team.engineer, missed).size() == 1);
	}

	@Test
	void mailsAPublishedReportToItsAudienceOnceAndNotToWhoeverReceivesNoReports() {
		Team team = project();
		String steer = "steer." + team.code.toLowerCase(java.util.Locale.ROOT) + "@example.com";
		String quiet = "quiet." + team.code.toLowerCase(java.util.Locale.ROOT) + "@example.com";
		publishInSequence(team, UUID.randomUUID(), "io.infrapm.project.StakeholderAdded.v1",
				stakeholderAdded(team, steer, true), 2);
		publishInSequence(team, UUID.randomUUID(), "io.infrapm.project.StakeholderAdded.v1",
				stakeholderAdded(team, quiet, false), 3);
		UUID published = UUID.randomUUID();
		publish(Topics.PROJECT, team, published, "io.infrapm.project.StatusReportPublished.v1", report(team));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> mails(steer, "Status report SR-3").size() == 1
					&& mails(team.sponsor, "Status report SR-3").size() == 1);
		ReceivedMail mail = mails(steer, "Status report SR-3").get(0);
		assertThat(mail.subject())
			.isEqualTo("[" + team.code + "] Status report SR-3 (weekly, as of 2026-11-27): health RED");
		assertThat(mail.body()).contains("Cutover slipped; cost red at 92 %.")
			.contains("Decisions requested:")
			.contains("- Approve CR-2")
			.contains("Milestones missed:")
			.contains("- Core cutover, due 2026-11-20")
			.contains("/api/projects/" + team.projectId + "/status-reports/");
		assertThat(mails(quiet, "Status report")).as("receivesReports is false").isEmpty();
		assertThat(mails(team.engineer, "Status report")).as("not the steering committee").isEmpty();

		publish(Topics.PROJECT, team, published, "io.infrapm.project.StatusReportPublished.v1", report(team));
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> mails(steer, "Status report SR-3").size() == 1);
	}

	@Test
	void tellsTheManagerAndSponsorOnceWhenTheHealthTurnsRedAndNotWhenItStaysRed() {
		Team team = project();
		publish(Topics.PROJECT, team, UUID.randomUUID(), "io.infrapm.project.ProjectHealthChanged.v1",
				health(team, "RED", "AMBER", "[\"OVERALL\",\"COST\"]"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> mails(team.sponsor, "Health RED").size() == 1
					&& mails(team.manager, "Health RED").size() == 1);
		ReceivedMail mail = mails(team.manager, "Health RED").get(0);
		assertThat(mail.subject()).isEqualTo("[" + team.code + "] CRITICAL: Health RED (was AMBER): Storage refresh");
		assertThat(mail.body()).contains("RED cost: see the budget figures behind rule cost.consumed")
			.contains("RED schedule: Critical milestone 'Core cutover' was due on 2026-11-20 and is not reached")
			.doesNotContain("361600");

		publish(Topics.PROJECT, team, UUID.randomUUID(), "io.infrapm.project.ProjectHealthChanged.v1",
				health(team, "RED", "RED", "[\"RISK\"]"));
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> mails(team.manager, "Health RED").size() == 1);
	}

	@Test
	void keepsBudgetNewsFromVendorsAndEngineersAndMakesNinetyPercentCritical() {
		Team team = project();
		UUID crossed = UUID.randomUUID();
		publish(Topics.BUDGET, team, crossed, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(team, 90));

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(team.sponsor, "Budget 90 %").size() == 1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(deliveriesOf(team.manager, crossed))
				.extracting((d) -> d.get("channel") + " " + d.get("severity"))
				.containsExactlyInAnyOrder("EMAIL CRITICAL", "IN_APP CRITICAL");
			assertThat(deliveriesOf(team.finance, crossed))
				.extracting((d) -> d.get("channel") + " " + d.get("severity"))
				.containsExactly("IN_APP INFO");
		});
		assertThat(deliveriesOf(team.vendor, crossed)).isEmpty();
		assertThat(deliveriesOf(team.engineer, crossed)).isEmpty();
	}

	@Test
	void appliesPreferencesButLetsCriticalAlertsThroughMutesAndQuietHours() {
		Team team = project();
		// The sponsor mutes the project, wants only critical news and only in the feed.
		assertThat(putPreferences(team.sponsor, "\"0\"", """
				{"channels":["IN_APP"],"minimumSeverity":"CRITICAL","mutedProjects":["%s"]}"""
			.formatted(team.projectId)).statusCode()).isEqualTo(200);
		// Finance is in quiet hours right now, wherever this test runs.
		Instant now = Instant.now();
		String start = now.minus(1, ChronoUnit.HOURS)
			.atOffset(ZoneOffset.UTC)
			.toLocalTime()
			.truncatedTo(ChronoUnit.MINUTES)
			.toString();
		String end = now.plus(2, ChronoUnit.HOURS)
			.atOffset(ZoneOffset.UTC)
			.toLocalTime()
			.truncatedTo(ChronoUnit.MINUTES)
			.toString();
		assertThat(putPreferences(team.finance, "\"0\"", """
				{"channels":["EMAIL","IN_APP"],"quietHours":{"start":"%s","end":"%s","zone":"UTC"}}""".formatted(start,
				end))
			.statusCode()).isEqualTo(200);

		UUID warning = UUID.randomUUID();
		publish(Topics.BUDGET, team, warning, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(team, 75));
		UUID critical = UUID.randomUUID();
		publish(Topics.PROJECT, team, critical, "io.infrapm.project.MilestoneMissed.v1",
				milestoneMissed(team, true, 1));

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(team.sponsor, "Core cutover").size() == 1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(deliveriesOf(team.sponsor, critical)).as("critical bypasses mute, minimum and channels")
				.extracting((d) -> d.get("channel"))
				.containsExactlyInAnyOrder("EMAIL", "IN_APP");
			assertThat(deliveriesOf(team.finance, warning)).extracting((d) -> d.get("channel") + " " + d.get("status"))
				.containsExactlyInAnyOrder("EMAIL PENDING", "IN_APP SENT");
		});
		assertThat(deliveriesOf(team.sponsor, warning)).as("the sponsor is no budget WARNING audience").isEmpty();
		Map<String, Object> held = deliveriesOf(team.finance, warning).stream()
			.filter((d) -> d.get("channel").equals("EMAIL"))
			.findFirst()
			.orElseThrow();
		assertThat(Instant.parse((String) held.get("nextAttemptAt"))).as("held until the quiet hours end")
			.isAfter(now.plus(1, ChronoUnit.HOURS));
		assertThat(mails(team.finance, "Budget")).isEmpty();
		assertThat(deliveriesOf(team.sponsor, critical)).as("the team's INFO merged into the stronger CRITICAL")
			.extracting((d) -> d.get("severity"))
			.containsOnly("CRITICAL");
	}

	@Test
	void refusesToTurnOffCriticalAlertsAndGuardsPreferencesByVersionAndOwner() {
		String ada = "ada." + UUID.randomUUID() + "@example.com";
		HttpResponse<String> defaults = http().get("/api/recipients/" + ada + "/preferences", issuer.token(ada));
		assertThat(defaults.statusCode()).isEqualTo(200);
		assertThat(defaults.headers().firstValue("ETag")).hasValue("\"0\"");
		assertThat(JsonPath.<Boolean>read(defaults.body(), "$.criticalAlerts")).isTrue();

		HttpResponse<String> optOut = putPreferences(ada, "\"0\"",
				"{\"channels\":[\"EMAIL\"],\"criticalAlerts\":false}");
		assertThat(optOut.statusCode()).isEqualTo(422);
		assertThat(optOut.body()).contains("criticalAlerts");
		HttpResponse<String> webhook = putPreferences(ada, "\"0\"", "{\"channels\":[\"WEBHOOK\"]}");
		assertThat(webhook.statusCode()).isEqualTo(422);
		assertThat(webhook.body()).contains("channels");
		HttpResponse<String> zone = putPreferences(ada, "\"0\"",
				"{\"channels\":[\"EMAIL\"],\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"zone\":\"Mars/Olympus\"}}");
		assertThat(zone.statusCode()).isEqualTo(422);
		assertThat(zone.body()).contains("quietHours.zone");
		HttpResponse<String> none = putPreferences(ada, "\"0\"", "{\"channels\":[]}");
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(none.body()).contains("channels");

		String body = "{\"channels\":[\"IN_APP\"],\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"zone\":\"Europe/Berlin\"}}";
		HttpResponse<String> own = http().send("PUT", "/api/recipients/" + ada + "/preferences", body,
				issuer.token(ada), "\"0\"");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<String>read(own.body(), "$.updatedBy.email")).isEqualTo(ada);
		assertThat(http().send("PUT", "/api/recipients/" + ada + "/preferences", body, issuer.token(ada), "\"0\"")
			.statusCode()).as("a second create from the defaults").isEqualTo(412);
		assertThat(http().send("PUT", "/api/recipients/" + ada + "/preferences", body, issuer.token(ada)).statusCode())
			.isEqualTo(428);
		String other = issuer.token("ben." + UUID.randomUUID() + "@example.com", "PROJECT_MANAGER");
		assertThat(http().get("/api/recipients/" + ada + "/preferences", other).statusCode()).isEqualTo(403);
		assertThat(http().send("PUT", "/api/recipients/" + ada + "/preferences", body, other, "\"1\"").statusCode())
			.isEqualTo(403);
		HttpResponse<String> read = http().get("/api/recipients/" + ada.toUpperCase() + "/preferences", PORTFOLIO);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("Europe/Berlin").contains("\"channels\":[\"IN_APP\"]");
	}

	@Test
	void letsAPortfolioManagerConfigureRulesThatTakeEffectAndKeepsTheBuiltInOnes() {
		HttpResponse<String> listed = http().get("/api/routing-rules?size=100", issuer.token("eve@example.com"));
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(listed.body(), "$.items[*].id")).contains("welcome",
				"critical-milestone-missed", "risk-escalated", "budget-threshold-90", "unplanned-outage",
				"project-team", "risk-team", "budget-holders");

		Team team = project();
		String rule = """
				{"name":"Late milestones to the engineers of %s","eventTypes":["MilestoneMissed"],
				 "conditions":[{"field":"daysLate","operator":"AT_LEAST","value":"5"},
				               {"field":"name","operator":"EQUALS","value":"Rack %s"}],
				 "severity":"WARNING","audience":["ENGINEER"],"channels":["EMAIL"]}""".formatted(team.code, team.code);
		HttpResponse<String> refused = http().send("POST", "/api/routing-rules", rule,
				issuer.token(team.manager, "PROJECT_MANAGER"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(
				http().send("POST", "/api/routing-rules", rule.replace("MilestoneMissed", "MilestoneMised"), PORTFOLIO)
					.body())
			.contains("eventTypes[0]");
		assertThat(http().send("POST", "/api/routing-rules", rule.replace("daysLate", "lateness"), PORTFOLIO).body())
			.contains("conditions[0].field");
		HttpResponse<String> added = http().send("POST", "/api/routing-rules", rule, PORTFOLIO, null,
				"rule-" + team.code);
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		String id = JsonPath.read(added.body(), "$.id");
		HttpResponse<String> again = http().send("POST", "/api/routing-rules", rule, PORTFOLIO, null,
				"rule-" + team.code);
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(again.body(), "$.id")).isEqualTo(id);

		UUID late = UUID.randomUUID();
		publish(Topics.PROJECT, team, late, "io.infrapm.project.MilestoneMissed.v1",
				milestoneMissed(team, false, 7).replace("Core cutover", "Rack " + team.code));
		await().atMost(Duration.ofSeconds(20)).until(() -> mails(team.engineer, "Rack " + team.code).size() == 1);
		assertThat(deliveriesOf(team.engineer, late)).filteredOn((d) -> d.get("channel").equals("EMAIL"))
			.singleElement()
			.satisfies((d) -> assertThat(d).containsEntry("severity", "WARNING").containsEntry("rules", List.of(id)));

		assertThat(http().send("DELETE", "/api/routing-rules/welcome", null, PORTFOLIO, "\"0\"").statusCode())
			.as("a built-in rule")
			.isIn(409, 412);
		assertThat(http().send("DELETE", "/api/routing-rules/" + id, null, PORTFOLIO, "\"7\"").statusCode())
			.isEqualTo(412);
		assertThat(http().send("DELETE", "/api/routing-rules/" + id, null, PORTFOLIO, "\"0\"").statusCode())
			.isEqualTo(204);
		assertThat(http().get("/api/routing-rules/" + id, PORTFOLIO).statusCode()).isEqualTo(404);
	}

	@Test
	void marksAFeedItemReadOnceAndOnlyForItsRecipient() {
		Team team = project();
		await().atMost(Duration.ofSeconds(20)).until(() -> !feed(team.engineer, "?unread=true").isEmpty());
		String id = (String) feed(team.engineer, "?unread=true").get(0).get("id");
		assertThat(
				http().send("POST", "/api/notifications/" + id + "/read", null, issuer.token(team.vendor)).statusCode())
			.as("another person's")
			.isEqualTo(404);
		HttpResponse<String> read = http().send("POST", "/api/notifications/" + id + "/read", null,
				issuer.token(team.engineer));
		assertThat(read.statusCode()).isEqualTo(200);
		String readAt = JsonPath.read(read.body(), "$.readAt");
		HttpResponse<String> again = http().send("POST", "/api/notifications/" + id + "/read", null,
				issuer.token(team.engineer));
		assertThat(JsonPath.<String>read(again.body(), "$.readAt")).isEqualTo(readAt);
		assertThat(feed(team.engineer, "?unread=true")).extracting((item) -> item.get("id")).doesNotContain(id);
		assertThat(feed(team.engineer, "")).extracting((item) -> item.get("id")).contains(id);
	}

	@Test
	void reachesARecipientAddedDirectlyInTheirRoleUntilTheyAreRemoved() {
		Team team = project();
		String auditor = "aud." + UUID.randomUUID() + "@example.com";
		String body = """
				{"name":"Ines Auditor","email":"%s","role":"STEERING_COMMITTEE","organisation":"Audit & Co"}"""
			.formatted(auditor.toUpperCase());
		String path = "/api/projects/" + team.projectId + "/recipients";
		assertThat(http().send("POST", path, body, issuer.token(team.engineer)).statusCode())
			.as("a member who does not manage the project")
			.isEqualTo(403);
		HttpResponse<String> added = http().send("POST", path, body, issuer.token(team.manager, "PROJECT_MANAGER"));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		assertThat(JsonPath.<String>read(added.body(), "$.email")).isEqualTo(auditor);
		HttpResponse<String> twice = http().send("POST", path, body, issuer.token(team.manager, "PROJECT_MANAGER"));
		assertThat(twice.statusCode()).isEqualTo(409);
		assertThat(twice.body()).contains("email");
		assertThat(http().get(path + "?size=100", issuer.token(team.engineer)).body()).contains(auditor)
			.contains("Audit & Co");

		publish(Topics.RISK, team, UUID.randomUUID(), "io.infrapm.risk.RiskEscalated.v1", escalated(team, "R-1"));
		await().atMost(Duration.ofSeconds(20)).until(() -> mails(auditor, "Risk R-1 escalated").size() == 1);
		assertThat(mails(auditor, "Risk R-1").get(0).subject())
			.isEqualTo("[" + team.code + "] CRITICAL: Risk R-1 escalated to steering committee: Optics late");

		assertThat(http().send("DELETE", path + "/" + auditor, null, issuer.token(team.manager, "PROJECT_MANAGER"))
			.statusCode()).isEqualTo(204);
		assertThat(http().send("DELETE", path + "/" + auditor, null, issuer.token(team.manager, "PROJECT_MANAGER"))
			.statusCode()).isEqualTo(404);
		publish(Topics.RISK, team, UUID.randomUUID(), "io.infrapm.risk.RiskEscalated.v1", escalated(team, "R-2"));
		await().atMost(Duration.ofSeconds(20)).until(() -> mails(team.manager, "Risk R-2 escalated").size() == 1);
		assertThat(mails(auditor, "Risk R-2")).as("removed before it").isEmpty();
	}

	private static String escalated(Team team, String number) {
		return """
				{"projectId":"%s","riskId":"%s","number":"%s","title":"Optics late","level":"STEERING_COMMITTEE",
				 "band":"CRITICAL","score":20,"reason":"The cutover is at stake","escalatedAt":"2026-11-23T09:00:00Z",
				 "actor":{"subject":"risk-owner","email":"owner@example.com","name":"Owner"}}
				""".formatted(team.projectId, UUID.randomUUID(), number);
	}

	@Test
	void streamsTheFeedLiveAndResumesAfterTheLastEventId() throws Exception {
		Team team = project();
		await().atMost(Duration.ofSeconds(20)).until(() -> !feed(team.engineer, "").isEmpty());
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		HttpResponse<Stream<String>> live = stream(team.engineer, null, lines);
		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(live.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));

		publish(Topics.PROJECT, team, UUID.randomUUID(), "io.infrapm.project.MilestoneMissed.v1",
				milestoneMissed(team, false, 2));
		String first = next(lines, "id:");
		assertThat(next(lines, "data:")).contains("Milestone missed: Core cutover");
		live.body().close();

		publish(Topics.PROJECT, team, UUID.randomUUID(), "io.infrapm.project.MilestoneMissed.v1",
				milestoneMissed(team, false, 2).replace("Core cutover", "Rack B"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> feed(team.engineer, "").stream()
				.anyMatch((item) -> ((String) item.get("subject")).contains("Rack B")));
		BlockingQueue<String> resumed = new LinkedBlockingQueue<>();
		HttpResponse<Stream<String>> again = stream(team.engineer, first, resumed);
		assertThat(next(resumed, "id:")).isNotEqualTo(first);
		assertThat(next(resumed, "data:")).as("the one missed while away comes first").contains("Rack B");
		again.body().close();
	}

	private HttpResponse<Stream<String>> stream(String recipient, String lastEventId, BlockingQueue<String> lines)
			throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/notifications/stream"))
			.header("Authorization", "Bearer " + issuer.token(recipient));
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		Thread reader = new Thread(() -> {
			try {
				response.body().forEach(lines::add);
			}
			catch (RuntimeException ex) {
				// Closed by the test.
			}
		});
		reader.setDaemon(true);
		reader.start();
		return response;
	}

	/** The value of the next line of a field on a stream. */
	private static String next(BlockingQueue<String> lines, String field) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			String line = lines.poll(1, TimeUnit.SECONDS);
			if (line != null && line.startsWith(field)) {
				return line.substring(field.length()).strip();
			}
		}
		throw new AssertionError("no " + field + " on the stream within 15 s");
	}

	/**
	 * A project with a manager, a sponsor, an engineer, a vendor and finance, all new.
	 */
	private Team project() {
		UUID projectId = UUID.randomUUID();
		String tag = projectId.toString().substring(0, 8);
		Team team = new Team(projectId, "RT-" + tag.toUpperCase(), "pat." + tag + "@example.com",
				"spo." + tag + "@example.com", "eng." + tag + "@example.com", "ven." + tag + "@example.com",
				"fin." + tag + "@example.com");
		String json = """
				{"projectId":"%s","code":"%s","name":"Storage refresh","category":"STORAGE_UPGRADE",
				 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "manager":{"name":"Pat","email":"%s"},"sponsor":{"name":"Sol","email":"%s"},
				 "budgetAmount":400000,"currency":"EUR","createdAt":"2026-11-24T10:00:00Z",
				 "stakeholders":[
				   {"stakeholderId":"%s","name":"Eng","email":"%s","role":"ENGINEER"},
				   {"stakeholderId":"%s","name":"Ven","email":"%s","role":"VENDOR","organisation":"RackStack"},
				   {"stakeholderId":"%s","name":"Fin","email":"%s","role":"FINANCE"}]}
				"""
			.formatted(projectId, team.code, team.manager, team.sponsor, UUID.randomUUID(), team.engineer,
					UUID.randomUUID(), team.vendor, UUID.randomUUID(), team.finance);
		publish(Topics.PROJECT, team, UUID.randomUUID(), "io.infrapm.project.ProjectCreated.v1", json);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http().get("/api/projects/" + projectId + "/recipients", issuer.token(team.manager))
				.statusCode() == 200);
		return team;
	}

	private static String milestoneMissed(Team team, boolean critical, int daysLate) {
		return """
				{"projectId":"%s","milestoneId":"%s","name":"Core cutover","dueDate":"2026-11-20","critical":%s,
				 "cutover":true,"owner":{"name":"Pat","email":"%s"},"daysLate":%d,"detectedOn":"2026-11-23",
				 "detectedAt":"2026-11-23T06:00:00Z","actor":{"subject":"service:project-service","name":"project-service"}}
				"""
			.formatted(team.projectId, UUID.randomUUID(), critical, team.manager, daysLate);
	}

	private static String stakeholderAdded(Team team, String email, boolean receivesReports) {
		return """
				{"projectId":"%s","stakeholderId":"%s","name":"Steer","email":"%s","role":"STEERING_COMMITTEE",
				 "addedAt":"2026-11-24T10:00:00Z","actor":{"subject":"pat","email":"%s","name":"Pat"},
				 "organisation":"Board","receivesReports":%s}
				""".formatted(team.projectId, UUID.randomUUID(), email, team.manager, receivesReports);
	}

	private static String report(Team team) {
		return """
				{"projectId":"%s","reportId":"%s","code":"%s","name":"Storage refresh","number":"SR-3","edition":1,
				 "supersedes":null,"period":"WEEKLY","audience":"STEERING_COMMITTEE","periodStart":"2026-11-21",
				 "asOf":"2026-11-27","health":{"overall":"RED","schedule":"RED","cost":"RED","scope":"GREEN",
				 "risk":"AMBER","reasons":[],"rulesVersion":"2026.12-1"},
				 "summary":"Cutover slipped; cost red at 92 %%.","accomplishments":["Racks in"],"nextSteps":[],
				 "decisionsRequested":["Approve CR-2"],"milestonesCompleted":[],"milestonesDue":[],
				 "milestonesMissed":[{"milestoneId":"%s","name":"Core cutover","dueDate":"2026-11-20",
				   "completedOn":null,"critical":true}],
				 "changeRequests":[],"outages":[],"serviceBreaches":[],"budget":null,"risks":null,"issues":[],
				 "publishedAt":"2026-11-27T14:00:00Z","actor":{"subject":"pat","email":"%s","name":"Pat"}}
				""".formatted(team.projectId, UUID.randomUUID(), team.code, UUID.randomUUID(), team.manager);
	}

	private static String health(Team team, String overall, String previous, String changed) {
		return """
				{"projectId":"%s","code":"%s","name":"Storage refresh","overall":"%s","schedule":"RED","cost":"RED",
				 "scope":"GREEN","risk":"AMBER","previousOverall":"%s","changed":%s,
				 "reasons":[{"dimension":"SCHEDULE","colour":"RED","rule":"schedule.critical-milestone-missed",
				   "fact":"Critical milestone 'Core cutover' was due on 2026-11-20 and is not reached"},
				  {"dimension":"COST","colour":"RED","rule":"cost.consumed",
				   "fact":"The budget crossed its 90 %% threshold; actual costs 361600 EUR are 90.4 %% of the budget 400000 EUR"},
				  {"dimension":"SCOPE","colour":"GREEN","rule":"scope.stable","fact":"No change request waits for a decision"}],
				 "rulesVersion":"2026.12-1","causeType":"BudgetThresholdCrossed","causeId":"%s",
				 "changedAt":"2026-11-27T10:00:00Z"}
				"""
			.formatted(team.projectId, team.code, overall, previous, changed, UUID.randomUUID());
	}

	private static String threshold(Team team, int percent) {
		return """
				{"projectId":"%s","thresholdPercent":%d,"consumedPercent":%d.4,"actualTotal":361600,
				 "budgetAtCompletion":400000,"currency":"EUR","costId":"%s","crossedAt":"2026-11-23T09:00:00Z",
				 "actor":{"subject":"service:budget-service","name":"budget-service"}}
				""".formatted(team.projectId, percent, percent, UUID.randomUUID());
	}

	/**
	 * A project event as project-service sends it: with the project's sequence number.
	 */
	private static void publishInSequence(Team team, UUID eventId, String type, String json, long sequence) {
		Map<String, String> headers = KafkaTestClient.cloudEventHeaders(eventId, type, team.projectId.toString());
		headers.put("ce_sequence", Long.toString(sequence));
		kafka.publish(Topics.PROJECT, team.projectId.toString(), headers, json);
	}

	private static void publish(String topic, Team team, UUID eventId, String type, String json) {
		kafka.publish(topic, team.projectId.toString(),
				KafkaTestClient.cloudEventHeaders(eventId, type, team.projectId.toString()), json);
	}

	private List<ReceivedMail> mails(String to, String subjectPart) {
		return TestInfrastructure.get()
			.mailbox()
			.messagesTo(to)
			.stream()
			.filter((mail) -> mail.subject().contains(subjectPart))
			.toList();
	}

	private List<Map<String, Object>> deliveriesOf(String recipient, UUID cause) {
		HttpResponse<String> page = http().get("/api/deliveries?size=100&recipient=" + recipient, PORTFOLIO);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return JsonPath.read(page.body(), "$.items[?(@.cause.eventId == '" + cause + "')]");
	}

	private List<Map<String, Object>> feed(String recipient, String query) {
		HttpResponse<String> page = http().get("/api/notifications" + query, issuer.token(recipient));
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return JsonPath.read(page.body(), "$.items");
	}

	private HttpResponse<String> putPreferences(String email, String ifMatch, String body) {
		return http().send("PUT", "/api/recipients/" + email + "/preferences", body, issuer.token(email), ifMatch);
	}

	private TestHttp http() {
		return new TestHttp("http://localhost:" + this.port);
	}

	private record Team(UUID projectId, String code, String manager, String sponsor, String engineer, String vendor,
			String finance) {
	}

}
