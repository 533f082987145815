package io.infrapm.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.infrapm.platform.events.CloudEventHeaders;
import io.infrapm.platform.events.EventMetadata;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes outbox entries through a Spring Cloud Stream output binding as CloudEvents in
 * binary mode. The binding is configured synchronous, with {@code acks=all} and an
 * idempotent producer, so a returning call means the event is stored by the broker.
 */
class StreamBridgeEventPublisher implements EventPublisher {

	private final Supplier<StreamBridge> bridge;

	private final String binding;

	private final String source;

	StreamBridgeEventPublisher(Supplier<StreamBridge> bridge, String binding, String source) {
		this.bridge = bridge;
		this.binding = binding;
		this.source = source;
	}

	@Override
	public void publish(OutboxEntry entry) {
		EventMetadata metadata = new EventMetadata(entry.eventId(), this.source, entry.type(), entry.time(),
				entry.subject(), entry.sequence());
		Message<byte[]> message = MessageBuilder.withPayload(entry.payload().getBytes(StandardCharsets.UTF_8))
			.copyHeaders(CloudEventHeaders.of(metadata))
			.setHeader(KafkaHeaders.KEY, entry.key().getBytes(StandardCharsets.UTF_8))
			.build();
		if (!this.bridge.get().send(this.binding, message)) {
			throw new IllegalStateException("Binding " + this.binding + " did not accept event " + entry.eventId());
		}
	}

}
