package io.infrapm.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What {@code ./infrapm redrive <dlq-topic>} does: sends the records waiting in a
 * dead-letter topic back to the topic they came from, once their cause is fixed, with
 * their key (so they land on their project's partition again), their value and their
 * CloudEvents headers, and without the headers that described the failure. The consumers
 * of the source topic deduplicate by event, so re-driving a record that had in fact been
 * applied, or re-driving twice, changes nothing.
 * <p>
 * Progress is kept as the committed offsets of the consumer group
 * {@value #GROUP}{@code .<dlq-topic>}: a record is committed only after the broker has
 * acknowledged its copy on the source topic, so a re-drive that stops half-way resumes
 * where it stopped, and a second run re-drives only what arrived since.
 */
final class DeadLetterRedrive {

	static final String GROUP = "infrapm-redrive";

	/** The header the dead-lettering consumer records the source topic in. */
	static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	private static final Duration POLL = Duration.ofMillis(500);

	private final String bootstrapServers;

	DeadLetterRedrive(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Re-drives every record of a dead-letter topic not re-driven before.
	 * @param deadLetterTopic e.g. {@code infrapm.project.v1.budget-service.dlq}
	 * @param idle how long without a new record ends the run
	 * @return how many records were sent back, per source topic
	 * @throws IllegalArgumentException if the topic does not exist or is not a
	 * dead-letter topic
	 */
	Map<String, Integer> redrive(String deadLetterTopic, Duration idle) {
		if (!deadLetterTopic.endsWith(".dlq")) {
			throw new IllegalArgumentException("'" + deadLetterTopic
					+ "' is not a dead-letter topic (<topic>.<consumer-group>.dlq, see ./infrapm events)");
		}
		Map<String, Integer> sent = new java.util.TreeMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(deadLetterTopic));
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
			List<PartitionInfo> partitions = consumer.listTopics(Duration.ofSeconds(10)).get(deadLetterTopic);
			if (partitions == null) {
				throw new IllegalArgumentException("there is no topic '" + deadLetterTopic + "'");
			}
			consumer.subscribe(List.of(deadLetterTopic));
			long lastRecord = System.nanoTime();
			while (System.nanoTime() - lastRecord < idle.toNanos()) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
				if (records.isEmpty()) {
					continue;
				}
				lastRecord = System.nanoTime();
				List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
				for (ConsumerRecord<byte[], byte[]> record : records) {
					String source = sourceOf(record, deadLetterTopic);
					acknowledgements.add(producer.send(copy(record, source)));
					sent.merge(source, 1, Integer::sum);
				}
				for (Future<RecordMetadata> acknowledgement : acknowledgements) {
					await(acknowledgement);
				}
				consumer.commitSync(next(records));
			}
		}
		return sent;
	}

	private static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> record, String source) {
		ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(source, null, record.key(), record.value());
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-")) {
				copy.headers().add(header);
			}
		}
		return copy;
	}

	/**
	 * The source topic: as the dead-lettering consumer recorded it, or else the
	 * dead-letter topic's name without {@code .<consumer-group>.dlq}.
	 */
	static String sourceOf(ConsumerRecord<?, ?> record, String deadLetterTopic) {
		Header original = record.headers().lastHeader(ORIGINAL_TOPIC);
		if (original != null && original.value() != null && original.value().length > 0) {
			return new String(original.value(), StandardCharsets.UTF_8);
		}
		String withoutSuffix = deadLetterTopic.substring(0, deadLetterTopic.length() - ".dlq".length());
		int group = withoutSuffix.lastIndexOf('.');
		if (group <= 0) {
			throw new IllegalArgumentException("cannot tell the source topic of " + deadLetterTopic);
		}
		return withoutSuffix.substring(0, group);
	}

	private static Map<TopicPartition, OffsetAndMetadata> next(ConsumerRecords<byte[], byte[]> records) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
		for (TopicPartition partition : records.partitions()) {
			List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
			offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
		}
		return offsets;
	}

	private static void await(Future<RecordMetadata> acknowledgement) {
		try {
			acknowledgement.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("the broker did not take a re-driven record: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the broker did not acknowledge a re-driven record within 30 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while re-driving", ex);
		}
	}

	private Properties consumerProperties(String deadLetterTopic) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP + "." + deadLetterTopic);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return properties;
	}

	private Properties producerProperties() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return properties;
	}

}
