package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Short, renewed leases on one document's backlog, so two instances of a service never
 * publish the same events at the same time. A lease is a document of its own
 * ({@code outbox_leases}), not a field of the aggregate, so that writing the aggregate
 * can never drop it. Each claim gets a token of its own: only that claim can renew or
 * release the lease, so a relay whose lease expired (a long pause, a lost connection) can
 * never release or extend the lease another instance has taken since. While a relay
 * works, its leases are renewed ({@link #renewHeld()}, every third of the lease), so a
 * send that takes long does not lose the lease; a crashed holder's lease simply expires.
 */
class OutboxLeases {

	static final String COLLECTION = "outbox_leases";

	private static final Logger log = LoggerFactory.getLogger(OutboxLeases.class);

	private static final String TOKEN = "token";

	private static final String UNTIL = "until";

	private final MongoOperations mongo;

	private final String owner;

	private final Duration duration;

	private final Clock clock;

	private final Set<Lease> held = ConcurrentHashMap.newKeySet();

	OutboxLeases(MongoOperations mongo, String owner, Duration duration, Clock clock) {
		this.mongo = mongo;
		this.owner = owner;
		this.duration = duration;
		this.clock = clock;
	}

	/**
	 * Takes the lease if it is free or expired.
	 * @return the lease, if this instance now holds it
	 */
	Optional<Lease> claim(String collection, Object id) {
		Instant now = this.clock.instant();
		String key = key(collection, id);
		Query unheld = Query.query(Criteria.where("_id").is(key).and(UNTIL).lt(now));
		Lease lease = new Lease(key, UUID.randomUUID().toString());
		Update take = new Update().set("owner", this.owner)
			.set(TOKEN, lease.token())
			.set(UNTIL, now.plus(this.duration));
		try {
			// An upsert on a held lease tries to insert the same _id and fails: that is
			// the "no".
			this.mongo.upsert(unheld, take, COLLECTION);
			this.held.add(lease);
			return Optional.of(lease);
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether the lease is still this claim's: not lost to a failed renewal, not expired,
	 * not taken over.
	 */
	boolean holds(Lease lease) {
		return !lease.isLost() && this.mongo.exists(Query.query(
				Criteria.where("_id").is(lease.key()).and(TOKEN).is(lease.token()).and(UNTIL).gt(this.clock.instant())),
				COLLECTION);
	}

	/**
	 * Extends every lease this instance holds. A lease that cannot be extended (it
	 * expired and was taken over) is marked lost, and its relay stops before the next
	 * send.
	 */
	void renewHeld() {
		for (Lease lease : this.held) {
			try {
				Instant now = this.clock.instant();
				Query mine = Query.query(Criteria.where("_id").is(lease.key()).and(TOKEN).is(lease.token()));
				if (this.mongo.updateFirst(mine, new Update().set(UNTIL, now.plus(this.duration)), COLLECTION)
					.getModifiedCount() == 0) {
					lease.lose();
					this.held.remove(lease);
					log.warn("Lost the outbox lease on {}; another instance has taken it over", lease.key());
				}
			}
			catch (RuntimeException ex) {
				// The store is away: the lease may expire; the holder checks before
				// pulling.
				log.debug("Could not renew the outbox lease on {}", lease.key(), ex);
			}
		}
	}

	void release(Lease lease) {
		this.held.remove(lease);
		this.mongo.remove(Query.query(Criteria.where("_id").is(lease.key()).and(TOKEN).is(lease.token())), COLLECTION);
	}

	Duration duration() {
		return this.duration;
	}

	private static String key(String collection, Object id) {
		return collection + "/" + id;
	}

	/**
	 * One claim of one backlog.
	 */
	static final class Lease {

		private final String key;

		private final String token;

		private volatile boolean lost;

		Lease(String key, String token) {
			this.key = key;
			this.token = token;
		}

		String key() {
			return this.key;
		}

		String token() {
			return this.token;
		}

		boolean isLost() {
			return this.lost;
		}

		void lose() {
			this.lost = true;
		}

	}

}
