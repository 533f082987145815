package io.infrapm.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.ReceivedMail;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import io.infrapm.notification.webhook.WebhookSignature;
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
 * Webhooks against a real broker, the embedded MongoDB and a real HTTP receiver on this
 * machine that checks every signature: each wanted event of the subscribed project is
 * posted once as a signed CloudEvent, under a delivery id that stays the same across
 * retries; a receiver that keeps failing gets its retries, then its subscription is
 * suspended, its owner told, later events held, and a re-drive delivers them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"infrapm.notification.dispatch.poll-interval=200ms", "infrapm.notification.webhooks.allow-http=true",
		"infrapm.notification.webhooks.allow-loopback=true", "infrapm.notification.webhooks.retry.backoff=200ms",
		"infrapm.notification.webhooks.retry.max-backoff=400ms", "infrapm.notification.webhooks.retry.max-attempts=3",
		"infrapm.notification.webhooks.retry.notice-interval=1s" })
class NotificationWebhookTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static final String PORTFOLIO = issuer.token("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	private static HttpServer receiver;

	/** What each path answers; 204 unless a test says otherwise. */
	private static final Map<String, AtomicInteger> answers = new java.util.concurrent.ConcurrentHashMap<>();

	private static final Queue<Received> received = new ConcurrentLinkedQueue<>();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("notification-webhook-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	static void start() throws IOException {
		kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
		receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.createContext("/", (exchange) -> {
			try {
				String path = exchange.getRequestURI().getPath();
				received.add(new Received(path, exchange.getRequestHeaders(),
						new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
				exchange.sendResponseHeaders(answers.computeIfAbsent(path, (p) -> new AtomicInteger(204)).get(), -1);
			}
			finally {
				exchange.close();
			}
		});
		receiver.start();
	}

	@AfterAll
	static void stop() {
		kafka.close();
		receiver.stop(0);
	}

	@Test
	void postsEachWantedEventOfItsProjectOnceAsASignedCloudEvent() {
		Team team = project();
		Team other = project();
		String path = "/hooks/" + team.code;
		HttpResponse<String> created = subscribe(team.manager, """
				{"url":"%s","eventTypes":["MilestoneMissed","budget.*"],"projectId":"%s","description":"NOC"}"""
			.formatted(url(path), team.projectId));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String secret = JsonPath.read(created.body(), "$.secret");
		String id = JsonPath.read(created.body(), "$.subscription.id");
		assertThat(secret).startsWith("whsec_");
		assertThat(created.headers().firstValue("Location")).hasValue("/api/webhooks/" + id);
		HttpResponse<String> read = http().get("/api/webhooks/" + id, issuer.token(team.manager));
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).as("the secret is shown once").doesNotContain(secret).doesNotContain("whsec_");

		UUID missed = UUID.randomUUID();
		publish(team, missed, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(team));
		UUID crossed = UUID.randomUUID();
		publish(team, crossed, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(team));
		// Not wanted: another type, and another project's event of a wanted type.
		publish(team, UUID.randomUUID(), "io.infrapm.project.ProjectUpdated.v1", """
				{"projectId":"%s","code":"%s","name":"Network roll-out, phase 2","category":"NETWORK_ROLLOUT",
				 "methodology":"WATERFALL","manager":{"name":"Pat","email":"%s"},"plannedStart":"2027-01-04",
				 "plannedFinish":"2027-10-29","version":2,"updatedAt":"2026-11-25T10:00:00Z",
				 "actor":{"subject":"pat","email":"%s","name":"Pat"}}
				""".formatted(team.projectId, team.code, team.manager, team.manager));
		publish(other, UUID.randomUUID(), "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(other));

		await().atMost(Duration.ofSeconds(20)).until(() -> to(path).size() == 2);
		List<Received> posts = to(path);
		for (Received post : posts) {
			assertThat(WebhookSignature.of(secret)
				.verify(post.headers.getFirst("webhook-id"), post.headers.getFirst("webhook-timestamp"), post.body,
						post.headers.getFirst("webhook-signature"), Clock.systemUTC()))
				.as("signed with the subscription's secret")
				.isTrue();
			assertThat(JsonPath.<String>read(post.body, "$.specversion")).isEqualTo("1.0");
			assertThat(JsonPath.<String>read(post.body, "$.data.projectId")).isEqualTo(team.projectId.toString());
		}
		assertThat(posts).extracting((post) -> JsonPath.<String>read(post.body, "$.id"))
			.containsExactlyInAnyOrder(missed.toString(), crossed.toString());
		assertThat(posts).extracting((post) -> JsonPath.<String>read(post.body, "$.type"))
			.containsExactlyInAnyOrder("io.infrapm.project.MilestoneMissed.v1",
					"io.infrapm.budget.BudgetThresholdCrossed.v1");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deliveries(team.manager, id, ""))
				.extracting((d) -> d.get("id") + " " + d.get("status"))
				.containsExactlyInAnyOrderElementsOf(
						posts.stream().map((post) -> post.headers.getFirst("webhook-id") + " SENT").toList()));

		// The same events again, as after a rebalance or a replay: nothing new.
		publish(team, missed, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(team));
		publish(team, crossed, "io.infrapm.budget.BudgetThresholdCrossed.v1", threshold(team));
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> to(path).size() == 2);
	}

	@Test
	void retriesAFailingReceiverThenSuspendsTellsTheOwnerHoldsLaterEventsAndRedrivesThemAll() {
		Team team = project();
		String path = "/failing/" + team.code;
		answers.put(path, new AtomicInteger(503));
		HttpResponse<String> created = subscribe(PORTFOLIO,
				"{\"url\":\"%s\",\"eventTypes\":[\"project.*\"],\"projectId\":\"%s\"}".formatted(url(path),
						team.projectId));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JsonPath.read(created.body(), "$.subscription.id");
		String secret = JsonPath.read(created.body(), "$.secret");

		UUID first = UUID.randomUUID();
		publish(team, first, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(team));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "SUSPENDED"
				.equals(JsonPath.read(http().get("/api/webhooks/" + id, PORTFOLIO).body(), "$.status")));
		assertThat(to(path)).as("three attempts, one delivery id")
			.hasSize(3)
			.extracting((post) -> post.headers.getFirst("webhook-id"))
			.containsOnly(to(path).get(0).headers.getFirst("webhook-id"));
		Map<String, Object> failed = deliveries(PORTFOLIO, id, "").get(0);
		assertThat(failed).containsEntry("status", "FAILED")
			.containsEntry("attempts", 3)
			.containsEntry("lastError", "HTTP 503");
		assertThat(JsonPath.<String>read(http().get("/api/webhooks/" + id, PORTFOLIO).body(), "$.suspendedReason"))
			.isEqualTo("HTTP 503");
		await().atMost(Duration.ofSeconds(10)).until(() -> notices("portia@example.com", team).size() == 1);
		assertThat(notices("portia@example.com", team).get(0).body()).contains("/api/webhooks/" + id + "/redelivery");

		// While suspended, a new event is kept back, not tried and not dropped.
		UUID second = UUID.randomUUID();
		publish(team, second, "io.infrapm.project.MilestoneMissed.v1", milestoneMissed(team));
		await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(PORTFOLIO, id, "?status=HELD").size() == 1);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> to(path).size() == 3);

		// The receiver is back: one re-drive resumes the subscription and delivers both.
		answers.get(path).set(200);
		HttpResponse<String> redriven = http().send("POST", "/api/webhooks/" + id + "/redelivery", null, PORTFOLIO);
		assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(redriven.body(), "$.redelivered")).isEqualTo(2);
		assertThat(JsonPath.<String>read(redriven.body(), "$.subscription.status")).isEqualTo("ACTIVE");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(deliveries(PORTFOLIO, id, "")).extracting((d) -> d.get("status"))
				.containsExactly("SENT", "SENT"));
		assertThat(to(path).subList(3, to(path).size())).extracting((post) -> JsonPath.<String>read(post.body, "$.id"))
			.containsExactlyInAnyOrder(first.toString(), second.toString());
		assertThat(to(path)).allSatisfy((post) -> assertThat(WebhookSignature.of(secret)
			.verify(post.headers.getFirst("webhook-id"), post.headers.getFirst("webhook-timestamp"), post.body,
					post.headers.getFirst("webhook-signature"), Clock.systemUTC()))
			.isTrue());
		assertThat(notices("portia@example.com", team)).as("told once").hasSize(1);
	}

	@Test
	void refusesUnsafeAddressesUnknownEventsAndSubscribersWhoDoNotManageTheProject() {
		Team team = project();
		String body = "{\"url\":\"%s\",\"eventTypes\":[\"MilestoneMissed\"],\"projectId\":\"" + team.projectId + "\"}";
		assertRefused(subscribe(team.manager, body.formatted("http://169.254.169.254/latest/meta-data")), 422, "url");
		assertRefused(subscribe(team.manager, body.formatted("http://10.1.2.3/hook")), 422, "url");
		assertRefused(subscribe(team.manager, body.formatted("ftp://" + "receiver.example/hook")), 422, "url");
		assertRefused(subscribe(team.manager, body.formatted("not a url")), 422, "url");
		assertRefused(subscribe(team.manager,
				"{\"url\":\"%s\",\"eventTypes\":[\"Nope\"],\"projectId\":\"%s\"}".formatted(url("/x"), team.projectId)),
				422, "eventTypes[0]");
		assertRefused(subscribe(team.manager, "{\"url\":\"%s\",\"eventTypes\":[\"project.*\"]}".formatted(url("/x"))),
				403, "projectId");
		assertRefused(subscribe(team.engineer, body.formatted(url("/x"))), 403, null);
		assertRefused(subscribe("someone.else@example.com", body.formatted(url("/x"))), 404, null);

		HttpResponse<String> created = subscribe(team.manager, body.formatted(url("/rotate/" + team.code)));
		String id = JsonPath.read(created.body(), "$.subscription.id");
		String etag = created.headers().firstValue("ETag").orElseThrow();
		assertRefused(http().send("PUT", "/api/webhooks/" + id,
				"{\"url\":\"%s\",\"eventTypes\":[\"risk.*\"]}".formatted(url("/y")), issuer.token(team.manager)), 428,
				"If-Match");
		HttpResponse<String> rotated = http().send("POST", "/api/webhooks/" + id + "/secret", null,
				issuer.token(team.manager), etag);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(rotated.body(), "$.secret")).startsWith("whsec_")
			.isNotEqualTo(JsonPath.read(created.body(), "$.secret"));
		assertRefused(http().send("DELETE", "/api/webhooks/" + id, null, issuer.token(team.manager), etag), 412,
				"If-Match");
		assertThat(http().get("/api/webhooks/" + id, issuer.token(team.engineer)).statusCode())
			.as("a member who does not manage the project does not see it")
			.isEqualTo(404);
		assertThat(JsonPath.<List<String>>read(http().get("/api/webhooks", issuer.token(team.manager)).body(),
				"$.items[*].id"))
			.contains(id);
		assertThat(JsonPath.<List<String>>read(http().get("/api/webhooks", issuer.token(team.engineer)).body(),
				"$.items[*].id"))
			.doesNotContain(id);
		assertThat(http()
			.send("DELETE", "/api/webhooks/" + id, null, issuer.token(team.manager),
					rotated.headers().firstValue("ETag").orElseThrow())
			.statusCode()).isEqualTo(204);
		assertThat(http().get("/api/webhooks/" + id, issuer.token(team.manager)).statusCode()).isEqualTo(404);
	}

	private static void assertRefused(HttpResponse<String> response, int status, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		if (field != null) {
			assertThat(response.body()).contains("\"" + field + "\"");
		}
	}

	private HttpResponse<String> subscribe(String who, String body) {
		String token = who.contains("@") ? issuer.token(who) : who;
		return http().send("POST", "/api/webhooks", body, token);
	}

	private static String url(String path) {
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
	}

	private static List<Received> to(String path) {
		return received.stream().filter((post) -> post.path.equals(path)).toList();
	}

	private List<Map<String, Object>> deliveries(String who, String id, String query) {
		String token = who.contains("@") ? issuer.token(who) : who;
		HttpResponse<String> page = http().get("/api/webhooks/" + id + "/deliveries" + query, token);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return JsonPath.read(page.body(), "$.items");
	}

	private static List<ReceivedMail> notices(String to, Team team) {
		return TestInfrastructure.get()
			.mailbox()
			.messagesTo(to)
			.stream()
			.filter((mail) -> mail.subject()
				.equals("[" + team.code + "] Webhook suspended: " + url("/failing/" + team.code)))
			.toList();
	}

	private Team project() {
		UUID projectId = UUID.randomUUID();
		String tag = projectId.toString().substring(0, 8);
		Team team = new Team(projectId, "WH-" + tag.toUpperCase(), "pat." + tag + "@example.com",
				"eng." + tag + "@example.com");
		String json = """
				{"projectId":"%s","code":"%s","name":"Network roll-out","category":"NETWORK_ROLLOUT",
				 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "manager":{"name":"Pat","email":"%s"},"sponsor":{"name":"Sol","email":"spo.%s@example.com"},
				 "budgetAmount":400000,"currency":"EUR","createdAt":"2026-11-24T10:00:00Z",
				 "stakeholders":[{"stakeholderId":"%s","name":"Eng","email":"%s","role":"ENGINEER"}]}
				"""
			.formatted(projectId, team.code, team.manager, tag, UUID.randomUUID(), team.engineer);
		publish(team, UUID.randomUUID(), "io.infrapm.project.ProjectCreated.v1", json);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http().get("/api/projects/" + projectId + "/recipients", issuer.token(team.manager))
				.statusCode() == 200);
		return team;
	}

	private static void publish(Team team, UUID eventId, String type, String json) {
		String topic = type.startsWith("io.infrapm.budget.") ? Topics.BUDGET : Topics.PROJECT;
		kafka.publish(topic, team.projectId.toString(),
				KafkaTestClient.cloudEventHeaders(eventId, type, team.projectId.toString()), json);
	}

	private static String milestoneMissed(Team team) {
		return """
				{"projectId":"%s","milestoneId":"%s","name":"Core cutover","dueDate":"2026-11-20","critical":false,
				 "cutover":true,"owner":{"name":"Pat","email":"%s"},"daysLate":2,"detectedOn":"2026-11-22",
				 "detectedAt":"2026-11-22T06:00:00Z","actor":{"subject":"service:project-service","name":"project-service"}}
				"""
			.formatted(team.projectId, UUID.randomUUID(), team.manager);
	}

	private static String threshold(Team team) {
		return """
				{"projectId":"%s","thresholdPercent":75,"consumedPercent":75.4,"actualTotal":301600,
				 "budgetAtCompletion":400000,"currency":"EUR","costId":"%s","crossedAt":"2026-11-23T09:00:00Z",
				 "actor":{"subject":"service:budget-service","name":"budget-service"}}
				""".formatted(team.projectId, UUID.randomUUID());
	}

	private TestHttp http() {
		return new TestHttp("http://localhost:" + this.port);
	}

	private record Team(UUID projectId, String code, String manager, String engineer) {
	}

	private record Received(String path, Headers headers, String body) {
	}

}
