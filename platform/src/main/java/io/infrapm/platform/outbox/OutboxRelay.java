package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * Backlogs go in batches of documents: all of a batch is sent before the first
 * acknowledgement is awaited ({@link EventPublisher#publishAll}), and then removed with
 * one write, by event id. The sweep claims the leases of its batch; what an instance has
 * just written itself it publishes unless another instance holds the lease, without
 * claiming it, and its own sweep leaves those alone. If a send fails, only the events
 * acknowledged before it are removed; the failed one and everything after it stay, in
 * order, for the next attempt. An event may be published twice (after a crash between the
 * acknowledgement and the removal, or when it was sent after one that failed, or when
 * another instance's sweep claimed a backlog this instance had just written); consumers
 * deduplicate by event id, so that is safe, whereas losing one would not be.
 */
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final String ENTRY_ID = "eventId";

	static final String SINCE_INDEX = "outbox_since";

	/**
	 * Documents that may wait for the background relay; beyond that the sweep takes over.
	 */
	static final int MAX_WAITING = 10_000;

	private final MongoOperations mongo;

	private final EventPublisher publisher;

	private final OutboxLeases leases;

	private final List<OutboxCollection> collections;

	private final Set<String> prepared = ConcurrentHashMap.newKeySet();

	/**
	 * The documents ({@code collection/id}) whose backlogs the background relay is
	 * publishing without a claim; this instance's claims leave them to it.
	 */
	private final Set<String> unclaimed = ConcurrentHashMap.newKeySet();

	// Collections known to hold no backlog without the oldest-pending time, such as one
	// written before aggregates maintained it.
	private final Set<String> backfilled = ConcurrentHashMap.newKeySet();

	private final Executor executor;

	/**
	 * Documents written with new events, in the order written, for the background relay.
	 */
	private final Queue<Written> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicInteger hinted = new AtomicInteger();

	/** Whether a background task publishes what waits; there is at most one. */
	private final AtomicBoolean draining = new AtomicBoolean();

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
	 * Publishes one document's backlog in the background, right after it was written.
	 * Documents written while the relay is busy wait for it and then go together, as one
	 * batch (at most {@code batchSize} documents): one read of their leases, one request
	 * per partition leader and one removal for all of them. If the background queue is
	 * full the sweep will publish them instead.
	 * @param collection the document's collection
	 * @param id the document's id
	 */
	public void publishSoon(String collection, Object id) {
		if (this.hinted.incrementAndGet() > MAX_WAITING) {
			this.hinted.decrementAndGet();
			log.debug("Relay queue full; the sweep will publish {}/{}", collection, id);
			return;
		}
		this.waiting.add(new Written(collection, id));
		drainSoon();
	}

	private void drainSoon() {
		if (!this.draining.compareAndSet(false, true)) {
			return;
		}
		try {
			this.executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			this.draining.set(false);
			// Left to the sweep, which finds every backlog by itself.
			int dropped = 0;
			while (this.waiting.poll() != null) {
				dropped++;
			}
			this.hinted.addAndGet(-dropped);
			log.debug("Relay executor busy; the sweep will publish {} documents", dropped);
		}
	}

	/** Publishes what was written, batch after batch, until nothing waits. */
	private void drain() {
		try {
			List<Written> batch;
			while (!(batch = nextBatch()).isEmpty()) {
				Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
				for (Written written : batch) {
					byCollection.computeIfAbsent(written.collection(), (key) -> new LinkedHashSet<>())
						.add(written.id());
				}
				for (Map.Entry<String, Set<Object>> documents : byCollection.entrySet()) {
					relayBatch(documents.getKey(), new ArrayList<>(documents.getValue()), true, false);
				}
			}
		}
		catch (RuntimeException ex) {
			// The store or broker is away: the sweep retries what is left.
			log.warn("Publishing outboxes failed; the sweep will retry", ex);
		}
		finally {
			this.draining.set(false);
			if (!this.waiting.isEmpty()) {
				drainSoon();
			}
		}
	}

	private List<Written> nextBatch() {
		List<Written> batch = new ArrayList<>();
		Written next;
		while (batch.size() < this.batchSize && (next = this.waiting.poll()) != null) {
			this.hinted.decrementAndGet();
			batch.add(next);
		}
		return batch;
	}

	/**
	 * Publishes one document's backlog now, if no other instance holds its lease, and
	 * what is appended to it meanwhile.
	 * @param collection the document's collection
	 * @param id the document's id
	 * @return how many events were published
	 */
	public int relay(String collection, Object id) {
		int published = 0;
		Round round;
		do {
			round = relayBatch(collection, List.of(id), false, true);
			published += round.published();
		}
		while (!round.progressed().isEmpty());
		return published;
	}

	/**
	 * Publishes the backlogs of several documents of one collection: under one claim of
	 * their leases if {@code claim}, else (what this instance itself has just written)
	 * those whose lease no one holds, without claiming it, which saves two store writes a
	 * batch; should another instance's sweep claim one meanwhile, both publish it, and
	 * consumers deduplicate. Documents that got new events while they were being
	 * published are published again: queued for the background relay if {@code requeue},
	 * else reported.
	 */
	private Round relayBatch(String collection, List<Object> ids, boolean requeue, boolean claim) {
		// What this instance publishes without a claim is marked before its leases are
		// read, and a claim checks the marks after it was written: of a sweep and the
		// background relay racing for one document, at least one sees the other and
		// leaves it (if both do, the next sweep publishes it).
		List<String> marked = claim ? List.of() : ids.stream().map((id) -> key(collection, id)).toList();
		this.unclaimed.addAll(marked);
		try {
			Optional<OutboxLeases.Lease> claimed = claim ? this.leases.claimAll(collection, ids)
					: this.leases.unheld(collection, ids);
			if (claimed.isEmpty()) {
				return new Round(0, true, List.of());
			}
			OutboxLeases.Lease lease = claimed.get();
			Round round;
			try {
				List<Object> publishable = claim
						? lease.ids().stream().filter((id) -> !this.unclaimed.contains(key(collection, id))).toList()
						: lease.ids();
				round = publishBacklogs(collection, lease, publishable);
			}
			finally {
				this.leases.release(lease);
			}
			if (requeue) {
				round.progressed().forEach((id) -> publishSoon(collection, id));
			}
			return round;
		}
		finally {
			marked.forEach(this.unclaimed::remove);
		}
	}

	private static String key(String collection, Object id) {
		return collection + "/" + id;
	}

	private Round publishBacklogs(String collection, OutboxLeases.Lease lease, List<Object> ids) {
		if (ids.isEmpty()) {
			return new Round(0, true, List.of());
		}
		Query byIds = Query.query(Criteria.where("_id").in(ids));
		byIds.fields().include(PublishesEvents.OUTBOX_FIELD).include(PublishesEvents.SINCE_FIELD);
		Map<Object, Document> found = new HashMap<>();
		for (Document document : this.mongo.find(byIds, Document.class, collection)) {
			found.put(document.get("_id"), document);
		}
		List<Backlog> backlogs = new ArrayList<>();
		List<OutboxEntry> all = new ArrayList<>();
		for (Object id : ids) {
			Document document = found.get(id);
			if (document == null) {
				continue;
			}
			List<OutboxEntry> pending = entries(document);
			if (pending.isEmpty() && document.containsKey(PublishesEvents.SINCE_FIELD)) {
				// Left by a race with a backfill: the sweep would find the document
				// again.
				this.mongo.updateFirst(unchanged(id, 0), new Update().unset(PublishesEvents.SINCE_FIELD), collection);
			}
			if (!pending.isEmpty()) {
				backlogs.add(new Backlog(id, pending));
				all.addAll(pending);
			}
		}
		if (all.isEmpty() || lease.isLost()) {
			return new Round(0, !lease.isLost(), List.of());
		}
		int acknowledged;
		try {
			acknowledged = Math.min(Math.max(this.publisher.publishAll(all), 0), all.size());
		}
		catch (RuntimeException ex) {
			log.warn("Publishing the outboxes of {} documents of {} failed", backlogs.size(), collection, ex);
			acknowledged = 0;
		}
		boolean complete = acknowledged == all.size();
		if (!complete) {
			this.failures.increment();
			log.warn("Publishing the outboxes of {} documents of {} stopped after {} of {} events; will retry",
					backlogs.size(), collection, acknowledged, all.size());
		}
		for (OutboxEntry entry : all.subList(0, acknowledged)) {
			this.registry.counter("infrapm.events.published", "type", entry.type()).increment();
		}
		if (lease.isLost()) {
			// Another instance has the backlogs now; it publishes them again (consumers
			// deduplicate by event id).
			return new Round(acknowledged, false, List.of());
		}
		List<Object> progressed = (acknowledged > 0) ? remove(collection, backlogs, acknowledged) : List.of();
		// Of the documents published in full, those that got new events meanwhile.
		List<Object> again = complete ? withBacklog(collection, progressed) : List.of();
		return new Round(acknowledged, complete, again);
	}

	private List<Object> withBacklog(String collection, List<Object> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Query left = Query.query(Criteria.where("_id").in(ids))
			.addCriteria(Criteria.where(PublishesEvents.OUTBOX_FIELD + ".0").exists(true));
		left.fields().include("_id");
		return this.mongo.find(left, Document.class, collection)
			.stream()
			.map((document) -> document.get("_id"))
			.toList();
	}

	/**
	 * Removes the acknowledged head of each backlog, all in one write, by event id, not
	 * by position: entries appended meanwhile stay untouched. The oldest-pending time
	 * moves on to the first entry left, or goes when none is.
	 * @return the documents that had events removed
	 */
	private List<Object> remove(String collection, List<Backlog> backlogs, int acknowledged) {
		BulkOperations removals = this.mongo.bulkOps(BulkOperations.BulkMode.ORDERED, collection);
		List<Object> removedFrom = new ArrayList<>();
		int left = acknowledged;
		for (Backlog backlog : backlogs) {
			if (left <= 0) {
				break;
			}
			List<OutboxEntry> pending = backlog.entries();
			int done = Math.min(left, pending.size());
			left -= done;
			Object id = backlog.id();
			removedFrom.add(id);
			List<Object> published = pending.subList(0, done).stream().<Object>map(OutboxEntry::eventId).toList();
			Update pull = new Update().pull(PublishesEvents.OUTBOX_FIELD,
					new Document(ENTRY_ID, new Document("$in", published)));
			if (done < pending.size()) {
				pull.set(PublishesEvents.SINCE_FIELD, Date.from(pending.get(done).time()));
				removals.updateOne(Query.query(Criteria.where("_id").is(id)), pull);
				continue;
			}
			removals.updateOne(unchanged(id, pending.size()),
					Update.fromDocument(new Document(pull.getUpdateObject())).unset(PublishesEvents.SINCE_FIELD));
			// Only if something was appended since the backlog was read (the first found
			// more entries): that keeps the older time, which only makes the sweep pick
			// the document sooner; publishing it again clears the time.
			removals.updateOne(
					Query.query(Criteria.where("_id").is(id))
						.addCriteria(Criteria.where(PublishesEvents.OUTBOX_FIELD + "." + ENTRY_ID).in(published)),
					pull);
		}
		removals.execute();
		return removedFrom;
	}

	/** The document, as long as its outbox holds no more than {@code size} entries. */
	private static Query unchanged(Object id, int size) {
		return Query.query(Criteria.where("_id").is(id))
			.addCriteria(Criteria.where(PublishesEvents.OUTBOX_FIELD + "." + size).exists(false));
	}

	/** A document's backlog as read. */
	private record Backlog(Object id, List<OutboxEntry> entries) {
	}

	/** A document written with new events, waiting for the background relay. */
	private record Written(String collection, Object id) {
	}

	/**
	 * One pass over backlogs: how many events were published, whether all were, and the
	 * documents published in full that have new events since.
	 */
	private record Round(int published, boolean complete, List<Object> progressed) {
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
			List<Object> oldest = this.mongo.find(oldestFirst, Document.class, collection.name())
				.stream()
				.map((document) -> document.get("_id"))
				.toList();
			if (!oldest.isEmpty()) {
				published += relayBatch(collection.name(), oldest, true, true).published();
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
