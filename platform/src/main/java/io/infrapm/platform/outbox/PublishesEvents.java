package io.infrapm.platform.outbox;

import java.util.List;

/**
 * An aggregate document that carries its own outbox. The list is persisted as the
 * document's {@code outbox} array; adding to it and saving the aggregate is the one
 * atomic write that both changes state and records the events. The relay removes entries
 * once Kafka has acknowledged them.
 * <p>
 * The document also carries {@value #SINCE_FIELD}: the time of its oldest pending event,
 * absent while the outbox is empty. The relay's sweep finds backlogs through an index on
 * it, oldest first. {@link AggregateRoot} maintains it (with {@code $min} when it appends
 * events) and the relay when it removes them; a document that appends to its outbox by
 * other means should do the same, or the relay fills it in itself on every sweep with an
 * unindexed query, which costs a collection scan.
 */
public interface PublishesEvents {

	/** The name of the array field in the document. */
	String OUTBOX_FIELD = "outbox";

	/** The name of the field holding the time of the oldest pending event. */
	String SINCE_FIELD = "outboxSince";

	/**
	 * The pending events, in the order they occurred. Aggregates extending
	 * {@link AggregateRoot} hand out a read-only view.
	 * @return the outbox
	 */
	List<OutboxEntry> outbox();

}
