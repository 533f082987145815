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
 */
public record EventMetadata(UUID id, String source, String type, Instant time, String subject) {

	public EventMetadata {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(subject, "subject");
	}

}
