package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Short leases on one document's backlog, so two instances of a service never publish the
 * same events at the same time. A lease is a document of its own ({@code outbox_leases}),
 * not a field of the aggregate, so that saving the aggregate can never drop it. A crashed
 * holder's lease simply expires.
 */
class OutboxLeases {

	static final String COLLECTION = "outbox_leases";

	private final MongoOperations mongo;

	private final String owner;

	private final Duration duration;

	private final Clock clock;

	OutboxLeases(MongoOperations mongo, String owner, Duration duration, Clock clock) {
		this.mongo = mongo;
		this.owner = owner;
		this.duration = duration;
		this.clock = clock;
	}

	/**
	 * Takes the lease if it is free or expired.
	 * @return whether this instance now holds it
	 */
	boolean claim(String collection, Object id) {
		Instant now = this.clock.instant();
		Query unheld = Query.query(Criteria.where("_id").is(key(collection, id)).and("until").lt(now));
		Update take = new Update().set("owner", this.owner).set("until", now.plus(this.duration));
		try {
			// An upsert on a held lease tries to insert the same _id and fails: that is
			// the "no".
			this.mongo.upsert(unheld, take, COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	void release(String collection, Object id) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(key(collection, id)).and("owner").is(this.owner)),
				COLLECTION);
	}

	private static String key(String collection, Object id) {
		return collection + "/" + id;
	}

}
