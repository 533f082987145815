package io.infrapm.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.infrapm.platform.messaging.HandlingOutcome;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The two shapes an idempotent effect of an incoming event may take (DESIGN.md §3), each
 * a single-document conditional write keyed by the event id, so the effect and the record
 * that it happened can never be separated by a crash:
 * <ul>
 * <li>{@link #insertOnce}: a new document whose id is derived from the event id (or is a
 * natural key the event creates once); a second insert hits the unique {@code _id};</li>
 * <li>{@link #updateOnce}: an update guarded by "this event id is not yet in
 * {@value #APPLIED_EVENTS}" that adds the id in the same write.</li>
 * </ul>
 */
public final class EventIdempotency {

	/** Array of the ids of events already applied to a document. */
	public static final String APPLIED_EVENTS = "appliedEvents";

	/**
	 * How many applied event ids a document remembers. A redelivery comes within minutes
	 * of the original, and a replay from offset zero meets documents whose own history
	 * orders the events, so a bounded window suffices and documents do not grow forever.
	 */
	public static final int REMEMBERED_EVENTS = 1000;

	private EventIdempotency() {
	}

	/**
	 * Inserts a document that an event creates, once.
	 * @param mongo the template
	 * @param document the new document, with an id derived from the event
	 * @return {@link HandlingOutcome#APPLIED}, or {@link HandlingOutcome#DUPLICATE} if a
	 * document with that id exists
	 */
	public static HandlingOutcome insertOnce(MongoOperations mongo, Object document) {
		try {
			mongo.insert(document);
			return HandlingOutcome.APPLIED;
		}
		catch (DuplicateKeyException ex) {
			return HandlingOutcome.DUPLICATE;
		}
	}

	/**
	 * Applies an update to one document unless the event was applied to it before.
	 * @param mongo the template
	 * @param target the document's query (by id)
	 * @param update the effect; the event id is added to it
	 * @param eventId the event id
	 * @param entity the document class
	 * @return {@link HandlingOutcome#APPLIED}, or {@link HandlingOutcome#DUPLICATE} if
	 * the event had been applied or the document does not exist
	 */
	public static HandlingOutcome updateOnce(MongoOperations mongo, Query target, Update update, UUID eventId,
			Class<?> entity) {
		Query guarded = Query.of(target).addCriteria(Criteria.where(APPLIED_EVENTS).ne(eventId));
		update.push(APPLIED_EVENTS).slice(-REMEMBERED_EVENTS).each(eventId);
		long modified = mongo.updateFirst(guarded, update, entity).getModifiedCount();
		return (modified > 0) ? HandlingOutcome.APPLIED : HandlingOutcome.DUPLICATE;
	}

	/**
	 * A stable id for something one event creates, so that a redelivery derives the same
	 * id.
	 * @param eventId the event id
	 * @param discriminator what, of the things the event creates, this is (e.g. a
	 * recipient)
	 * @return a name-based UUID
	 */
	public static UUID derivedId(UUID eventId, String discriminator) {
		return UUID.nameUUIDFromBytes((eventId + "/" + discriminator).getBytes(StandardCharsets.UTF_8));
	}

}
