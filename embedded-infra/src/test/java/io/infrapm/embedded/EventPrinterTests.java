package io.infrapm.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code ./infrapm events} shows each record with its key, its CloudEvents headers and
 * its value, and says which topics exist when asked for one that does not.
 */
class EventPrinterTests {

	private final String kafka = TestInfrastructure.get().kafkaBootstrapServers();

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

	@Test
	void printsEveryRecordOfATopicWithItsHeadersAndValue() {
		String topic = "infrapm.printer." + UUID.randomUUID();
		String first = publish(topic, "{\"n\":1}");
		String second = publish(topic, "{\"n\":2}");

		int count = new EventPrinter(this.kafka, this.out).print(List.of(topic), Duration.ofMillis(500), () -> false);

		assertThat(count).isEqualTo(2);
		assertThat(text()).contains("key=" + first, "key=" + second)
			.contains("  ce_type: io.infrapm.tests.Printed.v1")
			.contains("  ce_specversion: 1.0")
			.contains("  {\"n\":1}", "  {\"n\":2}");
	}

	@Test
	void namesTheExistingTopicsWhenAskedForAnUnknownOne() {
		String known = "infrapm.printer." + UUID.randomUUID();
		publish(known, "{}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventPrinter(this.kafka, this.out).print(List.of("infrapm.nothing.v9"),
					Duration.ofMillis(200), () -> false))
			.withMessageContaining("infrapm.nothing.v9")
			.withMessageContaining(known);
	}

	@Test
	void isALauncherCommandThatTakesTheBrokerAndTopics() {
		String topic = "infrapm.printer." + UUID.randomUUID();
		String key = publish(topic, "{\"via\":\"launcher\"}");
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		PlatformLauncher launcher = new PlatformLauncher(this.out,
				new PrintStream(errors, true, StandardCharsets.UTF_8), Map.of(), Path.of(""), false);

		assertThat(launcher.run("events", topic, "--kafka", this.kafka)).isEqualTo(PlatformLauncher.OK);
		assertThat(text()).contains("key=" + key).contains("{\"via\":\"launcher\"}");
		assertThat(errors.toString(StandardCharsets.UTF_8)).contains("1 event(s)");
		assertThat(launcher.run("events", "--tail")).isEqualTo(PlatformLauncher.USAGE);
	}

	private String publish(String topic, String json) {
		String key = UUID.randomUUID().toString();
		try (KafkaTestClient client = new KafkaTestClient(this.kafka)) {
			client.publish(topic, key,
					KafkaTestClient.cloudEventHeaders(UUID.randomUUID(), "io.infrapm.tests.Printed.v1", key), json);
		}
		return key;
	}

	private String text() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

}
