package io.infrapm.platform.messaging;

import java.util.UUID;

import io.infrapm.platform.events.EventMetadata;

/**
 * An event received from another service, with its envelope.
 *
 * @param <T> the contract record
 * @param metadata the CloudEvents attributes; {@code metadata.id()} is the key of every
 * idempotent effect
 * @param key the Kafka key (the project id), or {@code null} if the record had none
 * @param data the event data
 */
public record IncomingEvent<T>(EventMetadata metadata, String key, T data) {

	/**
	 * The event id, shortcut for {@code metadata().id()}.
	 * @return the id
	 */
	public UUID id() {
		return this.metadata.id();
	}

}
