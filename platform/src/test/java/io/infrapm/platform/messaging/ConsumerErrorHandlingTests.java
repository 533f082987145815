package io.infrapm.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.infrapm.contracts.Topics;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer error handling every service gets from the platform's defaults, on a real
 * binder and broker: a handler that fails for a while is retried with back-off on the
 * consumer thread and its effect applied once; one that keeps failing goes to
 * {@code <topic>.<group>.dlq} after the last attempt with its original headers and the
 * error, and the partition moves on.
 */
@SpringBootTest(classes = ConsumerErrorHandlingTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=error-handling-tests", "infrapm.outbox.enabled=false",
				"spring.cloud.function.definition=flakyEvents",
				"spring.cloud.stream.bindings.flakyEvents-in-0.destination=" + ConsumerErrorHandlingTests.TOPIC })
class ConsumerErrorHandlingTests {

	static final String TOPIC = "infrapm.error-handling-tests.v1";

	private static final String TYPE = "io.infrapm.project.ProjectCreated.v1";

	private static KafkaTestClient kafka;

	@Autowired
	private Attempts attempts;

	@Autowired
	private MeterRegistry registry;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("error-handling-tests")
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
	void retriesATransientFailureWithBackOffAndAppliesTheEventOnce() {
		double failedBefore = consumed("failed");
		UUID projectId = UUID.randomUUID();
		this.attempts.failFirst(projectId, 2);
		UUID eventId = publish(projectId);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.attempts.of(projectId).size() == 3);
		List<Long> at = this.attempts.of(projectId);
		assertThat(at.get(1) - at.get(0)).as("first back-off").isGreaterThanOrEqualTo(150);
		assertThat(at.get(2) - at.get(1)).as("second back-off, longer").isGreaterThanOrEqualTo(300);
		assertThat(this.attempts.applied()).containsOnlyOnce(projectId);
		assertThat(consumed("failed") - failedBefore).isEqualTo(2);
		assertThat(deadLetters(eventId, Duration.ofSeconds(2))).isEmpty();
	}

	@Test
	void sendsAnEventThatKeepsFailingToTheDeadLetterTopicAfterTheLastAttempt() {
		UUID stuck = UUID.randomUUID();
		this.attempts.failFirst(stuck, Integer.MAX_VALUE);
		UUID eventId = publish(stuck);
		UUID next = UUID.randomUUID();
		publish(next);

		List<ConsumerRecord<String, byte[]>> dead = deadLetters(eventId, Duration.ofSeconds(30));
		assertThat(dead).hasSize(1);
		assertThat(this.attempts.of(stuck)).as("max-attempts").hasSize(3);
		assertThat(dead.get(0).key()).isEqualTo(stuck.toString());
		assertThat(KafkaTestClient.header(dead.get(0), "ce_type")).isEqualTo(TYPE);
		assertThat(KafkaTestClient.header(dead.get(0), "ce_subject")).isEqualTo(stuck.toString());
		assertThat(KafkaTestClient.header(dead.get(0), "x-exception-message")).contains("switch is down");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.attempts.applied().contains(next));
	}

	private UUID publish(UUID projectId) {
		UUID eventId = UUID.randomUUID();
		String json = """
				{"projectId":"%s","code":"ERR-1","name":"Core switch replacement","category":"NETWORK_ROLLOUT",
				 "methodology":"WATERFALL","phase":"INITIATION","plannedStart":"2027-01-04",
				 "plannedFinish":"2027-03-31","budgetAmount":40000,"currency":"EUR","stakeholders":[],
				 "createdAt":"2026-11-24T10:00:00Z"}
				""".formatted(projectId);
		kafka.publish(TOPIC, projectId.toString(),
				KafkaTestClient.cloudEventHeaders(eventId, TYPE, projectId.toString()), json);
		return eventId;
	}

	private List<ConsumerRecord<String, byte[]>> deadLetters(UUID eventId, Duration wait) {
		return kafka.read(Topics.deadLetter(TOPIC, "error-handling-tests"),
				(record) -> eventId.toString().equals(KafkaTestClient.header(record, "ce_id")),
				(records) -> !records.isEmpty(), wait);
	}

	private double consumed(String outcome) {
		return this.registry.counter("infrapm.events.consumed", "type", TYPE, "outcome", outcome).count();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Attempts attempts() {
			return new Attempts();
		}

		@Bean
		Consumer<Message<byte[]>> flakyEvents(MeterRegistry registry, Attempts attempts) {
			return EventRouter.builder(registry).on(ProjectCreated.class, attempts::handle).build();
		}

	}

	/** A handler that fails the first n attempts for a project, then applies. */
	static final class Attempts {

		private final Map<UUID, Integer> failuresLeft = new ConcurrentHashMap<>();

		private final Map<UUID, List<Long>> attempts = new ConcurrentHashMap<>();

		private final List<UUID> applied = new CopyOnWriteArrayList<>();

		void failFirst(UUID projectId, int times) {
			this.failuresLeft.put(projectId, times);
		}

		HandlingOutcome handle(IncomingEvent<ProjectCreated> event) {
			UUID projectId = event.data().projectId();
			this.attempts.computeIfAbsent(projectId, (id) -> new CopyOnWriteArrayList<>())
				.add(System.nanoTime() / 1_000_000);
			int left = this.failuresLeft.getOrDefault(projectId, 0);
			if (left > 0) {
				this.failuresLeft.put(projectId, left - 1);
				throw new IllegalStateException("the core switch is down");
			}
			this.applied.add(projectId);
			return HandlingOutcome.APPLIED;
		}

		List<Long> of(UUID projectId) {
			return List.copyOf(this.attempts.getOrDefault(projectId, List.of()));
		}

		List<UUID> applied() {
			return List.copyOf(this.applied);
		}

	}

}
