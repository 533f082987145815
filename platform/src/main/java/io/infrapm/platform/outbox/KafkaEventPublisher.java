package io.infrapm.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.infrapm.platform.events.CloudEventHeaders;
import io.infrapm.platform.events.EventMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes outbox entries to the service's topic as CloudEvents in binary mode: the
 * {@code ce_*} attributes and {@code content-type} as headers, nothing else, the project
 * id as key and the JSON data as value. A backlog is sent without waiting for each
 * acknowledgement in turn; the producer is idempotent with {@code acks=all} and at most
 * five requests in flight, which keeps the records of one partition in order even when it
 * retries. The wait for the acknowledgements is bounded by the producer's delivery
 * timeout, which is kept below the relay's lease.
 */
class KafkaEventPublisher implements EventPublisher, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

	/** Beyond the delivery timeout, after which the producer fails a send by itself. */
	private static final Duration MARGIN = Duration.ofSeconds(2);

	private final ProducerFactory<byte[], byte[]> producers;

	private final KafkaTemplate<byte[], byte[]> template;

	private final String topic;

	private final String source;

	private final Duration acknowledgementTimeout;

	/**
	 * @param producers idempotent, {@code acks=all} producers of byte arrays
	 * @param topic the topic the events go to
	 * @param source this service's {@code ce_source}
	 * @param deliveryTimeout the producers' {@code delivery.timeout.ms}
	 */
	KafkaEventPublisher(ProducerFactory<byte[], byte[]> producers, String topic, String source,
			Duration deliveryTimeout) {
		this.producers = producers;
		this.template = new KafkaTemplate<>(producers);
		this.topic = topic;
		this.source = source;
		this.acknowledgementTimeout = deliveryTimeout.plus(MARGIN);
	}

	@Override
	public void publish(OutboxEntry entry) {
		if (publishAll(List.of(entry)) != 1) {
			throw new IllegalStateException(
					"Topic " + this.topic + " did not acknowledge event " + entry.eventId() + " in time");
		}
	}

	@Override
	public int publishAll(List<OutboxEntry> entries) {
		List<CompletableFuture<?>> sends = new ArrayList<>(entries.size());
		AtomicBoolean failed = new AtomicBoolean();
		for (OutboxEntry entry : entries) {
			if (failed.get()) {
				// Later sends would only have to be repeated after the failed one.
				break;
			}
			try {
				sends.add(this.template.send(record(entry)).whenComplete((result, ex) -> {
					if (ex != null) {
						failed.set(true);
					}
				}));
			}
			catch (RuntimeException ex) {
				// No metadata within max.block.ms, or the record could not be sent at
				// all.
				log.warn("Could not send event {} to {}", entry.eventId(), this.topic, ex);
				break;
			}
		}
		// Hand the records to the network now rather than after the producer's linger.ms
		// (5 ms by default since Kafka 4.0): everything this call sends goes out in one
		// request per partition leader, and the first acknowledgement comes without
		// waiting.
		// Bounded like the wait below: a record fails by itself after the delivery
		// timeout.
		if (!sends.isEmpty()) {
			this.template.flush();
		}
		long deadline = System.nanoTime() + this.acknowledgementTimeout.toNanos();
		int acknowledged = 0;
		for (CompletableFuture<?> send : sends) {
			try {
				send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged++;
			}
			catch (ExecutionException | TimeoutException ex) {
				log.warn("Event {} was not acknowledged by {} after {} of {}", entries.get(acknowledged).eventId(),
						this.topic, acknowledged, entries.size(), (ex.getCause() != null) ? ex.getCause() : ex);
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return acknowledged;
	}

	private ProducerRecord<byte[], byte[]> record(OutboxEntry entry) {
		EventMetadata metadata = new EventMetadata(entry.eventId(), this.source, entry.type(), entry.time(),
				entry.subject(), entry.sequence());
		RecordHeaders headers = new RecordHeaders();
		CloudEventHeaders.of(metadata).forEach((name, value) -> headers.add(name, (byte[]) value));
		return new ProducerRecord<>(this.topic, null, entry.key().getBytes(StandardCharsets.UTF_8),
				entry.payload().getBytes(StandardCharsets.UTF_8), headers);
	}

	@Override
	public void destroy() {
		this.producers.reset();
	}

}
