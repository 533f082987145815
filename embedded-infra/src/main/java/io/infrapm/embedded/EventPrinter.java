package io.infrapm.embedded;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What {@code ./infrapm events} prints: the records of InfraPM's topics from the
 * beginning, each with its key, its CloudEvents headers and its JSON value, read by a
 * plain Kafka consumer without a group, so it never moves any service's offsets.
 */
final class EventPrinter {

	private static final Duration POLL = Duration.ofMillis(200);

	private final String bootstrapServers;

	private final PrintStream out;

	EventPrinter(String bootstrapServers, PrintStream out) {
		this.bootstrapServers = bootstrapServers;
		this.out = out;
	}

	/**
	 * Print the records of the given topics (all {@code infrapm.*} topics, dead-letter
	 * topics included, if none is given) until none arrived for {@code idle}, or until
	 * {@code stop} says so when following.
	 * @param topics the topics, or an empty list for all of InfraPM's
	 * @param idle how long without a record ends the listing; {@code null} to follow
	 * @param stop asked between polls whether to stop
	 * @return how many records were printed
	 * @throws IllegalArgumentException if a named topic does not exist
	 */
	int print(List<String> topics, Duration idle, BooleanSupplier stop) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties())) {
			List<TopicPartition> partitions = partitions(consumer, topics);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			int printed = 0;
			long lastRecord = System.nanoTime();
			while (!stop.getAsBoolean()) {
				ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
				for (ConsumerRecord<String, byte[]> record : records) {
					print(record);
					printed++;
				}
				if (!records.isEmpty()) {
					lastRecord = System.nanoTime();
				}
				else if (idle != null && System.nanoTime() - lastRecord > idle.toNanos()) {
					break;
				}
			}
			return printed;
		}
	}

	private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, List<String> topics) {
		var existing = consumer.listTopics(Duration.ofSeconds(10));
		List<String> chosen = topics.isEmpty()
				? existing.keySet().stream().filter((topic) -> topic.startsWith("infrapm.")).sorted().toList() : topics;
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : chosen) {
			List<PartitionInfo> infos = existing.get(topic);
			if (infos == null) {
				throw new IllegalArgumentException("there is no topic '" + topic + "' (yet); InfraPM's topics are "
						+ existing.keySet().stream().filter((name) -> name.startsWith("infrapm.")).sorted().toList());
			}
			infos.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		return partitions;
	}

	private void print(ConsumerRecord<String, byte[]> record) {
		this.out.println(record.topic() + "/" + record.partition() + "@" + record.offset() + "  key=" + record.key()
				+ "  " + Instant.ofEpochMilli(record.timestamp()));
		for (Header header : record.headers()) {
			String value = (header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
			this.out.println("  " + header.key() + ": " + value);
		}
		this.out
			.println("  " + ((record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "(none)"));
		this.out.println();
	}

	private Properties properties() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "infrapm-events");
		return properties;
	}

}
