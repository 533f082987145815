package io.infrapm.platform.events;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer settings every event the platform writes relies on, the outbox relay's
 * events and the consumers' dead letters alike: {@code acks=all}, idempotence, at most
 * five requests in flight (the most with which the idempotent producer keeps a
 * partition's order across retries), and keys and values as the bytes the envelope
 * already holds.
 */
public final class DurableProducers {

	private DurableProducers() {
	}

	/**
	 * Boot's {@code spring.kafka.*} producer settings (servers, security, client id) with
	 * what durability needs set on top.
	 * @param base the producer properties from configuration
	 * @return a new, mutable map
	 */
	public static Map<String, Object> properties(Map<String, Object> base) {
		Map<String, Object> producer = new HashMap<>(base);
		producer.put(ProducerConfig.ACKS_CONFIG, "all");
		producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return producer;
	}

}
