package io.infrapm.embedded;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code ./infrapm redrive}: dead letters go back to their source topic with key, value
 * and CloudEvents headers, without the failure's headers, and each only once.
 */
class DeadLetterRedriveTests {

	private final String kafka = TestInfrastructure.get().kafkaBootstrapServers();

	private final KafkaTestClient client = new KafkaTestClient(this.kafka);

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void sendsDeadLettersBackToTheirSourceOnceWithoutTheFailureHeaders() {
		String source = "infrapm.redrive-" + UUID.randomUUID() + ".v1";
		String deadLetters = source + ".budget-service.dlq";
		UUID project = UUID.randomUUID();
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		this.client.publish(deadLetters, project.toString(), deadLetterHeaders(first, source), "{\"n\":1}");
		this.client.publish(deadLetters, project.toString(), deadLetterHeaders(second, source), "{\"n\":2}");

		Map<String, Integer> sent = new DeadLetterRedrive(this.kafka).redrive(deadLetters, Duration.ofSeconds(2));

		assertThat(sent).containsExactly(Map.entry(source, 2));
		List<ConsumerRecord<String, byte[]>> redriven = this.client.read(source, (record) -> true,
				(records) -> records.size() >= 2, Duration.ofSeconds(10));
		assertThat(redriven).extracting((record) -> KafkaTestClient.header(record, "ce_id"))
			.containsExactly(first.toString(), second.toString());
		assertThat(redriven).extracting(ConsumerRecord::key).containsOnly(project.toString());
		assertThat(KafkaTestClient.value(redriven.get(1))).isEqualTo("{\"n\":2}");
		assertThat(redriven.get(0).headers()).extracting(Header::key)
			.contains("ce_id", "ce_type", "ce_subject")
			.noneMatch((key) -> key.startsWith("kafka_dlt-"));

		assertThat(new DeadLetterRedrive(this.kafka).redrive(deadLetters, Duration.ofSeconds(2)))
			.as("a second run re-drives nothing already re-driven")
			.isEmpty();
	}

	@Test
	void tellsTheSourceFromTheTopicNameWhenTheHeaderIsMissing() {
		assertThat(DeadLetterRedrive.sourceOf(new ConsumerRecord<>("x", 0, 0, "k", "v"),
				"infrapm.project.v1.risk-service.dlq"))
			.isEqualTo("infrapm.project.v1");
	}

	@Test
	void refusesATopicThatIsNotADeadLetterTopic() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeadLetterRedrive(this.kafka).redrive("infrapm.project.v1", Duration.ofSeconds(1)))
			.withMessageContaining("not a dead-letter topic");
	}

	private static Map<String, String> deadLetterHeaders(UUID eventId, String source) {
		Map<String, String> headers = new LinkedHashMap<>(
				KafkaTestClient.cloudEventHeaders(eventId, "io.infrapm.project.ProjectCreated.v1", "p-1"));
		headers.put(DeadLetterRedrive.ORIGINAL_TOPIC, source);
		headers.put("kafka_dlt-exception-message", "the store refused it");
		return headers;
	}

}
