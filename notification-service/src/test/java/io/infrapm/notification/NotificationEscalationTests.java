package io.infrapm.notification;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * The escalation ladder with a clock the test moves: an unacknowledged critical alert
 * climbs from the project manager to the sponsor after 4 h and to the steering committee
 * after 8 h more, with one {@code EscalationRaised} and one mail per step; an
 * acknowledgement stops it, once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "infrapm.notification.dispatch.poll-interval=300ms",
				"infrapm.notification.escalation.sweep-interval=200ms",
				"spring.cloud.stream.default.group=notification-escalation-tests" })
class NotificationEscalationTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static final String PORTFOLIO = issuer.token("portia@example.com", "PORTFOLIO_MANAGER");

	private static KafkaTestClient kafka;

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("notification-escalation-tests")
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
	void climbsFromTheManagerToTheSponsorToTheSteeringCommitteeOnceEachUntilAcknowledged() {
		Team team = project();
		outage(team);
		await().atMost(Duration.ofSeconds(20)).until(() -> mails(team.manager(), "Unplanned outage").size() == 1);
		Map<String, Object> alert = onlyAlert(team);
		assertThat(alert).containsEntry("level", "PROJECT_MANAGER").containsEntry("status", "OPEN");
		assertThat(mails(team.steering(), "Unplanned")).isEmpty();

		this.clock.advance(Duration.ofHours(4).plusMinutes(1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> mails(team.sponsor(), "Escalated to the sponsor").size() == 1);
		assertThat(mails(team.sponsor(), "Escalated to the sponsor").get(0).subject())
			.isEqualTo("[" + team.code() + "] CRITICAL: Escalated to the sponsor: Unplanned outage of Email");
		await().atMost(Duration.ofSeconds(10)).until(() -> onlyAlert(team).get("level").equals("SPONSOR"));
		assertThat(mails(team.steering(), "Escalated")).isEmpty();

		this.clock.advance(Duration.ofHours(8).plusMinutes(1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> mails(team.steering(), "Escalated to the steering committee").size() == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> onlyAlert(team).get("level").equals("STEERING_COMMITTEE"));
		assertThat(onlyAlert(team)).containsEntry("nextEscalationAt", null);

		// At the top it climbs no more, however long nobody acts, and no step was taken
		// twice.
		this.clock.advance(Duration.ofDays(2));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> mails(team.sponsor(), "Escalated").size() == 1
					&& mails(team.steering(), "Escalated").size() == 1);
		List<ConsumerRecord<String, byte[]>> steps = events(team, "io.infrapm.notification.EscalationRaised.v1");
		assertThat(steps).hasSize(2).allSatisfy((record) -> assertCloudEvent(record, (String) alert.get("id")));
		assertThat(steps).extracting(KafkaTestClient::value)
			.anySatisfy((json) -> assertThat(json).contains("\"previousLevel\":\"PROJECT_MANAGER\"")
				.contains("\"level\":\"SPONSOR\"")
				.contains(team.sponsor()))
			.anySatisfy((json) -> assertThat(json).contains("\"level\":\"STEERING_COMMITTEE\"")
				.contains(team.steering())
				.contains("\"causeEventType\":\"io.infrapm.project.OutageRecorded.v1\""));
	}

	@Test
	void stopsOnTheFirstAcknowledgementBySomeoneToldAndRefusesOthers() {
		Team team = project();
		outage(team);
		await().atMost(Duration.ofSeconds(20)).until(() -> mails(team.manager(), "Unplanned outage").size() == 1);
		String managers = feedIds(team.manager()).get(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> !feedIds(team.engineer()).isEmpty());
		String engineers = feedIds(team.engineer()).get(0);

		assertThat(acknowledge(managers, team.engineer()).statusCode()).as("another person's").isEqualTo(404);
		HttpResponse<String> info = acknowledge(engineers, team.engineer());
		assertThat(info.statusCode()).as("the engineer's INFO needs none").isEqualTo(409);
		assertThat(info.body()).contains("notificationId");

		HttpResponse<String> acknowledged = acknowledge(managers, team.manager());
		assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(acknowledged.body(), "$.status")).isEqualTo("ACKNOWLEDGED");
		assertThat(JsonPath.<String>read(acknowledged.body(), "$.acknowledgedBy.email")).isEqualTo(team.manager());
		String at = JsonPath.read(acknowledged.body(), "$.acknowledgedAt");
		HttpResponse<String> again = acknowledge(managers, team.manager());
		assertThat(JsonPath.<String>read(again.body(), "$.acknowledgedAt")).isEqualTo(at);

		this.clock.advance(Duration.ofHours(13));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> mails(team.sponsor(), "Escalated").isEmpty());
		assertThat(onlyAlert(team)).containsEntry("status", "ACKNOWLEDGED").containsEntry("level", "PROJECT_MANAGER");
		assertThat(events(team, "io.infrapm.notification.NotificationAcknowledged.v1")).singleElement()
			.satisfies((record) -> assertCloudEvent(record, JsonPath.read(acknowledged.body(), "$.id")));
		assertThat(events(team, "io.infrapm.notification.EscalationRaised.v1")).isEmpty();
	}

	private Team project() {
		UUID projectId = UUID.randomUUID();
		String tag = projectId.toString().substring(0, 8);
		Team team = new Team(projectId, "ES-" + tag.toUpperCase(), "pat." + tag + "@example.com",
				"spo." + tag + "@example.com", "sc." + tag + "@example.com", "eng." + tag + "@example.com");
		String json = """
				{"projectId":"%s","code":"%s","name":"Core network","category":"NETWORK_ROLLOUT",
				 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "manager":{"name":"Pat","email":"%s"},"sponsor":{"name":"Sol","email":"%s"},
				 "budgetAmount":400000,"currency":"EUR","createdAt":"2026-11-24T10:00:00Z",
				 "stakeholders":[
				   {"stakeholderId":"%s","name":"Sam","email":"%s","role":"STEERING_COMMITTEE"},
				   {"stakeholderId":"%s","name":"Eng","email":"%s","role":"ENGINEER"}]}
				"""
			.formatted(projectId, team.code(), team.manager(), team.sponsor(), UUID.randomUUID(), team.steering(),
					UUID.randomUUID(), team.engineer());
		kafka.publish(Topics.PROJECT, projectId.toString(), KafkaTestClient.cloudEventHeaders(UUID.randomUUID(),
				"io.infrapm.project.ProjectCreated.v1", projectId.toString()), json);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http().get("/api/projects/" + projectId + "/alerts", PORTFOLIO).statusCode() == 200
					&& !mails(team.engineer(), "You were added").isEmpty());
		return team;
	}

	private UUID outage(Team team) {
		UUID outageId = UUID.randomUUID();
		String json = """
				{"projectId":"%s","outageId":"%s","service":"Email","planned":false,"impact":"FULL",
				 "start":"2026-11-02T10:00:00Z","revision":1,"recordedAt":"2026-11-02T10:05:00Z",
				 "actor":{"subject":"ops","email":"ops@example.com","name":"Ops"}}
				""".formatted(team.projectId(), outageId);
		kafka.publish(Topics.PROJECT, team.projectId().toString(), KafkaTestClient.cloudEventHeaders(UUID.randomUUID(),
				"io.infrapm.project.OutageRecorded.v1", team.projectId().toString()), json);
		return outageId;
	}

	private Map<String, Object> onlyAlert(Team team) {
		HttpResponse<String> page = http().get("/api/projects/" + team.projectId() + "/alerts",
				issuer.token(team.engineer()));
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		List<Map<String, Object>> items = JsonPath.read(page.body(), "$.items");
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private List<String> feedIds(String recipient) {
		return JsonPath.read(http().get("/api/notifications", issuer.token(recipient)).body(),
				"$.items[?(@.subject =~ /.*Unplanned outage.*/)].id");
	}

	private HttpResponse<String> acknowledge(String notificationId, String who) {
		return http().send("POST", "/api/notifications/" + notificationId + "/acknowledgement", null,
				issuer.token(who));
	}

	/** The CloudEvents headers of a notification-service event about an alert. */
	private static void assertCloudEvent(ConsumerRecord<String, byte[]> record, String alertId) {
		assertThat(KafkaTestClient.header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/infrapm/notification-service");
		assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(alertId);
		assertThat(KafkaTestClient.header(record, "ce_id")).isNotBlank();
		assertThat(KafkaTestClient.header(record, "ce_time")).isNotBlank();
		assertThat(KafkaTestClient.header(record, "ce_sequence")).isNotBlank();
		assertThat(KafkaTestClient.header(record, "content-type")).startsWith("application/json");
	}

	private List<ConsumerRecord<String, byte[]>> events(Team team, String type) {
		return kafka.read(Topics.NOTIFICATION,
				(record) -> team.projectId().toString().equals(record.key())
						&& type.equals(KafkaTestClient.header(record, "ce_type")),
				(records) -> false, Duration.ofSeconds(3));
	}

	private static List<ReceivedMail> mails(String to, String subjectPart) {
		return TestInfrastructure.get()
			.mailbox()
			.messagesTo(to)
			.stream()
			.filter((mail) -> mail.subject().contains(subjectPart))
			.toList();
	}

	private TestHttp http() {
		return new TestHttp("http://localhost:" + this.port);
	}

	private record Team(UUID projectId, String code, String manager, String sponsor, String steering, String engineer) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

}
