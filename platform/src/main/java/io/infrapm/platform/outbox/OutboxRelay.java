package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Publishes the events waiting in aggregates' {@code outbox} arrays and removes them once
 * Kafka has acknowledged them. It runs right after a write ({@link #publishSoon}) and in
 * a periodic {@link #sweep} that picks up whatever a crash or a broker outage left
 * behind. Each document's backlog is published under a lease, in order, one event at a
 * time; if publishing fails half-way the rest stays for the next attempt. An event may be
 * published twice (after a crash between the acknowledgement and the removal); consumers
 * deduplicate by event id, so that is safe, whereas losing one would not be.
 */
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final String ENTRY_ID = "eventId";

	private final MongoOperations mongo;

	private final EventPublisher publisher;

	private final OutboxLeases leases;

	private final List<String> collections;

	private final Executor executor;

	private final Clock clock;

	private final int batchSize;

	private final MeterRegistry registry;

	private final Counter failures;

	private final AtomicLong backlog = new AtomicLong();

	private final AtomicLong oldestAgeMillis = new AtomicLong();

	OutboxRelay(MongoOperations mongo, EventPublisher publisher, OutboxLeases leases, List<String> collections,
			Executor executor, Clock clock, int batchSize, MeterRegistry registry) {
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
		return this.collections;
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
		byId.fields().include(PublishesEvents.OUTBOX_FIELD);
		Document document = this.mongo.findOne(byId, Document.class, collection);
		if (document == null) {
			return new Round(0, true);
		}
		List<OutboxEntry> pending = entries(document);
		List<Object> published = new ArrayList<>();
		boolean complete = true;
		try {
			for (OutboxEntry entry : pending) {
				if (lease.isLost()) {
					// Another instance has the backlog now; it publishes the rest.
					complete = false;
					break;
				}
				this.publisher.publish(entry);
				published.add(entry.eventId());
				this.registry.counter("infrapm.events.published", "type", entry.type()).increment();
			}
		}
		catch (RuntimeException ex) {
			complete = false;
			this.failures.increment();
			log.warn("Publishing the outbox of {}/{} failed after {} of {} events; will retry", collection, id,
					published.size(), pending.size(), ex);
		}
		if (!published.isEmpty() && !lease.isLost()) {
			// Pull by event id, not by position: entries appended meanwhile stay
			// untouched. A relay that lost its lease leaves them to the new holder,
			// which publishes them again (consumers deduplicate by event id).
			Update pull = new Update().pull(PublishesEvents.OUTBOX_FIELD,
					new Document(ENTRY_ID, new Document("$in", published)));
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), pull, collection);
		}
		return new Round(published.size(), complete);
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
	 * Publishes every backlog still waiting, a batch per collection, and refreshes the
	 * backlog gauges.
	 * @return how many events were published
	 */
	public int sweep() {
		int published = 0;
		long waiting = 0;
		Instant oldest = null;
		for (String collection : this.collections) {
			Query pending = Query.query(Criteria.where(PublishesEvents.OUTBOX_FIELD + ".0").exists(true));
			pending.fields().include(PublishesEvents.OUTBOX_FIELD);
			pending.limit(this.batchSize);
			for (Document document : this.mongo.find(pending, Document.class, collection)) {
				List<OutboxEntry> entries = entries(document);
				int relayed = relay(collection, document.get("_id"));
				published += relayed;
				// A backlog is published from its head, so what is left of this
				// document's backlog is its tail: only that counts towards the gauges,
				// not events that were published in this very sweep.
				List<OutboxEntry> left = entries.subList(Math.min(relayed, entries.size()), entries.size());
				waiting += left.size();
				for (OutboxEntry entry : left) {
					oldest = (oldest == null || entry.time().isBefore(oldest)) ? entry.time() : oldest;
				}
			}
		}
		this.backlog.set(waiting);
		this.oldestAgeMillis
			.set((oldest != null) ? Math.max(0, Duration.between(oldest, this.clock.instant()).toMillis()) : 0);
		return published;
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
