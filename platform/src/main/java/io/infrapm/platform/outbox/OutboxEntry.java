package io.infrapm.platform.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.EventCatalog;
import io.infrapm.platform.events.EventJson;

/**
 * One event waiting in an aggregate's {@code outbox} array to be published. It is written
 * in the same atomic document write as the state change that caused it, so the change and
 * the event are either both stored or neither is.
 *
 * @param eventId the event id, which becomes {@code ce_id} and stays the same on every
 * retry so that consumers can deduplicate
 * @param type the logical, versioned event type ({@code ce_type})
 * @param key the Kafka key, the project id, which keeps a project's events in order
 * @param subject the id of the aggregate ({@code ce_subject})
 * @param time when the event occurred ({@code ce_time}), to the millisecond as MongoDB
 * stores it
 * @param payload the event data as JSON
 * @param sequence the event's position in its aggregate's stream ({@code ce_sequence}),
 * from 1; 0 for entries recorded before aggregates numbered their events
 */
public record OutboxEntry(UUID eventId, String type, String key, String subject, Instant time, String payload,
		long sequence) {

	/**
	 * An entry without a sequence number.
	 * @param eventId the event id
	 * @param type the logical, versioned event type
	 * @param key the Kafka key
	 * @param subject the aggregate id
	 * @param time when it occurred
	 * @param payload the event data as JSON
	 */
	public OutboxEntry(UUID eventId, String type, String key, String subject, Instant time, String payload) {
		this(eventId, type, key, subject, time, payload, 0);
	}

	public OutboxEntry {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(payload, "payload");
	}

	/**
	 * Wraps a contract record for the outbox with a fresh event id.
	 * @param event a record annotated with {@link io.infrapm.contracts.EventType}
	 * @param projectId the project the event belongs to (the Kafka key)
	 * @param subject the id of the aggregate
	 * @param time when it occurred
	 * @return the entry
	 */
	public static OutboxEntry of(Record event, UUID projectId, Object subject, Instant time) {
		return of(UUID.randomUUID(), event, projectId, subject, time);
	}

	/**
	 * Wraps a contract record for the outbox with an event id the caller chose: one
	 * derived from what caused the event, so that recording the same fact again can never
	 * publish it under a different id.
	 * @param eventId the event id ({@code ce_id})
	 * @param event a record annotated with {@link io.infrapm.contracts.EventType}
	 * @param projectId the project the event belongs to (the Kafka key)
	 * @param subject the id of the aggregate
	 * @param time when it occurred
	 * @return the entry, without a sequence number
	 */
	public static OutboxEntry of(UUID eventId, Record event, UUID projectId, Object subject, Instant time) {
		return of(eventId, event, projectId, subject, time, 0);
	}

	/**
	 * Wraps a contract record for the outbox with a given event id and sequence number.
	 * @param eventId the event id: derived from the cause when the event is caused by
	 * handling another one, so that applying that again yields the same id
	 * @param event a record annotated with {@link io.infrapm.contracts.EventType}
	 * @param projectId the project the event belongs to (the Kafka key)
	 * @param subject the id of the aggregate
	 * @param time when it occurred
	 * @param sequence the event's position in its aggregate's stream, or 0
	 * @return the entry
	 */
	public static OutboxEntry of(UUID eventId, Record event, UUID projectId, Object subject, Instant time,
			long sequence) {
		return new OutboxEntry(eventId, EventCatalog.typeOf(event.getClass()), projectId.toString(), subject.toString(),
				time.truncatedTo(ChronoUnit.MILLIS), EventJson.mapper().writeValueAsString(event), sequence);
	}

}
