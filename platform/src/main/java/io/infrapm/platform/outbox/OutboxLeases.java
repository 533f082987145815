package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.bulk.BulkWriteError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * <p>
 * The relay claims the backlogs of a whole batch of documents at once: one document per
 * backlog still, so that a claim never keeps another instance off documents it did not
 * get, but taken, renewed and released with one write each for the batch, under one
 * token.
 */
class OutboxLeases {

	static final String COLLECTION = "outbox_leases";

	private static final Logger log = LoggerFactory.getLogger(OutboxLeases.class);

	private static final String TOKEN = "token";

	private static final String UNTIL = "until";

	/** MongoDB's error code for a duplicate key. */
	private static final int DUPLICATE_KEY = 11000;

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
		return claimAll(collection, List.of(id));
	}

	/**
	 * Takes the leases of several documents' backlogs that are free or expired, in one
	 * write, under one token.
	 * @param collection the documents' collection
	 * @param ids the documents
	 * @return the lease on those of them this instance now holds, if any
	 */
	Optional<Lease> claimAll(String collection, List<?> ids) {
		if (ids.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		String token = UUID.randomUUID().toString();
		Update take = new Update().set("owner", this.owner).set(TOKEN, token).set(UNTIL, now.plus(this.duration));
		BulkOperations claims = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
		for (Object id : ids) {
			// An upsert on a held lease tries to insert the same _id and fails: that is
			// the "no".
			claims.upsert(Query.query(Criteria.where("_id").is(key(collection, id)).and(UNTIL).lt(now)), take);
		}
		Set<Integer> refused = new HashSet<>();
		try {
			claims.execute();
		}
		catch (BulkOperationException ex) {
			for (BulkWriteError error : ex.getErrors()) {
				if (error.getCode() != DUPLICATE_KEY) {
					throw ex;
				}
				refused.add(error.getIndex());
			}
		}
		catch (DuplicateKeyException ex) {
			if (ids.size() != 1) {
				throw ex;
			}
			refused.add(0);
		}
		List<Object> claimed = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			if (!refused.contains(i)) {
				claimed.add(ids.get(i));
			}
		}
		if (claimed.isEmpty()) {
			return Optional.empty();
		}
		Lease lease = new Lease(claimed.stream().map((id) -> key(collection, id)).toList(), claimed, token);
		this.held.add(lease);
		return Optional.of(lease);
	}

	/**
	 * The documents whose leases no instance holds now, without claiming them: for the
	 * relay of what this instance has just written, which a sweep rarely competes for.
	 * One read, no write.
	 * @param collection the documents' collection
	 * @param ids the documents
	 * @return an unclaimed lease on the free ones, if any (nothing to renew or release)
	 */
	Optional<Lease> unheld(String collection, List<?> ids) {
		List<String> keys = ids.stream().map((id) -> key(collection, id)).toList();
		Query held = Query.query(Criteria.where("_id").in(keys).and(UNTIL).gt(this.clock.instant()));
		held.fields().include("_id");
		Set<Object> taken = new HashSet<>();
		this.mongo.find(held, org.bson.Document.class, COLLECTION).forEach((lease) -> taken.add(lease.get("_id")));
		List<String> freeKeys = new ArrayList<>();
		List<Object> free = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			if (!taken.contains(keys.get(i))) {
				freeKeys.add(keys.get(i));
				free.add(ids.get(i));
			}
		}
		return free.isEmpty() ? Optional.empty() : Optional.of(new Lease(freeKeys, free, null));
	}

	/**
	 * Whether the lease is still this claim's: not lost to a failed renewal, not expired,
	 * not taken over.
	 */
	boolean holds(Lease lease) {
		return !lease.isLost()
				&& this.mongo.count(mine(lease).addCriteria(Criteria.where(UNTIL).gt(this.clock.instant())),
						COLLECTION) == lease.keys().size();
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
				if (this.mongo.updateMulti(mine(lease), new Update().set(UNTIL, now.plus(this.duration)), COLLECTION)
					.getMatchedCount() < lease.keys().size()) {
					lease.lose();
					this.held.remove(lease);
					log.warn("Lost the outbox lease on {}; another instance has taken it over", lease.keys());
				}
			}
			catch (RuntimeException ex) {
				// The store is away: the lease may expire; the holder checks before
				// pulling.
				log.debug("Could not renew the outbox lease on {}", lease.keys(), ex);
			}
		}
	}

	void release(Lease lease) {
		if (lease.token() == null) {
			// Never claimed.
			return;
		}
		this.held.remove(lease);
		this.mongo.remove(mine(lease), COLLECTION);
	}

	/** This claim's lease documents: the keys, under this claim's token. */
	private static Query mine(Lease lease) {
		return Query.query(Criteria.where("_id").in(lease.keys()).and(TOKEN).is(lease.token()));
	}

	Duration duration() {
		return this.duration;
	}

	private static String key(String collection, Object id) {
		return collection + "/" + id;
	}

	/**
	 * One claim of one or more documents' backlogs.
	 */
	static final class Lease {

		private final List<String> keys;

		private final List<Object> ids;

		private final String token;

		private volatile boolean lost;

		Lease(List<String> keys, List<Object> ids, String token) {
			this.keys = List.copyOf(keys);
			this.ids = List.copyOf(ids);
			this.token = token;
		}

		List<String> keys() {
			return this.keys;
		}

		/**
		 * The documents whose backlogs this claim holds, in the order they were asked
		 * for.
		 */
		List<Object> ids() {
			return this.ids;
		}

		/**
		 * The claim's token, or {@code null} for documents found free but not claimed.
		 */
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
