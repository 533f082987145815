package io.infrapm.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the mail server cannot be reached, notification-service retries with back-off,
 * then gives up, says so on {@code infrapm.notification.v1} and in its listing, and
 * counts both. The SMTP port points at a port nobody listens on; the service runs in its
 * own consumer group and database, so the other test suites' context does not interfere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infrapm.notification.dispatch.poll-interval=200ms",
				"infrapm.notification.dispatch.retry-backoff=200ms", "infrapm.notification.dispatch.max-attempts=2",
				"spring.cloud.stream.default.group=notification-retry-tests" })
class NotificationRetryTests {

	/** A portfolio manager, who sees every project. */
	private static final String PORTFOLIO_MANAGER = TestInfrastructure.get()
		.issuer()
		.bearer("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("notification-retry-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
		int closed = closedPort();
		registry.add("spring.mail.port", () -> closed);
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
	void givesUpAfterTheLastAttemptAndPublishesTheFailure() {
		UUID projectId = UUID.randomUUID();
		String recipient = "unreachable-" + projectId + "@example.com";
		String json = """
				{"projectId":"%s","code":"NET-%s","name":"Campus network refresh","category":"NETWORK_ROLLOUT",
				 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "budgetAmount":90000,"currency":"EUR","createdAt":"2026-11-24T10:00:00Z",
				 "stakeholders":[{"stakeholderId":"%s","name":"Ada","email":"%s","role":"ENGINEER"}]}
				"""
			.formatted(projectId, projectId.toString().substring(0, 8), UUID.randomUUID(), recipient);
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(UUID.randomUUID(),
				"io.infrapm.project.ProjectCreated.v1", projectId.toString()), json);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(notifications(recipient)).singleElement()
				.satisfies((notification) -> assertThat(notification).containsEntry("status", "FAILED")
					.containsEntry("attempts", 2)
					.containsEntry("sentAt", null)
					.extractingByKey("lastError")
					.isNotNull()));
		String id = (String) notifications(recipient).get(0).get("id");

		List<ConsumerRecord<String, byte[]>> failed = kafka.read(Topics.NOTIFICATION,
				(record) -> id.equals(KafkaTestClient.header(record, "ce_subject"))
						&& "io.infrapm.notification.NotificationFailed.v1"
							.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> !records.isEmpty(), Duration.ofSeconds(15));
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).key()).isEqualTo(projectId.toString());
		assertThat(KafkaTestClient.header(failed.get(0), "ce_sequence")).as("the notification's first event")
			.isEqualTo("0000000000000000001");
		assertThat(KafkaTestClient.value(failed.get(0))).contains("\"attempts\":2").contains("\"finalFailure\":true");
		assertThat(count("retrying")).isGreaterThanOrEqualTo(1);
		assertThat(count("failed")).isGreaterThanOrEqualTo(1);
	}

	private double count(String outcome) {
		return this.registry.counter("infrapm.notifications", "channel", "email", "outcome", outcome).count();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> notifications(String recipient) {
		Map<String, Object> page = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, PORTFOLIO_MANAGER)
			.build()
			.get()
			.uri("/api/deliveries?recipient={r}&channel=EMAIL", recipient)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		return (List<Map<String, Object>>) page.get("items");
	}

	/** A loopback port that was free a moment ago and that nobody listens on. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
