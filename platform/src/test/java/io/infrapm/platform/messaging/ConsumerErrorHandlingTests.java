package io.infrapm.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.infrapm.contracts.Topics;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.platform.events.PoisonEventException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer error handling every service gets from the platform, on a real binder and
 * broker: a failure of the infrastructure is retried with capped back-off for as long as
 * it lasts, holding the partition in order, and dead-letters nothing; poison goes to
 * {@code <topic>.<group>.dlq} at once with its original headers and the error; any other
 * failure gets a bounded number of attempts; and the dead-letter topic exists, with as
 * many partitions as its source, before the first record is consumed.
 */
@SpringBootTest(classes = ConsumerErrorHandlingTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=error-handling-tests", "infrapm.outbox.enabled=false",
				"infrapm.messaging.max-back-off=1s", "infrapm.messaging.unexpected-failure-attempts=3",
				"spring.cloud.function.definition=flakyEvents;quietEvents",
				"spring.cloud.stream.bindings.flakyEvents-in-0.destination=" + ConsumerErrorHandlingTests.TOPIC,
				"spring.cloud.stream.bindings.quietEvents-in-0.destination=" + ConsumerErrorHandlingTests.QUIET_TOPIC })
class ConsumerErrorHandlingTests {

	static final String TOPIC = "infrapm.error-handling-tests.v1";

	/**
	 * Made by operations with 3 partitions before the service starts; nothing is ever
	 * sent to it.
	 */
	static final String QUIET_TOPIC = "infrapm.error-handling-quiet.v1";

	private static final String TYPE = "io.infrapm.project.ProjectCreated.v1";

	private static final String DEAD_LETTERS = Topics.deadLetter(TOPIC, "error-handling-tests");

	private static KafkaTestClient kafka;

	@Autowired
	private Attempts attempts;

