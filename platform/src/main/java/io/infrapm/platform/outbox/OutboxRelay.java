package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes the events waiting in aggregates' {@code outbox} arrays and removes them once
 * Kafka has acknowledged them. It runs right after a write ({@link #publishSoon}) and in
 * a periodic {@link #sweep} that picks up whatever a crash or a broker outage left
 * behind: per collection at most {@code batchSize} documents a round, oldest backlog
 * first, found through a sparse index on {@value PublishesEvents#SINCE_FIELD}, so that a
 * huge backlog neither makes one sweep run for minutes nor starves the other collections.
 * <p>
 * Each document's backlog is published under a lease, all of it sent before the first
 * acknowledgement is awaited ({@link EventPublisher#publishAll}), and then removed with
 * one write, by event id. If a send fails, only the events acknowledged before it are
 * removed; the failed one and everything after it stay, in order, for the next attempt.
 * An event may be published twice (after a crash between the acknowledgement and the
 * removal, or when it was sent after one that failed); consumers deduplicate by event id,
 * so that is safe, whereas losing one would not be.
 */
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final String ENTRY_ID = "eventId";

	static final String SINCE_INDEX = "outbox_since";

	private final MongoOperations mongo;

	private final EventPublisher publisher;

	private final OutboxLeases leases;

	private final List<OutboxCollection> collections;

	private final Set<String> prepared = ConcurrentHashMap.newKeySet();

	// Collections known to hold no backlog without the oldest-pending time, such as one
	// written before aggregates maintained it.
	private final Set<String> backfilled = ConcurrentHashMap.newKeySet();

	private final Executor executor;

	private final Clock clock;

	private final int batchSize;

	private final MeterRegistry registry;

	private final Counter failures;

	private final AtomicLong backlog = new AtomicLong();

	private final AtomicLong oldestAgeMillis = new AtomicLong();

	OutboxRelay(MongoOperations mongo, EventPublisher publisher, OutboxLeases leases,
			List<OutboxCollection> collections, Executor executor, Clock clock, int batchSize, MeterRegistry registry) {
		this.mongo = mongo;
		this.publisher = publisher;
		this.leases = leases;
		this.collections = List.copyOf(collections);
		this.executor = executor;
		this.clock = clock;
		this.batchSize = batchSize;
		this.registry = registry;
		this.failures = Counter.builder("infrapm.outbox.publish.failures")
			.description("Attempts to publish an outbox event that the broker did not acknowledge")
			.register(registry);
		Gauge.builder("infrapm.outbox.backlog", this.backlog, AtomicLong::get)
			.description("Events waiting in outboxes, as of the last sweep")
			.register(registry);
		Gauge.builder("infrapm.outbox.oldest.age", this.oldestAgeMillis, (age) -> age.get() / 1000.0)
			.baseUnit("seconds")
			.description("Age of the oldest event waiting in an outbox, as of the last sweep")
			.register(registry);
	}

	/**
	 * The collections whose documents carry an outbox.
	 * @return the collection names
	 */
	public List<String> collections() {
		return this.collections.stream().map(OutboxCollection::name).toList();
	}

	/**
	 * Creates the index the sweep needs on every outbox collection, if it is missing.
	 */
	void prepare() {
		for (OutboxCollection collection : this.collections) {
			prepare(collection.name());
		}
	}

	private void prepare(String collection) {
		if (this.prepared.contains(collection)) {
			return;
		}
		// Sparse, not partial: the embedded MongoDB-wire server of the tests and local
		// runs accepts it, and real MongoDB uses it for {$exists: true} and the sort.
		this.mongo.indexOps(collection)
			.createIndex(new Index().on(PublishesEvents.SINCE_FIELD, Sort.Direction.ASC).sparse().named(SINCE_INDEX));
		this.prepared.add(collection);
	}

	/**
	 * Publishes one document's backlog in the background, right after it was written. If
	 * the background queue is full the sweep will do it instead.
	 * @param collection the document's collection
	 * @param id the document's id
	 */
	public void publishSoon(String collection, Object id) {
		try {
			this.executor.execute(() -> relay(collection, id));
		}
		catch (RejectedExecutionException ex) {
			log.debug("Relay queue full; the sweep will publish {}/{}", collection, id);
		}
	}

	/**
	 * Publishes one document's backlog now, if no other instance holds its lease.
	 * @param collection the document's collection
	 * @param id the document's id
	 * @return how many events were published
	 */
	public int relay(String collection, Object id) {
		Optional<OutboxLeases.Lease> claimed = this.leases.claim(collection, id);
		if (claimed.isEmpty()) {
			return 0;
		}
		OutboxLeases.Lease lease = claimed.get();
		int published = 0;
		Round round;
		try {
			// Events appended while this relay held the lease were turned away by it
			// (their publishSoon found the lease taken): keep going until none is left.
			do {
				round = publishBacklog(collection, id, lease);
				published += round.published();
			}
			while (round.complete() && round.published() > 0 && hasBacklog(collection, id));
		}
		finally {
			this.leases.release(lease);
		}
		if (round.complete() && published > 0 && hasBacklog(collection, id)) {
			// One may have slipped in between the last look and the release.
			publishSoon(collection, id);
		}
		return published;
	}

	private boolean hasBacklog(String collection, Object id) {
		return this.mongo.exists(Query.query(Criteria.where("_id").is(id))
			.addCriteria(Criteria.where(PublishesEvents.OUTBOX_FIELD + ".0").exists(true)), collection);
	}

	private Round publishBacklog(String collection, Object id, OutboxLeases.Lease lease) {
		Query byId = Query.query(Criteria.where("_id").is(id));
		byId.fields().include(PublishesEvents.OUTBOX_FIELD).include(PublishesEvents.SINCE_FIELD);
		Document document = this.mongo.findOne(byId, Document.class, collection);
		if (document == null) {
			return new Round(0, true);
		}
		List<OutboxEntry> pending = entries(document);
		if (pending.isEmpty() && document.containsKey(PublishesEvents.SINCE_FIELD)) {
			// Left by a race with a backfill: the sweep would find the document again.
			this.mongo.updateFirst(unchanged(id, 0), new Update().unset(PublishesEvents.SINCE_FIELD), collection);
		}
		if (pending.isEmpty()) {
			return new Round(0, true);
		}
		if (lease.isLost()) {
			return new Round(0, false);
		}
		int acknowledged;
		try {
			acknowledged = Math.min(Math.max(this.publisher.publishAll(pending), 0), pending.size());
		}
		catch (RuntimeException ex) {
			log.warn("Publishing the outbox of {}/{} failed", collection, id, ex);
			acknowledged = 0;
		}
		boolean complete = acknowledged == pending.size();
		if (!complete) {
			this.failures.increment();
			log.warn("Publishing the outbox of {}/{} stopped after {} of {} events; will retry", collection, id,
					acknowledged, pending.size());
		}
		for (OutboxEntry entry : pending.subList(0, acknowledged)) {
			this.registry.counter("infrapm.events.published", "type", entry.type()).increment();
		}
		if (lease.isLost()) {
			// Another instance has the backlog now; it publishes it again (consumers
			// deduplicate by event id).
			return new Round(acknowledged, false);
		}
		if (acknowledged > 0) {
			remove(collection, id, pending, acknowledged);
		}
		return new Round(acknowledged, complete);
	}

	/**
	 * Removes the acknowledged head of a backlog in one write, by event id, not by
	 * position: entries appended meanwhile stay untouched. The oldest-pending time moves
	 * on to the first entry left, or goes when none is.
	 */
	private void remove(String collection, Object id, List<OutboxEntry> pending, int acknowledged) {
		List<Object> published = pending.subList(0, acknowledged).stream().<Object>map(OutboxEntry::eventId).toList();
		Update pull = new Update().pull(PublishesEvents.OUTBOX_FIELD,
				new Document(ENTRY_ID, new Document("$in", published)));
		if (acknowledged < pending.size()) {
			pull.set(PublishesEvents.SINCE_FIELD, Date.from(pending.get(acknowledged).time()));
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), pull, collection);
			return;
		}
		Update pullAll = Update.fromDocument(new Document(pull.getUpdateObject())).unset(PublishesEvents.SINCE_FIELD);
		if (this.mongo.updateFirst(unchanged(id, pending.size()), pullAll, collection).getMatchedCount() == 0) {
			// Something was appended since the backlog was read: it keeps the older
			// time, which only makes the sweep pick the document sooner; the next
			// round of this relay publishes it and clears the time.
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), pull, collection);
		}
	}

	/** The document, as long as its outbox holds no more than {@code size} entries. */
	private static Query unchanged(Object id, int size) {
		return Query.query(Criteria.where("_id").is(id))
			.addCriteria(Criteria.where(PublishesEvents.OUTBOX_FIELD + "." + size).exists(false));
	}

	/**
	 * One pass over a document's backlog: how many were published, and whether all were.
	 */
	private record Round(int published, boolean complete) {
	}

	/**
	 * Extends the leases this instance holds while it publishes, so that a slow send
	 * never lets a second instance start on the same backlog.
	 */
	void renewLeases() {
		this.leases.renewHeld();
	}

	/**
	 * How often {@link #renewLeases()} must run: a third of the lease.
	 * @return the interval
	 */
	Duration leaseRenewalInterval() {
		return this.leases.duration().dividedBy(3);
	}

	/**
	 * Publishes the oldest backlogs still waiting, at most a batch per collection, and
	 * refreshes the backlog gauges.
	 * @return how many events were published
	 */
	public int sweep() {
		int published = 0;
		for (OutboxCollection collection : this.collections) {
			prepare(collection.name());
			if (!collection.maintainsSince() || !this.backfilled.contains(collection.name())) {
				if (backfillSince(collection.name()) == 0 && collection.maintainsSince()) {
					this.backfilled.add(collection.name());
				}
			}
			Query oldestFirst = Query.query(Criteria.where(PublishesEvents.SINCE_FIELD).exists(true))
				.with(Sort.by(Sort.Direction.ASC, PublishesEvents.SINCE_FIELD))
				.limit(this.batchSize);
			oldestFirst.fields().include("_id");
			for (Document document : this.mongo.find(oldestFirst, Document.class, collection.name())) {
				published += relay(collection.name(), document.get("_id"));
			}
		}
		long waiting = 0;
		Instant oldest = null;
		for (OutboxCollection collection : this.collections) {
			Document left = backlogOf(collection);
			if (left != null) {
				waiting += ((Number) left.get("events")).longValue();
				Instant since = left.getDate("oldest").toInstant();
				oldest = (oldest == null || since.isBefore(oldest)) ? since : oldest;
			}
		}
		this.backlog.set(waiting);
		this.oldestAgeMillis
			.set((oldest != null) ? Math.max(0, Duration.between(oldest, this.clock.instant()).toMillis()) : 0);
		return published;
	}

	/**
	 * Sets the oldest-pending time on documents whose writer does not maintain it, a
	 * batch a round. Finding them takes a collection scan; for aggregates that extend
	 * {@link AggregateRoot} it runs only until it finds none (documents written before
	 * they maintained the time).
	 * @return how many documents were found without it
	 */
	private int backfillSince(String collection) {
		Query unmarked = Query.query(Criteria.where(PublishesEvents.OUTBOX_FIELD + ".0").exists(true))
			.addCriteria(Criteria.where(PublishesEvents.SINCE_FIELD).exists(false))
			.limit(this.batchSize);
		unmarked.fields().include(PublishesEvents.OUTBOX_FIELD);
		List<Document> found = this.mongo.find(unmarked, Document.class, collection);
		for (Document document : found) {
			List<OutboxEntry> entries = entries(document);
			if (entries.isEmpty()) {
				continue;
			}
			Instant since = entries.stream().map(OutboxEntry::time).min(Instant::compareTo).orElseThrow();
			// Only while the head read is still there: had the relay removed it
			// meanwhile, the time would outlive the backlog.
			Query stillPending = Query.query(Criteria.where("_id").is(document.get("_id")))
				.addCriteria(
						Criteria.where(PublishesEvents.OUTBOX_FIELD + ".0." + ENTRY_ID).is(entries.get(0).eventId()));
			this.mongo.updateFirst(stillPending, new Update().min(PublishesEvents.SINCE_FIELD, Date.from(since)),
					collection);
		}
		return found.size();
	}

	/**
	 * How many events wait in one collection and when the oldest occurred, counted by the
	 * store, or {@code null} if none waits. Where the writers maintain the oldest-pending
	 * time the index narrows it to the documents with a backlog.
	 */
	private Document backlogOf(OutboxCollection collection) {
		boolean indexed = collection.maintainsSince() && this.backfilled.contains(collection.name());
		Criteria waiting = indexed ? Criteria.where(PublishesEvents.SINCE_FIELD).exists(true)
				: Criteria.where(PublishesEvents.OUTBOX_FIELD + ".0").exists(true);
		Aggregation count = Aggregation.newAggregation(Aggregation.match(waiting),
				Aggregation.unwind(PublishesEvents.OUTBOX_FIELD),
				Aggregation.group().count().as("events").min(PublishesEvents.OUTBOX_FIELD + ".time").as("oldest"));
		return this.mongo.aggregate(count, collection.name(), Document.class).getUniqueMappedResult();
	}

	/**
	 * A collection whose documents carry an outbox.
	 *
	 * @param name the collection name
	 * @param maintainsSince whether every writer of its documents keeps
	 * {@value PublishesEvents#SINCE_FIELD} up to date, as {@link AggregateRoot} does
	 */
	record OutboxCollection(String name, boolean maintainsSince) {
	}

	private List<OutboxEntry> entries(Document document) {
		List<?> raw = document.getList(PublishesEvents.OUTBOX_FIELD, Object.class, List.of());
		List<OutboxEntry> entries = new ArrayList<>(raw.size());
		MongoConverter converter = this.mongo.getConverter();
		for (Object item : raw) {
			if (item instanceof Document entry) {
				entries.add(converter.read(OutboxEntry.class, entry));
			}
		}
		return entries;
	}

}
