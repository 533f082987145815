package io.infrapm.platform.outbox;

import java.util.List;

/**
 * An aggregate document that carries its own outbox. The list is persisted as the
 * document's {@code outbox} array; adding to it and saving the aggregate is the one
 * atomic write that both changes state and records the events. The relay removes entries
 * once Kafka has acknowledged them.
 */
public interface PublishesEvents {

	/** The name of the array field in the document. */
	String OUTBOX_FIELD = "outbox";

	/**
	 * The pending events, in the order they occurred. Aggregates extending
	 * {@link AggregateRoot} hand out a read-only view.
	 * @return the outbox
	 */
	List<OutboxEntry> outbox();

}
