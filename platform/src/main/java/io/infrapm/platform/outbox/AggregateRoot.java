package io.infrapm.platform.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The base of every aggregate document that publishes events, in the style of Spring
 * Data's {@code AbstractAggregateRoot}: the aggregate registers what happened through its
 * own intention-revealing methods ({@link #registerEvent}) and records the fields it
 * changed ({@link #changed}); {@link Aggregates} then writes exactly those fields and the
 * new events in one update guarded by the version. Nothing outside the aggregate can add
 * to its outbox, and no write ever replaces the whole document, so an entry the relay has
 * already published and pulled can never come back.
 * <p>
 * Every event gets the next number of the aggregate's own sequence ({@code ce_sequence}),
 * from 1, so that consumers can apply effects in order and exactly once without
 * remembering event ids.
 */
public abstract class AggregateRoot implements PublishesEvents {

	/** The document field holding the aggregate's version. */
	public static final String VERSION_FIELD = "version";

	/** The document field holding the sequence number of the last registered event. */
	public static final String SEQUENCE_FIELD = "eventSequence";

	@Version
	private Long version;

	private long eventSequence;

	private List<OutboxEntry> outbox = new ArrayList<>();

	// The relay's sweep finds backlogs, oldest first, through an index on this field.
	private Instant outboxSince;

	@Transient
	private final List<OutboxEntry> registered = new ArrayList<>();

	@Transient
	private Update changes = new Update();

	/**
	 * Registers an event with a fresh id.
	 * @param event the contract record
	 * @param projectId the project it belongs to (the Kafka key)
	 * @param subject the aggregate's id ({@code ce_subject})
	 * @param time when it happened
	 * @return the outbox entry
	 */
	protected final OutboxEntry registerEvent(Record event, UUID projectId, Object subject, Instant time) {
		return registerEvent(UUID.randomUUID(), event, projectId, subject, time);
	}

	/**
	 * Registers an event with a given id: one derived from the incoming event that caused
	 * it, so that applying that event again can only ever publish the same id.
	 * @param eventId the event id
	 * @param event the contract record
	 * @param projectId the project it belongs to (the Kafka key)
	 * @param subject the aggregate's id ({@code ce_subject})
	 * @param time when it happened
	 * @return the outbox entry
	 */
	protected final OutboxEntry registerEvent(UUID eventId, Record event, UUID projectId, Object subject,
			Instant time) {
		OutboxEntry entry = OutboxEntry.of(eventId, event, projectId, subject, time, this.eventSequence + 1);
		this.eventSequence++;
		this.outbox.add(entry);
		this.registered.add(entry);
		if (this.outboxSince == null || entry.time().isBefore(this.outboxSince)) {
			this.outboxSince = entry.time();
		}
		return entry;
	}

	/**
	 * Records that a field changed, so that the next write sets it.
	 * @param field the document field, as the aggregate names it
	 * @param value its new value
	 */
	protected final void changed(String field, Object value) {
		if (value == null) {
			this.changes.unset(field);
		}
		else {
			this.changes.set(field, value);
		}
	}

	/**
	 * The events waiting to be published, oldest first; read-only.
	 * @return the outbox
	 */
	@Override
	public final List<OutboxEntry> outbox() {
		return Collections.unmodifiableList(this.outbox);
	}

	/**
	 * The events registered since the aggregate was loaded or last written.
	 * @return the new events
	 */
	public final List<OutboxEntry> registeredEvents() {
		return List.copyOf(this.registered);
	}

	/**
	 * The version, which is the ETag; 0 for an aggregate never written.
	 * @return the version
	 */
	public final long version() {
		return (this.version != null) ? this.version : 0;
	}

	final boolean hasChanges() {
		return !this.registered.isEmpty() || !this.changes.getUpdateObject().isEmpty();
	}

	/**
	 * The targeted update that writes what changed since the aggregate was loaded: the
	 * changed fields, the new events appended to the outbox, the sequence and the
	 * version.
	 */
	final Update pendingUpdate() {
		Update update = Update.fromDocument(new org.bson.Document(this.changes.getUpdateObject()));
		if (!this.registered.isEmpty()) {
			update.push(OUTBOX_FIELD).each(this.registered.toArray());
			update.set(SEQUENCE_FIELD, this.eventSequence);
			// $min, not $set: the relay may have emptied the outbox (and removed the
			// field) since the aggregate was loaded, or left older events waiting.
			update.min(SINCE_FIELD,
					this.registered.stream().map(OutboxEntry::time).min(Instant::compareTo).orElseThrow());
		}
		return update.inc(VERSION_FIELD, 1);
	}

	final Long persistedVersion() {
		return this.version;
	}

	/** The write succeeded: the aggregate now matches its document. */
	final void written() {
		this.version = version() + 1;
		this.registered.clear();
		this.changes = new Update();
	}

	/** The aggregate was inserted as a whole: nothing is pending any more. */
	final void inserted() {
		this.registered.clear();
		this.changes = new Update();
	}

}
