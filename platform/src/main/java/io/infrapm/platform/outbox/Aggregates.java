package io.infrapm.platform.outbox;

import java.util.Objects;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Writes aggregates the one way DESIGN.md §3 allows: a new aggregate is inserted whole; a
 * changed one gets a single targeted update of the fields it changed plus its new events,
 * guarded by the version it was loaded with. Then the relay is asked to publish at once
 * rather than at the next sweep.
 * <p>
 * An aggregate whose right to write rests on more than its version (a notification is
 * written only by the sender still holding its claim) adds that to the guard with
 * {@link #update(AggregateRoot, Criteria)}; the write stays one targeted update.
 */
public class Aggregates {

	private final MongoOperations mongo;

	private final OutboxRelay relay;

	/**
	 * Writes aggregates through a template; services get one from the auto-configuration,
	 * tests that wire their components by hand make their own.
	 * @param mongo the template
	 * @param relay the relay to wake after a write with new events, or {@code null} to
	 * leave them for the sweep
	 */
	public Aggregates(MongoOperations mongo, OutboxRelay relay) {
		this.mongo = mongo;
		this.relay = relay;
	}

	/**
	 * Inserts a new aggregate with the events it registered.
	 * @param <T> the aggregate type
	 * @param aggregate the aggregate
	 * @return the aggregate, now at version 0
	 * @throws org.springframework.dao.DuplicateKeyException if a unique key is taken
	 */
	public <T extends AggregateRoot> T insert(T aggregate) {
		T inserted = this.mongo.insert(aggregate);
		inserted.inserted();
		// The relay's trigger reacts to the insert's AfterSaveEvent by itself.
		return inserted;
	}

	/**
	 * Writes what changed in a loaded aggregate.
	 * @param <T> the aggregate type
	 * @param aggregate the aggregate, changed through its own methods
	 * @return the aggregate at its new version (unchanged if nothing changed)
	 * @throws OptimisticLockingFailureException if the document changed since it was
	 * loaded
	 */
	public <T extends AggregateRoot> T update(T aggregate) {
		return write(aggregate, null);
	}

	/**
	 * Writes what changed in a loaded aggregate, only while its document still matches
	 * the guard as well as the version it was loaded with: for a right to write that the
	 * version alone does not express, such as a claim that another instance may take
	 * over. Nothing is written, and the guard is not checked, if nothing changed.
	 * @param <T> the aggregate type
	 * @param aggregate the aggregate, changed through its own methods
	 * @param guard what the document must match besides its id and version
	 * @return the aggregate at its new version (unchanged if nothing changed)
	 * @throws OptimisticLockingFailureException if the document changed since it was
	 * loaded or no longer matches the guard
	 */
	public <T extends AggregateRoot> T update(T aggregate, Criteria guard) {
		return write(aggregate, Objects.requireNonNull(guard, "guard"));
	}

	private <T extends AggregateRoot> T write(T aggregate, Criteria guard) {
		if (!aggregate.hasChanges()) {
			return aggregate;
		}
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(aggregate.getClass());
		Object id = entity.getIdentifierAccessor(aggregate).getRequiredIdentifier();
		Criteria current = Criteria.where("_id")
			.is(id)
			.and(AggregateRoot.VERSION_FIELD)
			.is(aggregate.persistedVersion());
		// $and rather than merging keys, so that a guard may name any field, even one the
		// version guard already does, without replacing it.
		Query query = Query.query((guard != null) ? new Criteria().andOperator(current, guard) : current);
		boolean publishes = !aggregate.registeredEvents().isEmpty();
		if (this.mongo.updateFirst(query, aggregate.pendingUpdate(), aggregate.getClass()).getModifiedCount() == 0) {
			throw new OptimisticLockingFailureException(
					entity.getCollection() + " " + id + " was changed since version " + aggregate.version()
							+ ((guard != null) ? " or no longer matches " + guard.getCriteriaObject() : ""));
		}
		aggregate.written();
		if (publishes && this.relay != null) {
			this.relay.publishSoon(entity.getCollection(), id);
		}
		return aggregate;
	}

}
