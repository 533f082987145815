package io.infrapm.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on one topic, read once from its beginning and then only onwards: a suite
 * that counts a dozen kinds of events reads each record once, not once per kind. Without
 * a consumer group, so it never takes partitions from the services under test.
 */
final class TopicRecords implements AutoCloseable {

	private final String topic;

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

	private List<TopicPartition> partitions = List.of();

	TopicRecords(String bootstrapServers, String topic) {
		this.topic = topic;
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "fault-suite-reader-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumer = new KafkaConsumer<>(properties);
	}

	/**
	 * Reads on to the end the topic has now.
	 * @param timeout the longest time to read
	 * @return every record read so far, in offset order per partition
	 * @throws IllegalStateException if that end was not reached in time
	 */
	List<ConsumerRecord<String, byte[]>> refresh(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		if (this.partitions.isEmpty()) {
			List<PartitionInfo> infos = this.consumer.partitionsFor(this.topic, timeout);
			if (infos == null || infos.isEmpty()) {
				return List.copyOf(this.records);
			}
			this.partitions = infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
			this.consumer.assign(this.partitions);
			this.consumer.seekToBeginning(this.partitions);
		}
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.partitions, timeout);
		while (this.partitions.stream()
			.anyMatch((partition) -> this.consumer.position(partition) < ends.get(partition))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Could not read " + this.topic + " to its end within " + timeout);
			}
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
		}
		return List.copyOf(this.records);
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(5));
	}

}
