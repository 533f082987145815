package io.infrapm.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.platform.events.CloudEventHeaders;
import io.infrapm.platform.events.EventMetadata;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The Kafka record an outbox entry becomes: a CloudEvent in binary mode, keyed by
 * project.
 */
class StreamBridgeEventPublisherTests {

	private final StreamBridge bridge = mock(StreamBridge.class);

	private final StreamBridgeEventPublisher publisher = new StreamBridgeEventPublisher(() -> this.bridge,
			"events-out-0", "/infrapm/project-service");

	private final OutboxEntry entry = new OutboxEntry(UUID.fromString("3f6c1c1e-6a55-4f5e-9d0e-2b1f2f7d9a01"),
			"io.infrapm.project.MilestoneMissed.v1", "6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31", "milestone-9",
			Instant.parse("2025-03-14T09:26:53.589Z"), "{\"milestone\":\"cut-over\"}");

	@Test
	void sendsTheEventAsABinaryCloudEventKeyedByProject() {
		given(this.bridge.send(eq("events-out-0"), any())).willReturn(true);

		this.publisher.publish(this.entry);

		Message<?> message = sent();
		assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8))
			.isEqualTo("{\"milestone\":\"cut-over\"}");
		assertThat(CloudEventHeaders.read(message.getHeaders())).isEqualTo(new EventMetadata(this.entry.eventId(),
				"/infrapm/project-service", "io.infrapm.project.MilestoneMissed.v1", this.entry.time(), "milestone-9"));
		assertThat(message.getHeaders().get("ce_specversion")).isInstanceOf(byte[].class);
		assertThat(text(message, "content-type")).isEqualTo("application/json");
		assertThat(text(message, KafkaHeaders.KEY)).isEqualTo("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");
	}

	@Test
	void keepsTheEventIdOnEveryRetry() {
		given(this.bridge.send(eq("events-out-0"), any())).willReturn(true);

		this.publisher.publish(this.entry);
		this.publisher.publish(this.entry);

		ArgumentCaptor<Object> messages = ArgumentCaptor.forClass(Object.class);
		verify(this.bridge, org.mockito.Mockito.times(2)).send(eq("events-out-0"), messages.capture());
		assertThat(messages.getAllValues()).extracting((message) -> text((Message<?>) message, "ce_id"))
			.containsOnly("3f6c1c1e-6a55-4f5e-9d0e-2b1f2f7d9a01");
	}

	@Test
	void failsWhenTheBindingDoesNotAcceptTheEventSoTheRelayKeepsIt() {
		given(this.bridge.send(eq("events-out-0"), any())).willReturn(false);

		assertThatIllegalStateException().isThrownBy(() -> this.publisher.publish(this.entry))
			.withMessageContaining("events-out-0")
			.withMessageContaining("3f6c1c1e-6a55-4f5e-9d0e-2b1f2f7d9a01");
	}

	private Message<?> sent() {
		ArgumentCaptor<Object> message = ArgumentCaptor.forClass(Object.class);
		verify(this.bridge).send(eq("events-out-0"), message.capture());
		return (Message<?>) message.getValue();
	}

	private static String text(Message<?> message, String header) {
		return CloudEventHeaders.text(message.getHeaders().get(header));
	}

}
