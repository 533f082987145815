package io.infrapm.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.Topics;
import io.infrapm.embedded.DevMailbox;
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
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * notification-service against a real Kafka broker, the embedded MongoDB and a real SMTP
 * server (the dev mailbox).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "infrapm.notification.dispatch.poll-interval=500ms")
class NotificationServiceTests {

	/** A portfolio manager, who sees every project. */
	private static final String PORTFOLIO_MANAGER = TestInfrastructure.get()
		.issuer()
		.bearer("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("notification-service-tests")
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
	void tellsEveryStakeholderOfANewProjectOnceByEmail() {
		UUID projectId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String ada = "ada-" + projectId + "@example.com";
		String grace = "grace-" + projectId + "@example.com";
		publishProjectCreated(eventId, projectId, ada, grace);

		DevMailbox mailbox = TestInfrastructure.get().mailbox();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> mailbox.messagesTo(ada).size() == 1 && mailbox.messagesTo(grace).size() == 1);
		assertThat(mailbox.messagesTo(ada).get(0).subject()).contains("You were added to project")
			.contains("Frankfurt DC exit");
		assertThat(mailbox.messagesTo(ada).get(0).body()).contains("Hello Ada").contains("as engineer");

		assertThat(mailbox.messagesTo(ada).get(0).subject())
			.startsWith("[DC-" + projectId.toString().substring(0, 8) + "] ");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<Map<String, Object>> listed = notifications(ada);
			assertThat(listed).extracting((n) -> n.get("channel") + " " + n.get("status"))
				.containsExactlyInAnyOrder("EMAIL SENT", "IN_APP SENT");
		});

		// The same event again, as after a rebalance or a replay: nothing new is sent.
		publishProjectCreated(eventId, projectId, ada, grace);
		List<ConsumerRecord<String, byte[]>> delivered = kafka.read(Topics.NOTIFICATION,
				(record) -> projectId.toString().equals(record.key()), (records) -> false, Duration.ofSeconds(4));
		// Ada and Grace by e-mail and in their feeds, the manager in the feed only.
		assertThat(delivered).hasSize(5)
			.allSatisfy((record) -> assertThat(KafkaTestClient.header(record, "ce_type"))
				.isEqualTo("io.infrapm.notification.NotificationDelivered.v1"));
		assertThat(delivered).extracting((record) -> KafkaTestClient.header(record, "ce_id")).doesNotHaveDuplicates();
		assertThat(mailbox.messagesTo(ada)).hasSize(1);
		assertThat(mailbox.messagesTo(grace)).hasSize(1);
		assertThat(notifications(ada)).hasSize(2);
	}

	@Test
	void refusesAListingWithoutAValidRecipient() {
		ResponseEntity<String> invalid = raw("/api/deliveries?recipient=not-an-address");
		assertThat(invalid.getStatusCode().value()).isEqualTo(400);
		assertThat(invalid.getBody()).contains("recipient");
		ResponseEntity<String> badPage = raw("/api/notifications?size=101");
		assertThat(badPage.getStatusCode().value()).isEqualTo(400);
		assertThat(badPage.getBody()).contains("size");
	}

	private ResponseEntity<String> raw(String uri) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, PORTFOLIO_MANAGER)
			.build()
			.get()
			.uri(uri)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(String.class);
	}

	private void publishProjectCreated(UUID eventId, UUID projectId, String first, String second) {
		String json = """
				{"projectId":"%s","code":"DC-%s","name":"Frankfurt DC exit","category":"DATA_CENTRE_MIGRATION",
				 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "manager":{"name":"Pat Manager","email":"pat@example.com"},
				 "budgetAmount":1250000,"currency":"EUR","createdAt":"2026-11-24T10:00:00Z",
				 "stakeholders":[
				   {"stakeholderId":"%s","name":"Ada","email":"%s","role":"ENGINEER"},
				   {"stakeholderId":"%s","name":"Grace","email":"%s","role":"STEERING_COMMITTEE"}]}
				"""
			.formatted(projectId, projectId.toString().substring(0, 8), UUID.randomUUID(), first, UUID.randomUUID(),
					second);
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
				"io.infrapm.project.ProjectCreated.v1", projectId.toString()), json);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> notifications(String recipient) {
		Map<String, Object> page = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, PORTFOLIO_MANAGER)
			.build()
			.get()
			.uri("/api/deliveries?recipient={r}", recipient)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		return (List<Map<String, Object>>) page.get("items");
	}

}
