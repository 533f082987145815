package io.infrapm.platform.outbox;

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
 */
public class Aggregates {

	private final MongoOperations mongo;

	private final OutboxRelay relay;

	Aggregates(MongoOperations mongo, OutboxRelay relay) {
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
		if (!aggregate.hasChanges()) {
			return aggregate;
		}
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(aggregate.getClass());
		Object id = entity.getIdentifierAccessor(aggregate).getRequiredIdentifier();
		Query current = Query
			.query(Criteria.where("_id").is(id).and(AggregateRoot.VERSION_FIELD).is(aggregate.persistedVersion()));
		boolean publishes = !aggregate.registeredEvents().isEmpty();
		if (this.mongo.updateFirst(current, aggregate.pendingUpdate(), aggregate.getClass()).getModifiedCount() == 0) {
			throw new OptimisticLockingFailureException(
					entity.getCollection() + " " + id + " was changed since version " + aggregate.version());
		}
		aggregate.written();
		if (publishes && this.relay != null) {
			this.relay.publishSoon(entity.getCollection(), id);
		}
		return aggregate;
	}

}
