package io.infrapm.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A persistent {@link LocalKafka} keeps its port and its data across a restart, and says
 * plainly why it cannot start.
 */
class LocalKafkaTests {

	@TempDir
	Path dataDirectory;

	@Test
	void keepsRecordsAcrossARestartOnTheSameFixedPortAndFormatsOnlyOnce() throws IOException {
		int port = Ports.free();
		String topic = "infrapm.tests." + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		String clusterId;
		try (LocalKafka kafka = LocalKafka.persistent(this.dataDirectory, port);
				KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers())) {
			assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
			client.publish(topic, key, Map.of("ce_type", "io.infrapm.tests.Kept.v1"), "{\"kept\":true}");
			clusterId = clusterId();
		}
		assertThat(Ports.isFree(port)).as("port released on close").isTrue();

		try (LocalKafka kafka = LocalKafka.persistent(this.dataDirectory, port);
				KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers())) {
			List<ConsumerRecord<String, byte[]>> records = client.read(topic, (record) -> key.equals(record.key()),
					(read) -> !read.isEmpty(), Duration.ofSeconds(10));
			assertThat(records).singleElement().satisfies((record) -> {
				assertThat(KafkaTestClient.value(record)).isEqualTo("{\"kept\":true}");
				assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("io.infrapm.tests.Kept.v1");
			});
			assertThat(clusterId()).as("storage is not formatted again").isEqualTo(clusterId);
		}
	}

	@Test
	void reportsABusyPortAndLeavesItsStorageUsable() throws Exception {
		try (ServerSocket busy = new ServerSocket(0, 1, Ports.loopback())) {
			assertThatExceptionOfType(EmbeddedInfrastructureException.class)
				.isThrownBy(() -> LocalKafka.persistent(this.dataDirectory, busy.getLocalPort()))
				.withMessageStartingWith("Kafka could not start on 127.0.0.1:" + busy.getLocalPort())
				.withMessageEndingWith("Address already in use");
		}
		try (LocalKafka kafka = LocalKafka.persistent(this.dataDirectory, Ports.free())) {
			assertThat(kafka.startupTime()).isPositive();
		}
	}

	private String clusterId() throws IOException {
		Properties meta = new Properties();
		try (var reader = Files.newBufferedReader(this.dataDirectory.resolve("meta.properties"))) {
			meta.load(reader);
		}
		assertThat(meta.getProperty("cluster.id")).isNotBlank();
		return meta.getProperty("cluster.id");
	}

}
