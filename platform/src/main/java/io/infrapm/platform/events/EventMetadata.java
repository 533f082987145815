package io.infrapm.platform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents attributes of one event.
 *
 * @param id the event id, unique and stable across retries
 * @param source the producing service, e.g. {@code /infrapm/project-service}
 * @param type the logical, versioned type
 * @param time when the event occurred
 * @param subject the id of the aggregate the event is about
 * @param sequence the event's position in its subject's stream of events (CloudEvents'
 * {@code sequence} extension): 1 for the first, growing by one with each further event of
 * the same subject; 0 if the producer did not say
 */
public record EventMetadata(UUID id, String source, String type, Instant time, String subject, long sequence) {

	public EventMetadata {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(subject, "subject");
		if (sequence < 0) {
			throw new IllegalArgumentException("sequence must not be negative");
		}
	}

	/**
	 * The attributes of an event that carries no sequence.
	 * @param id the event id
	 * @param source the producing service
	 * @param type the logical, versioned type
	 * @param time when it occurred
	 * @param subject the aggregate id
	 */
	public EventMetadata(UUID id, String source, String type, Instant time, String subject) {
		this(id, source, type, time, subject, 0);
	}

	/**
	 * Whether the producer said where in its subject's stream this event stands.
	 * @return {@code true} if {@link #sequence()} is meaningful
	 */
	public boolean isSequenced() {
		return this.sequence > 0;
	}

}