	@Autowired
	private MeterRegistry registry;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers()))) {
			if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(QUIET_TOPIC)) {
				admin.createTopics(List.of(new NewTopic(QUIET_TOPIC, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
			}
		}
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
	void createsTheDeadLetterTopicWithAsManyPartitionsAsItsSourceBeforeConsuming() throws Exception {
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers()))) {
			Map<String, TopicDescription> topics = admin.describeTopics(List.of(TOPIC, DEAD_LETTERS))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			assertThat(topics.get(TOPIC).partitions()).hasSize(6);
			assertThat(topics.get(DEAD_LETTERS).partitions()).hasSize(6);
		}
	}

	@Test
	void provisionsTheDeadLetterTopicItselfAndLeavesTheSourcesPartitionsAsTheyAre() throws Exception {
		// Nothing was ever dead-lettered from this topic, and the broker would
		// auto-create
		// a missing topic with 6 partitions: 3 can only come from the service.
		String deadLetters = Topics.deadLetter(QUIET_TOPIC, "error-handling-tests");
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers()))) {
			Map<String, TopicDescription> topics = admin.describeTopics(List.of(QUIET_TOPIC, deadLetters))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			assertThat(topics.get(QUIET_TOPIC).partitions()).as("left as operations made it").hasSize(3);
			assertThat(topics.get(deadLetters).partitions()).hasSize(3);
		}
	}

	@Test
	void retriesWhileTheStoreIsAwayHoldingThePartitionAndDeadLettersNothing() {
		UUID projectId = UUID.randomUUID();
		this.attempts.failFor(projectId, Duration.ofSeconds(4),
				() -> new DataAccessResourceFailureException("the store is away"));
		UUID first = publish(projectId, projectId);
		UUID secondProject = UUID.randomUUID();
		// Same key, so same partition: it must wait for the first.
		UUID second = publish(projectId, secondProject);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.attempts.applied().contains(secondProject));
		List<Long> at = this.attempts.of(projectId);
		assertThat(at).as("more attempts than a bounded retry would make").hasSizeGreaterThan(5);
		assertThat(at.get(at.size() - 1) - at.get(0)).isGreaterThanOrEqualTo(4000);
		// Growing, then capped at max-back-off. Compared first to last: a rebalance early
		// in the run (the second binding joining the group) restarts the back-off once.
		List<Long> waits = new ArrayList<>();
		for (int i = 1; i < at.size(); i++) {
			waits.add(at.get(i) - at.get(i - 1));
		}
		assertThat(waits.get(waits.size() - 1)).as("back-off grows: %s", waits).isGreaterThan(waits.get(0));
		assertThat(waits).as("and stays capped near max-back-off")
			.allSatisfy((wait) -> assertThat(wait).isLessThan(2000));
		List<UUID> applied = this.attempts.applied();
		assertThat(applied).containsOnlyOnce(projectId, secondProject);
		assertThat(applied.indexOf(projectId)).as("partition order held").isLessThan(applied.indexOf(secondProject));
		assertThat(deadLetters(first, Duration.ofSeconds(2))).isEmpty();
		assertThat(deadLetters(second, Duration.ofMillis(200))).isEmpty();
	}

	@Test
	void sendsPoisonToTheDeadLetterTopicAtOnceWithItsHeadersAndMovesOn() {
		UUID poisoned = UUID.randomUUID();
		this.attempts.failFor(poisoned, Duration.ofDays(1), () -> new PoisonEventException("refused by a rule"));
		UUID eventId = publish(poisoned, poisoned);
		UUID next = UUID.randomUUID();
		publish(poisoned, next);

		List<ConsumerRecord<String, byte[]>> dead = deadLetters(eventId, Duration.ofSeconds(30));
		assertThat(dead).hasSize(1);
		assertThat(this.attempts.of(poisoned)).as("poison is not retried").hasSize(1);
		assertThat(dead.get(0).key()).isEqualTo(poisoned.toString());
		assertThat(KafkaTestClient.header(dead.get(0), "ce_type")).isEqualTo(TYPE);
		assertThat(KafkaTestClient.header(dead.get(0), "ce_subject")).isEqualTo(poisoned.toString());
		assertThat(KafkaTestClient.header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
			.contains("refused by a rule");
		assertThat(KafkaTestClient.header(dead.get(0), KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.attempts.applied().contains(next));
		assertThat(this.registry.counter("infrapm.events.dead.lettered", "type", TYPE, "topic", TOPIC).count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void deadLettersDataThatIsNotJsonWithoutRetrying() {
		UUID projectId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		kafka.publish(TOPIC, projectId.toString(),
				KafkaTestClient.cloudEventHeaders(eventId, TYPE, projectId.toString()), "{not json");

		assertThat(deadLetters(eventId, Duration.ofSeconds(30))).hasSize(1);
		assertThat(this.attempts.of(projectId)).isEmpty();
	}

	@Test
	void givesAnUnexpectedFailureABoundedNumberOfAttemptsThenDeadLettersIt() {
		UUID stuck = UUID.randomUUID();
		this.attempts.failFor(stuck, Duration.ofDays(1), () -> new IllegalStateException("the core switch is down"));
		UUID eventId = publish(stuck, stuck);

		List<ConsumerRecord<String, byte[]>> dead = deadLetters(eventId, Duration.ofSeconds(30));
		assertThat(dead).hasSize(1);
		assertThat(this.attempts.of(stuck)).as("unexpected-failure-attempts").hasSize(3);
		assertThat(KafkaTestClient.header(dead.get(0), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("switch is down");
	}

	@Test
	void countsTypesOutsideTheCatalogueUnderOneTag() {
		UUID projectId = UUID.randomUUID();
		kafka.publish(TOPIC, projectId.toString(), KafkaTestClient.cloudEventHeaders(UUID.randomUUID(),
				"io.example.Random" + UUID.randomUUID() + ".v1", projectId.toString()), "{}");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.registry.find("infrapm.events.consumed").tag("type", "other").counter() != null);
		assertThat(this.registry.find("infrapm.events.consumed").meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("type")).isIn(TYPE, "other"));
	}

	private UUID publish(UUID key, UUID projectId) {
		UUID eventId = UUID.randomUUID();
		String json = """
				{"projectId":"%s","code":"ERR-1","name":"Core switch replacement","category":"NETWORK_ROLLOUT",
				 "methodology":"WATERFALL","phase":"INITIATING","plannedStart":"2027-01-04",
				 "plannedFinish":"2027-03-31","budgetAmount":40000,"currency":"EUR","stakeholders":[],
				 "createdAt":"2026-11-24T10:00:00Z"}
				""".formatted(projectId);
		kafka.publish(TOPIC, key.toString(), KafkaTestClient.cloudEventHeaders(eventId, TYPE, projectId.toString()),
				json);
		return eventId;
	}

	private List<ConsumerRecord<String, byte[]>> deadLetters(UUID eventId, Duration wait) {
		return kafka.read(DEAD_LETTERS, (record) -> eventId.toString().equals(KafkaTestClient.header(record, "ce_id")),
				(records) -> !records.isEmpty(), wait);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Attempts attempts() {
			return new Attempts();
		}

		@Bean
		Consumer<Message<byte[]>> quietEvents() {
			return (message) -> {
			};
		}

		@Bean
		Consumer<Message<byte[]>> flakyEvents(MeterRegistry registry, Attempts attempts) {
			return EventRouter.builder(registry).on(ProjectCreated.class, attempts::handle).build();
		}

	}

	/**
	 * A handler that fails for a while after its first attempt for a project, then
	 * applies.
	 */
	static final class Attempts {

		private final Map<UUID, Failure> failures = new ConcurrentHashMap<>();

		private final Map<UUID, List<Long>> attempts = new ConcurrentHashMap<>();

		private final List<UUID> applied = new CopyOnWriteArrayList<>();

		void failFor(UUID projectId, Duration outage, Supplier<RuntimeException> failure) {
			this.failures.put(projectId, new Failure(outage, failure));
		}

		HandlingOutcome handle(IncomingEvent<ProjectCreated> event) {
			UUID projectId = event.data().projectId();
			List<Long> attempts = this.attempts.computeIfAbsent(projectId, (id) -> new CopyOnWriteArrayList<>());
			long now = System.nanoTime() / 1_000_000;
			attempts.add(now);
			Failure failure = this.failures.get(projectId);
			if (failure != null && now - attempts.get(0) < failure.outage().toMillis()) {
				throw failure.failure().get();
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

		private record Failure(Duration outage, Supplier<RuntimeException> failure) {
		}

	}

}
