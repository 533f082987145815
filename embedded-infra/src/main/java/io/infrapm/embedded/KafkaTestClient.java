package io.infrapm.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka client for tests, playing "another system" on the other side of a topic:
 * it publishes records with explicit headers and reads topics from the beginning, without
 * Spring and without a consumer group (so it never steals partitions from the code under
 * test).
 * <p>
 * Values are handled as UTF-8 text on the way in and as raw bytes on the way out, so a
 * test sees exactly what went over the wire.
 */
public final class KafkaTestClient implements AutoCloseable {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private final String bootstrapServers;

	private KafkaProducer<String, byte[]> producer;

	/**
	 * Create a client; connections are opened on first use.
	 * @param bootstrapServers the broker address, e.g. {@code 127.0.0.1:9092}
	 */
	public KafkaTestClient(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * The headers of a CloudEvent in Kafka binary mode, as InfraPM services write them,
	 * with {@code ce_source=/infrapm/tests} and {@code ce_time} set to now.
	 * @param eventId the event id ({@code ce_id})
	 * @param type the versioned event type ({@code ce_type}), e.g.
	 * {@code io.infrapm.project.ProjectCreated.v1}
	 * @param subject the aggregate id ({@code ce_subject})
	 * @return a new, mutable, ordered map, so a test can change or remove a header to
	 * build a bad event
	 */
	public static Map<String, String> cloudEventHeaders(UUID eventId, String type, String subject) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("ce_specversion", "1.0");
		headers.put("ce_id", eventId.toString());
		headers.put("ce_source", "/infrapm/tests");
		headers.put("ce_type", type);
		headers.put("ce_time", Instant.now().toString());
		headers.put("ce_subject", subject);
		headers.put("content-type", "application/json");
		return headers;
	}

	/**
	 * The last value of a header as UTF-8 text.
	 * @param record the record
	 * @param name the header name
	 * @return the value, or {@code null} if the record has no such header
	 */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * The value of a record as UTF-8 text.
	 * @param record the record
	 * @return the value, or {@code null} for a tombstone
	 */
	public static String value(ConsumerRecord<?, byte[]> record) {
		return (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * Publish one record and wait until the broker has acknowledged it on all replicas.
	 * @param topic the topic
	 * @param key the record key (InfraPM uses the project id)
	 * @param headers the headers, written as UTF-8
	 * @param value the value, written as UTF-8
	 */
	public void publish(String topic, String key, Map<String, String> headers, String value) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
				(value != null) ? value.getBytes(StandardCharsets.UTF_8) : null);
		headers.forEach((name, headerValue) -> record.headers()
			.add(name, (headerValue != null) ? headerValue.getBytes(StandardCharsets.UTF_8) : null));
		try {
			producer().send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing to " + topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not publish to " + topic + " at " + this.bootstrapServers, ex);
		}
	}

	/**
	 * Read a topic from its beginning and collect the records that match {@code filter},
	 * until {@code until} holds for what has been collected or {@code timeout} has
	 * passed, whichever comes first.
	 * <p>
	 * To assert that something was <em>not</em> published, use an {@code until} that
	 * never holds (e.g. {@code records -> records.size() > expected}) and check the
	 * result after the timeout. A topic that does not exist yet is waited for (and not
	 * created) within the same timeout.
	 * @param topic the topic
	 * @param filter which records to collect
	 * @param until when to stop early, given the records collected so far
	 * @param timeout the longest time to read
	 * @return the matching records in the order they were read (per partition in offset
	 * order)
	 */
	public List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
			Predicate<List<ConsumerRecord<String, byte[]>>> until, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
			List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
			if (partitions.isEmpty()) {
				return matched;
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (!until.test(List.copyOf(matched))) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				Duration poll = Duration.ofNanos(Math.min(remaining, POLL_INTERVAL.toNanos()));
				for (ConsumerRecord<String, byte[]> record : consumer.poll(poll)) {
					if (filter.test(record)) {
						matched.add(record);
					}
				}
			}
		}
		return matched;
	}

	/**
	 * Read a topic from its beginning to the end it had when reading started, and collect
	 * the records that match {@code filter}: everything published before the call,
	 * without waiting out a timeout to be sure. A topic that does not exist yet is waited
	 * for (and not created) within the timeout.
	 * @param topic the topic
	 * @param filter which records to collect
	 * @param timeout the longest time to read
	 * @return the matching records (per partition in offset order)
	 * @throws IllegalStateException if the end was not reached within the timeout
	 */
	public List<ConsumerRecord<String, byte[]>> readToEnd(String topic,
			Predicate<ConsumerRecord<String, byte[]>> filter, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
			List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
			if (partitions.isEmpty()) {
				return matched;
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new IllegalStateException("Could not read " + topic + " to its end within " + timeout);
				}
				Duration poll = Duration.ofNanos(Math.min(remaining, POLL_INTERVAL.toNanos()));
				for (ConsumerRecord<String, byte[]> record : consumer.poll(poll)) {
					if (filter.test(record)) {
						matched.add(record);
					}
				}
			}
		}
		return matched;
	}

	private static List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> consumer, String topic,
			long deadline) {
		while (true) {
			long remaining = deadline - System.nanoTime();
			Duration wait = Duration.ofNanos(Math.max(remaining, Duration.ofMillis(1).toNanos()));
			List<PartitionInfo> infos;
			try {
				infos = consumer.partitionsFor(topic, wait);
			}
			catch (org.apache.kafka.common.errors.TimeoutException ex) {
				infos = List.of();
			}
			if (infos != null && !infos.isEmpty()) {
				return infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
			}
			if (deadline - System.nanoTime() <= 0) {
				return List.of();
			}
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return List.of();
			}
		}
	}

	private synchronized KafkaProducer<String, byte[]> producer() {
		if (this.producer == null) {
			Properties properties = new Properties();
			properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
			properties.put(ProducerConfig.ACKS_CONFIG, "all");
			properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
			properties.put(ProducerConfig.CLIENT_ID_CONFIG, "infrapm-test-client");
			properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
			properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
			this.producer = new KafkaProducer<>(properties);
		}
		return this.producer;
	}

	private Properties consumerProperties() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "infrapm-test-reader-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// Reading must not create the topic: a test that asserts "nothing was
		// dead-lettered" would otherwise create the dead-letter topic itself.
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return properties;
	}

	/**
	 * Close the producer, if one was opened.
	 */
	@Override
	public synchronized void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

}
