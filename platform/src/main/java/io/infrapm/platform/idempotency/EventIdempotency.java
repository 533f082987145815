package io.infrapm.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.infrapm.platform.events.PoisonEventException;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.messaging.UnknownAggregateException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The shapes an idempotent effect of an incoming event may take (DESIGN.md §3), each a
 * single-document conditional write, so that the effect and the record that it happened
 * can never be separated by a crash, and none of them remembers a bounded window of event
 * ids, so that a replay from offset zero changes nothing however long the history:
 * <ul>
 * <li>{@link #insertOnce}: a new document whose id is derived from the event (or is a
 * natural key the event creates once); a second insert hits the unique {@code _id};</li>
 * <li>{@link #applyIfNewer}: a state transfer (the event carries the source aggregate's
 * current values and its revision), applied only if that revision is newer than the one
 * the document holds, so an old or repeated event never overwrites a newer state;</li>
 * <li>{@link #applyInOrder}: any effect, {@code $inc} included, applied only if the
 * event's sequence number in its subject's stream ({@code ce_sequence}) is past the last
 * one the document applied from that subject.</li>
 * </ul>
 * An update that finds no document to apply to is not a duplicate: the event is about
 * something this service does not know yet, and {@link UnknownAggregateException} keeps
 * it from being dropped.
 */
public final class EventIdempotency {

	/**
	 * Map of subject id to the sequence number of the last event from that subject
	 * applied to a document.
	 */
	public static final String APPLIED_SEQUENCES = "appliedSequences";

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
	 * Applies a state transfer if it is newer than what the document holds.
	 * @param mongo the template
	 * @param target the document's query (by id)
	 * @param revisionField the document's field holding the source revision it reflects
	 * @param revision the revision the event carries
	 * @param update the effect; setting the revision is added to it
	 * @param entity the document class
	 * @return {@link HandlingOutcome#APPLIED}, or {@link HandlingOutcome#DUPLICATE} if
	 * the document already reflects this revision or a later one
	 * @throws UnknownAggregateException if there is no such document
	 */
	public static HandlingOutcome applyIfNewer(MongoOperations mongo, Query target, String revisionField, long revision,
			Update update, Class<?> entity) {
		Query newer = Query.of(target)
			.addCriteria(new Criteria().orOperator(Criteria.where(revisionField).lt(revision),
					Criteria.where(revisionField).exists(false)));
		update.set(revisionField, revision);
		return outcome(mongo, target, newer, update, entity);
	}

	/**
	 * Applies an effect once and in order: only if the event's sequence number is past
	 * the last one applied to the document from the same subject.
	 * @param mongo the template
	 * @param target the document's query (by id)
	 * @param event the event, which must carry {@code ce_sequence}
	 * @param update the effect, any operators; recording the sequence is added to it
	 * @param entity the document class
	 * @return {@link HandlingOutcome#APPLIED}, or {@link HandlingOutcome#DUPLICATE} if
	 * this event or a later one of the same subject was applied before
	 * @throws PoisonEventException if the event carries no sequence number
	 * @throws UnknownAggregateException if there is no such document
	 */
	public static HandlingOutcome applyInOrder(MongoOperations mongo, Query target, IncomingEvent<?> event,
			Update update, Class<?> entity) {
		requireSequenced(event);
		return applyIfNewer(mongo, target, appliedSequenceField(event.metadata().subject()),
				event.metadata().sequence(), update, entity);
	}

	private static void requireSequenced(IncomingEvent<?> event) {
		if (!event.metadata().isSequenced()) {
			throw new PoisonEventException(event.metadata().type() + " " + event.id()
					+ " carries no ce_sequence, so it cannot be applied exactly once");
		}
	}

	private static HandlingOutcome outcome(MongoOperations mongo, Query target, Query guarded, Update update,
			Class<?> entity) {
		if (mongo.updateFirst(guarded, update, entity).getModifiedCount() > 0) {
			return HandlingOutcome.APPLIED;
		}
		if (!mongo.exists(target, entity)) {
			throw new UnknownAggregateException(
					"no " + mongo.getCollectionName(entity) + " document matches " + target.getQueryObject());
		}
		return HandlingOutcome.DUPLICATE;
	}

	/**
	 * The field recording the last applied sequence number of one subject.
	 * @param subject the subject id ({@code ce_subject})
	 * @return e.g. {@code appliedSequences.7c9e6679-...}
	 */
	static String appliedSequenceField(String subject) {
		return APPLIED_SEQUENCES + "." + appliedSequenceKey(subject);
	}

	/**
	 * The key under {@value #APPLIED_SEQUENCES} of one subject, for an aggregate that
	 * loads its map of applied sequences and records an event's in its own update.
	 * @param subject the subject id ({@code ce_subject})
	 * @return the key
	 */
	public static String appliedSequenceKey(String subject) {
		// A field name must not contain a dot or start with '$'; UUIDs never do, but a
		// foreign producer's subject might.
		return subject.replace('.', '_').replace('$', '_');
	}

	/**
	 * Whether an event comes after the last one of its subject that a document applied.
	 * @param applied the document's map of applied sequences, by
	 * {@link #appliedSequenceKey(String)}
	 * @param event the event, which must carry {@code ce_sequence}
	 * @return {@code true} if it was not applied, nor a later one of its subject
	 * @throws PoisonEventException if the event carries no sequence number
	 */
	public static boolean isNew(Map<String, Long> applied, IncomingEvent<?> event) {
		requireSequenced(event);
		Long last = applied.get(appliedSequenceKey(event.metadata().subject()));
		return last == null || last < event.metadata().sequence();
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
