package io.infrapm.notification;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.AuthorisationWalk;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import io.infrapm.embedded.TestProjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may read which notifications: every endpoint refuses anonymous, forged and expired
 * tokens; each person reads their own feed, and only a portfolio manager another's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationAuthorisationTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static final String OUTSIDER = "olga." + UUID.randomUUID() + "@example.com";

	private static final String OTHER = "ben." + UUID.randomUUID() + "@example.com";

	private static final UUID OTHER_PROJECT = UUID.randomUUID();

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private MongoTemplate mongo;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("notification-authorisation-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	static void projects() {
		kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
		TestProjects projects = new TestProjects(kafka);
		projects.created(UUID.randomUUID(), "pat@example.com", Map.of(OUTSIDER, "ENGINEER"));
		projects.created(OTHER_PROJECT, "bea@example.com", Map.of(OTHER, "TECHNICAL_LEAD"));
	}

	@AfterAll
	static void disconnect() {
		kafka.close();
	}

	@Test
	void refusesEveryEndpointToAnonymousForgedAndExpiredTokensAndChangesNothing() {
		awaitOneNotification(OUTSIDER);
		awaitOneNotification(OTHER);

		String othersNotification = this.mongo.getCollection("notifications")
			.find(new org.bson.Document("recipient", OTHER).append("channel", "IN_APP"))
			.first()
			.get("_id")
			.toString();
		// Another project's subscription, to a public address no event will be posted to.
		HttpResponse<String> subscribed = new TestHttp("http://localhost:" + this.port).send("POST", "/api/webhooks",
				"{\"url\":\"https://93.184.215.14/hook\",\"eventTypes\":[\"project.*\"],\"projectId\":\""
						+ OTHER_PROJECT + "\"}",
				issuer.token("bea@example.com", "PROJECT_MANAGER"));
		assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
		String othersWebhook = JsonPath.read(subscribed.body(), "$.subscription.id");
		Map<String, Integer> outsider = new AuthorisationWalk("http://localhost:" + this.port, issuer)
			.outsider(issuer.token(OUTSIDER, "STAKEHOLDER"))
			.pathValue("notificationId", othersNotification)
			.pathValue("projectId", OTHER_PROJECT.toString())
			.pathValue("email", OTHER)
			.pathValue("ruleId", "welcome")
			.pathValue("webhookId", othersWebhook)
			.pathValue("deliveryId", UUID.randomUUID().toString())
			.body("POST /api/webhooks",
					"{\"url\":\"https://93.184.215.14/other\",\"eventTypes\":[\"risk.*\"]," + "\"projectId\":\""
							+ OTHER_PROJECT + "\"}")
			.body("PUT /api/webhooks/{webhookId}",
					"{\"url\":\"https://93.184.215.14/moved\",\"eventTypes\":[\"risk.*\"]}")
			.body("POST /api/notifications/{notificationId}/read", "{}")
			.body("POST /api/notifications/{notificationId}/acknowledgement", "{}")
			.outsiderGets("GET /api/notifications", 200)
			.outsiderGets("GET /api/deliveries", 200)
			.outsiderGets("GET /api/notifications/stream", 200)
			.outsiderGets("GET /api/recipients/{email}/preferences", 403)
			.outsiderGets("PUT /api/recipients/{email}/preferences", 403)
			.outsiderGets("GET /api/routing-rules", 200)
			.outsiderGets("POST /api/routing-rules", 403)
			.outsiderGets("GET /api/routing-rules/{ruleId}", 200)
			.outsiderGets("PUT /api/routing-rules/{ruleId}", 403)
			.outsiderGets("DELETE /api/routing-rules/{ruleId}", 403)
			.outsiderGets("GET /api/webhooks", 200)
			.outsiderGets("POST /api/recipients/{email}/digest", 403)
			.body("POST /api/recipients/{email}/digest", "{}")
			.outsiderGets("POST /api/webhooks", 404)
			.body("POST /api/webhooks/{webhookId}/secret", "{}")
			.body("POST /api/webhooks/{webhookId}/redelivery", "{}")
			.body("POST /api/webhooks/{webhookId}/deliveries/{deliveryId}/redelivery", "{}")
			.unchanged(AuthorisationWalk.contentsOf(this.mongo.getDb(), "notifications", "project_memberships",
					"project_directory", "routing_rules", "recipient_preferences", "alerts", "webhook_subscriptions"))
			.walk(AuthorisationWalk.endpointsOf(this.context));
		assertThat(outsider).containsEntry("GET /api/notifications", 200)
			.containsEntry("POST /api/notifications/{notificationId}/read", 404)
			.containsEntry("GET /api/projects/{projectId}/recipients", 404)
			.containsEntry("POST /api/notifications/{notificationId}/acknowledgement", 404)
			.containsEntry("GET /api/projects/{projectId}/alerts", 404)
			.containsEntry("POST /api/projects/{projectId}/recipients", 404)
			.containsEntry("DELETE /api/projects/{projectId}/recipients/{email}", 404)
			.containsEntry("POST /api/webhooks", 404)
			.containsEntry("GET /api/webhooks/{webhookId}", 404)
			.containsEntry("POST /api/webhooks/{webhookId}/redelivery", 404);
	}

	@Test
	void showsEachPersonTheirOwnFeedAndOnlyAPortfolioManagerAnothers() {
		awaitOneNotification(OUTSIDER);
		awaitOneNotification(OTHER);

		HttpResponse<String> own = feed("", issuer.token(OUTSIDER));
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains(OUTSIDER).doesNotContain(OTHER).contains("\"totalItems\":1");

		HttpResponse<String> another = feed("?recipient=" + OTHER, issuer.token(OUTSIDER, "PROJECT_MANAGER"));
		assertThat(another.statusCode()).isEqualTo(403);
		assertThat(another.body()).contains("recipient");

		HttpResponse<String> portfolio = feed("?recipient=" + OTHER,
				issuer.token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(portfolio.statusCode()).isEqualTo(200);
		assertThat(portfolio.body()).contains(OTHER);

		HttpResponse<String> sameAddress = feed("?recipient=" + OUTSIDER.toUpperCase(), issuer.token(OUTSIDER));
		assertThat(sameAddress.statusCode()).as("the own address in another case").isEqualTo(200);
	}

	@Test
	void asksAMachineClientWithoutAnAddressToNameTheRecipient() {
		String client = issuer.tokenWith("integration", (claims) -> claims.claim("email", null), "PORTFOLIO_MANAGER");

		HttpResponse<String> unnamed = feed("", client);
		assertThat(unnamed.statusCode()).isEqualTo(422);
		assertThat(unnamed.body()).contains("recipient");
		assertThat(feed("?recipient=" + OTHER, client).statusCode()).isEqualTo(200);
	}

	private void awaitOneNotification(String recipient) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(feed("", issuer.token(recipient)).body()).contains("\"totalItems\":1"));
		// Its e-mail was recorded before it, and the manager, who created the project,
		// is not told of their own doing: the state the walk compares is settled.
	}

	private HttpResponse<String> feed(String query, String token) {
		return new TestHttp("http://localhost:" + this.port).get("/api/notifications" + query, token);
	}

}
