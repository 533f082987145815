package io.infrapm.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw Kafka round trips on the platform's broker: a record produced with the settings the
 * platform's own producers use ({@code acks=all}, idempotence, at most five requests in
 * flight), consumed by a plain consumer polling in a thread of its own; one round trip is
 * the time from {@code send} to the consumer holding the record. An optional action runs
 * in the consumer thread for each record before the round trip counts as done (a store
 * write, for the floor of a whole hop).
 */
final class KafkaRoundTrips implements AutoCloseable {

	static final String TOPIC = "infrapm-bench.floor";

	private static final int PARTITIONS = 6;

	/** About the size of one of the platform's event records. */
	private static final int VALUE_BYTES = 1024;

	private final KafkaProducer<byte[], byte[]> producer;

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final Map<Long, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final Thread poller;

	private volatile boolean running = true;

	private volatile LongConsumer onReceive = (id) -> {
	};

	KafkaRoundTrips(String bootstrapServers) throws ExecutionException, InterruptedException {
		createTopic(bootstrapServers);
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5, ProducerConfig.LINGER_MS_CONFIG, 0,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class));
		List<TopicPartition> partitions = this.consumer.partitionsFor(TOPIC)
			.stream()
			.map((info) -> new TopicPartition(TOPIC, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		// Resolve the positions now, so that the first records sent are not skipped.
		partitions.forEach(this.consumer::position);
		this.poller = new Thread(this::poll, "bench-floor-consumer");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	private static void createTopic(String bootstrapServers) throws ExecutionException, InterruptedException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	/**
	 * Sets what the consumer thread does with each record before its round trip ends.
	 * @param action receives the record's number
	 */
	void onReceive(LongConsumer action) {
		this.onReceive = action;
	}

	/**
	 * One round trip.
	 * @return its duration in microseconds
	 * @throws Exception if the record was not sent or not received within 30 s
	 */
	long roundTrip() throws Exception {
		long id = this.ids.incrementAndGet();
		CompletableFuture<Void> received = new CompletableFuture<>();
		this.pending.put(id, received);
		byte[] value = new byte[VALUE_BYTES];
		ByteBuffer.wrap(value).putLong(id);
		byte[] key = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
		long started = System.nanoTime();
		this.producer.send(new ProducerRecord<>(TOPIC, key, value), (metadata, failure) -> {
			if (failure != null) {
				received.completeExceptionally(failure);
			}
		});
		try {
			received.get(30, TimeUnit.SECONDS);
		}
		finally {
			this.pending.remove(id);
		}
		return (System.nanoTime() - started) / 1000;
	}

	private void poll() {
		while (this.running) {
			try {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					long id = ByteBuffer.wrap(record.value()).getLong();
					CompletableFuture<Void> received = this.pending.get(id);
					if (received != null) {
						try {
							this.onReceive.accept(id);
							received.complete(null);
						}
						catch (RuntimeException ex) {
							received.completeExceptionally(ex);
						}
					}
				}
			}
			catch (org.apache.kafka.common.errors.WakeupException ex) {
				return;
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.poller.join(5000);
		this.consumer.close();
		this.producer.close(Duration.ofSeconds(5));
	}

}
