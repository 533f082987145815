package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.infrapm.contracts.EventType;
import io.infrapm.platform.TestMongo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The relay against a real MongoDB-wire server: what is published, what stays, and who
 * may publish it.
 */
class OutboxRelayTests {

	private static final String COLLECTION = "work_packages";

	private static final String MILESTONES = "milestones";

	private static final UUID PROJECT = UUID.fromString("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");

	private static final Instant NOW = Instant.parse("2025-03-14T09:00:00Z");

	private static final Duration LEASE = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock(NOW);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RecordingPublisher publisher = new RecordingPublisher();

	private MongoTemplate mongo;

	@BeforeEach
	void freshDatabase() {
		this.mongo = TestMongo.freshDatabase("outbox-relay");
	}

	@Test
	void publishesADocumentsBacklogInOrderAndEmptiesItsOutbox() {
		OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(3));
		OutboxEntry rescheduled = entry("MilestoneRescheduled", NOW.minusSeconds(2));
		OutboxEntry completed = entry("MilestoneCompleted", NOW.minusSeconds(1));
		save("wp-1", planned, rescheduled, completed);

		int published = relay("instance-a", this.publisher).relay(COLLECTION, "wp-1");

		assertThat(published).isEqualTo(3);
		assertThat(this.publisher.eventIds()).containsExactly(planned.eventId(), rescheduled.eventId(),
				completed.eventId());
		assertThat(this.publisher.published()).first().isEqualTo(planned);
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(this.registry.get("infrapm.events.published")
			.tag("type", "io.infrapm.project.MilestonePlanned.v1")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.mongo.count(new Query(), OutboxLeases.COLLECTION)).as("lease released").isZero();
	}

	@Test
	void publishesEntriesAppendedWhilePublishingWithoutLosingAny() {
		OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(2));
		OutboxEntry completed = entry("MilestoneCompleted", NOW.minusSeconds(1));
		OutboxEntry appended = entry("MilestoneMissed", NOW);
		save("wp-1", planned, completed);
		// A command on the aggregate appends an event while the relay is still
		// publishing the earlier ones.
		this.publisher.onPublish((entry) -> {
			if (entry.equals(planned)) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is("wp-1")),
						new Update().push(PublishesEvents.OUTBOX_FIELD, appended), COLLECTION);
			}
		});

		int published = relay("instance-a", this.publisher).relay(COLLECTION, "wp-1");

		// Had the relay cleared the outbox by position, the appended event would be lost.
		assertThat(published).isEqualTo(3);
		assertThat(this.publisher.eventIds()).containsExactly(planned.eventId(), completed.eventId(),
				appended.eventId());
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(this.mongo.findById("wp-1", WorkPackage.class).title()).isEqualTo("Rack and stack row C");
	}

	@Test
	void keepsTheEntryWhosePublishFailedAndEverythingAfterItForTheNextAttempt() {
		OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(3));
		OutboxEntry rescheduled = entry("MilestoneRescheduled", NOW.minusSeconds(2));
		OutboxEntry completed = entry("MilestoneCompleted", NOW.minusSeconds(1));
		save("wp-1", planned, rescheduled, completed);
		this.publisher.failOn(rescheduled.eventId());
		OutboxRelay relay = relay("instance-a", this.publisher);

		int published = relay.relay(COLLECTION, "wp-1");

		assertThat(published).isEqualTo(1);
		assertThat(outboxOf("wp-1")).containsExactly(rescheduled, completed);
		assertThat(failures()).isEqualTo(1);
		assertThat(this.mongo.count(new Query(), OutboxLeases.COLLECTION)).as("lease released after a failure")
			.isZero();

		this.publisher.failOn();
		int republished = relay.relay(COLLECTION, "wp-1");

		assertThat(republished).isEqualTo(2);
		assertThat(this.publisher.eventIds()).containsExactly(planned.eventId(), rescheduled.eventId(),
				completed.eventId());
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(failures()).isEqualTo(1);
	}

	@Test
	void sweepPublishesEveryWaitingDocumentAndLeavesOthersAlone() {
		OutboxEntry first = entry("MilestonePlanned", NOW.minusSeconds(60));
		OutboxEntry second = entry("MilestonePlanned", NOW.minusSeconds(30));
		OutboxEntry third = entry("MilestoneMissed", NOW.minusSeconds(5));
		save("wp-1", first);
		save("wp-2", second, third);
		save("wp-3");

		int published = relay("instance-a", this.publisher).sweep();

		assertThat(published).isEqualTo(3);
		assertThat(this.publisher.eventIds()).containsExactlyInAnyOrder(first.eventId(), second.eventId(),
				third.eventId());
		assertThat(this.publisher.eventIds().indexOf(second.eventId()))
			.isLessThan(this.publisher.eventIds().indexOf(third.eventId()));
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(outboxOf("wp-2")).isEmpty();
		assertThat(this.mongo.findById("wp-3", WorkPackage.class)).isNotNull();
		assertThat(backlog()).isZero();
		assertThat(oldestAgeSeconds()).isZero();
	}

	@Test
	void aHeldLeaseKeepsASecondInstanceOffTheBacklogUntilItExpires() {
		OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(90));
		OutboxEntry missed = entry("MilestoneMissed", NOW.minusSeconds(10));
		save("wp-1", planned, missed);
		OutboxLeases instanceA = new OutboxLeases(this.mongo, "instance-a", LEASE, this.clock);
		assertThat(instanceA.claim(COLLECTION, "wp-1")).isPresent();
		OutboxRelay instanceB = relay("instance-b", this.publisher);

		assertThat(instanceB.sweep()).isZero();
		assertThat(instanceB.relay(COLLECTION, "wp-1")).isZero();
		assertThat(this.publisher.published()).isEmpty();
		assertThat(outboxOf("wp-1")).containsExactly(planned, missed);
		assertThat(backlog()).isEqualTo(2);
		assertThat(oldestAgeSeconds()).isEqualTo(90);

		this.clock.advance(LEASE.minusSeconds(1));
		assertThat(instanceB.sweep()).as("lease still held").isZero();

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(instanceB.sweep()).as("lease of a crashed holder expired").isEqualTo(2);
		assertThat(this.publisher.eventIds()).containsExactly(planned.eventId(), missed.eventId());
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(backlog()).isZero();
		assertThat(instanceA.claim(COLLECTION, "wp-1")).as("instance b released its lease").isPresent();
	}

	@Test
	void aClaimWhoseLeaseExpiredCanNeitherReleaseNorRenewTheLeaseAnotherInstanceTookOver() {
		OutboxLeases instanceA = new OutboxLeases(this.mongo, "instance-a", LEASE, this.clock);
		OutboxLeases instanceB = new OutboxLeases(this.mongo, "instance-b", LEASE, this.clock);
		OutboxLeases.Lease stale = instanceA.claim(COLLECTION, "wp-1").orElseThrow();
		this.clock.advance(LEASE.plusSeconds(1));
		OutboxLeases.Lease current = instanceB.claim(COLLECTION, "wp-1").orElseThrow();

		instanceA.renewHeld();
		instanceA.release(stale);

		assertThat(instanceB.holds(current)).isTrue();
		assertThat(instanceA.holds(stale)).isFalse();
		assertThat(stale.isLost()).as("renewal found the lease taken over").isTrue();
		assertThat(instanceA.claim(COLLECTION, "wp-1")).isEmpty();
	}

	@Test
	void renewsTheLeaseWhileASlowSendOutlastsIt() throws Exception {
		OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(2));
		save("wp-1", planned);
		CountDownLatch publishing = new CountDownLatch(1);
		CountDownLatch brokerAnswers = new CountDownLatch(1);
		RecordingPublisher slowBroker = heldBroker(publishing, brokerAnswers);
		OutboxRelay instanceA = relay("instance-a", slowBroker);
		OutboxRelay instanceB = relay("instance-b", this.publisher);

		CompletableFuture<Integer> relayedByA = CompletableFuture
			.supplyAsync(() -> instanceA.relay(COLLECTION, "wp-1"));
		assertThat(publishing.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 4; i++) {
			// Four thirds of a lease pass while the one send goes on, renewed on time.
			this.clock.advance(LEASE.dividedBy(3));
			instanceA.renewLeases();
			assertThat(instanceB.relay(COLLECTION, "wp-1")).isZero();
		}
		brokerAnswers.countDown();

		assertThat(relayedByA.get(10, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(this.publisher.published()).isEmpty();
		assertThat(outboxOf("wp-1")).isEmpty();
	}

	@Test
	void removesNothingOnceItsLeaseIsLostAndLeavesTheBacklogToTheNewHolder() throws Exception {
		OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(2));
		OutboxEntry completed = entry("MilestoneCompleted", NOW.minusSeconds(1));
		save("wp-1", planned, completed);
		OutboxLeases instanceB = new OutboxLeases(this.mongo, "instance-b", LEASE, this.clock);
		RecordingPublisher pausedBroker = new RecordingPublisher();
		OutboxRelay[] instanceA = new OutboxRelay[1];
		pausedBroker.onPublish((entry) -> {
			if (entry.equals(planned)) {
				// The process stalls past its lease, which another instance takes.
				this.clock.advance(LEASE.plusSeconds(1));
				instanceB.claim(COLLECTION, "wp-1").orElseThrow();
				instanceA[0].renewLeases();
			}
		});
		instanceA[0] = relay("instance-a", pausedBroker);

		instanceA[0].relay(COLLECTION, "wp-1");

		assertThat(outboxOf("wp-1")).as("left for the holder, which republishes").containsExactly(planned, completed);
		assertThat(failures()).as("a lost lease is no broker failure").isZero();
	}

	@Test
	void twoInstancesNeverPublishTheSameBacklogAtOnce() throws Exception {
		OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(2));
		OutboxEntry completed = entry("MilestoneCompleted", NOW.minusSeconds(1));
		save("wp-1", planned, completed);
		CountDownLatch publishing = new CountDownLatch(1);
		CountDownLatch brokerAnswers = new CountDownLatch(1);
		RecordingPublisher slowBroker = heldBroker(publishing, brokerAnswers);
		OutboxRelay instanceA = relay("instance-a", slowBroker);
		OutboxRelay instanceB = relay("instance-b", this.publisher);

		CompletableFuture<Integer> relayedByA = CompletableFuture
			.supplyAsync(() -> instanceA.relay(COLLECTION, "wp-1"));
		assertThat(publishing.await(10, TimeUnit.SECONDS)).isTrue();
		int sweptByB = instanceB.sweep();
		brokerAnswers.countDown();

		assertThat(sweptByB).isZero();
		assertThat(this.publisher.published()).isEmpty();
		assertThat(relayedByA.get(10, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(slowBroker.eventIds()).containsExactly(planned.eventId(), completed.eventId());
		assertThat(outboxOf("wp-1")).isEmpty();
	}

	@Test
	void aSweepLeavesWhatTheSameInstanceIsPublishingRightAfterTheWrite() throws Exception {
		OutboxEntry planned = entry("MilestonePlanned", NOW);
		save("wp-1", planned);
		CountDownLatch publishing = new CountDownLatch(1);
		CountDownLatch brokerAnswers = new CountDownLatch(1);
		RecordingPublisher slowBroker = heldBroker(publishing, brokerAnswers);
		OutboxRelay relay = relay("instance-a", slowBroker, (task) -> new Thread(task).start());

		relay.publishSoon(COLLECTION, "wp-1");
		assertThat(publishing.await(10, TimeUnit.SECONDS)).isTrue();
		int swept = relay.sweep();
		brokerAnswers.countDown();

		assertThat(swept).as("published by the sweep while the background relay sends it").isZero();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!outboxOf("wp-1").isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(slowBroker.eventIds()).containsExactly(planned.eventId());
	}

	@Test
	void gaugesReportTheBacklogLeftAndTheAgeOfItsOldestEvent() {
		// wp-1's events are the oldest but get published; only wp-2's younger event is
		// left behind by a broker failure.
		save("wp-1", entry("MilestonePlanned", NOW.minus(Duration.ofMinutes(60))),
				entry("MilestoneRescheduled", NOW.minus(Duration.ofMinutes(50))));
		OutboxEntry stuck = entry("MilestoneMissed", NOW.minus(Duration.ofMinutes(10)));
		save("wp-2", stuck);
		this.publisher.failOn(stuck.eventId());
		OutboxRelay relay = relay("instance-a", this.publisher);

		assertThat(relay.sweep()).isEqualTo(2);

		assertThat(backlog()).isEqualTo(1);
		assertThat(oldestAgeSeconds()).isEqualTo(600);
		assertThat(failures()).isEqualTo(1);

		this.clock.advance(Duration.ofMinutes(5));
		relay.sweep();
		assertThat(backlog()).isEqualTo(1);
		assertThat(oldestAgeSeconds()).as("the stuck event keeps ageing").isEqualTo(900);

		this.publisher.failOn();
		relay.sweep();
		assertThat(backlog()).isZero();
		assertThat(oldestAgeSeconds()).isZero();
	}

	@Test
	void publishesSoonAfterAWriteThroughItsExecutor() {
		OutboxEntry planned = entry("MilestonePlanned", NOW);
		save("wp-1", planned);
		List<Runnable> queued = new ArrayList<>();
		OutboxRelay relay = relay("instance-a", this.publisher, queued::add);

		relay.publishSoon(COLLECTION, "wp-1");
		assertThat(this.publisher.published()).as("not on the caller's thread").isEmpty();
		queued.forEach(Runnable::run);

		assertThat(this.publisher.eventIds()).containsExactly(planned.eventId());
		assertThat(outboxOf("wp-1")).isEmpty();
	}

	@Test
	void leavesTheBacklogToTheSweepWhenTheRelayQueueIsFull() {
		OutboxEntry planned = entry("MilestonePlanned", NOW);
		save("wp-1", planned);
		OutboxRelay relay = relay("instance-a", this.publisher, (task) -> {
			throw new RejectedExecutionException("queue full");
		});

		relay.publishSoon(COLLECTION, "wp-1");
		assertThat(outboxOf("wp-1")).containsExactly(planned);

		assertThat(relay.sweep()).isEqualTo(1);
		assertThat(outboxOf("wp-1")).isEmpty();
	}

	@Test
	void aggregatesKeepTheTimeOfTheirOldestPendingEventWhichTheRelayClearsOncePublished() {
		Instant firstMiss = NOW.minusSeconds(120);
		missedMilestone("ms-1", firstMiss);
		assertThat(milestoneDocument("ms-1").getDate(PublishesEvents.SINCE_FIELD).toInstant()).isEqualTo(firstMiss);

		Milestone loaded = this.mongo.findById("ms-1", Milestone.class);
		loaded.miss(NOW.minusSeconds(10));
		new Aggregates(this.mongo, null).update(loaded);
		assertThat(milestoneDocument("ms-1").getDate(PublishesEvents.SINCE_FIELD).toInstant())
			.as("still the oldest pending one")
			.isEqualTo(firstMiss);

		assertThat(milestoneRelay(this.publisher, 200).relay(MILESTONES, "ms-1")).isEqualTo(2);
		assertThat(milestoneDocument("ms-1")).doesNotContainKey(PublishesEvents.SINCE_FIELD);

		Milestone published = this.mongo.findById("ms-1", Milestone.class);
		published.miss(NOW);
		new Aggregates(this.mongo, null).update(published);
		assertThat(milestoneDocument("ms-1").getDate(PublishesEvents.SINCE_FIELD).toInstant()).isEqualTo(NOW);
	}

	@Test
	void sweepsTheOldestBacklogsFirstAndNoMoreThanABatchPerRound() {
		missedMilestone("ms-3", NOW.minusSeconds(30));
		missedMilestone("ms-1", NOW.minusSeconds(50));
		missedMilestone("ms-5", NOW.minusSeconds(10));
		missedMilestone("ms-2", NOW.minusSeconds(40), NOW.minusSeconds(1));
		missedMilestone("ms-4", NOW.minusSeconds(20));
		OutboxRelay relay = milestoneRelay(this.publisher, 2);

		assertThat(relay.sweep()).isEqualTo(3);
		assertThat(this.publisher.published()).extracting(OutboxEntry::subject).containsExactly("ms-1", "ms-2", "ms-2");
		assertThat(backlog()).isEqualTo(3);
		assertThat(oldestAgeSeconds()).isEqualTo(30);

		assertThat(relay.sweep()).isEqualTo(2);
		assertThat(relay.sweep()).isEqualTo(1);
		assertThat(this.publisher.published()).extracting(OutboxEntry::subject)
			.containsExactly("ms-1", "ms-2", "ms-2", "ms-3", "ms-4", "ms-5");
		assertThat(backlog()).isZero();
		assertThat(oldestAgeSeconds()).isZero();
	}

	@Test
	void sweepFindsBacklogsWhoseWriterKeptNoOldestPendingTime() {
		OutboxEntry old = entry("MilestonePlanned", NOW.minusSeconds(300));
		save("wp-1", old);
		OutboxRelay relay = relay("instance-a", this.publisher);
		this.publisher.failOn(old.eventId());

		assertThat(relay.sweep()).isZero();

		assertThat(this.mongo.findById("wp-1", org.bson.Document.class, COLLECTION)
			.getDate(PublishesEvents.SINCE_FIELD)
			.toInstant()).isEqualTo(old.time());
		assertThat(backlog()).isEqualTo(1);
		assertThat(oldestAgeSeconds()).isEqualTo(300);

		this.publisher.failOn();
		assertThat(relay.sweep()).isEqualTo(1);
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(this.mongo.findById("wp-1", org.bson.Document.class, COLLECTION))
			.doesNotContainKey(PublishesEvents.SINCE_FIELD);
	}

	@Test
	void createsTheSweepsIndexOnEveryOutboxCollection() {
		relay("instance-a", this.publisher).prepare();

		for (String collection : List.of(COLLECTION, MILESTONES)) {
			assertThat(this.mongo.indexOps(collection).getIndexInfo()).as(collection).anySatisfy((index) -> {
				assertThat(index.getName()).isEqualTo(OutboxRelay.SINCE_INDEX);
				assertThat(index.getIndexFields()).extracting(IndexField::getKey)
					.containsExactly(PublishesEvents.SINCE_FIELD);
				assertThat(index.isSparse()).isTrue();
			});
		}
	}

	@Test
	void publishesABacklogOfFiftyWithOneBatchOfSendsAndOneRemoval() {
		OutboxEntry[] backlog = new OutboxEntry[50];
		for (int i = 0; i < backlog.length; i++) {
			backlog[i] = entry("MilestoneRescheduled", NOW.minusSeconds(100 - i));
		}
		save("wp-1", backlog);
		MongoTemplate store = spy(this.mongo);
		PipelinedPublisher broker = new PipelinedPublisher(Integer.MAX_VALUE);
		OutboxLeases leases = new OutboxLeases(store, "instance-a", LEASE, this.clock);
		OutboxRelay relay = new OutboxRelay(store, broker, leases,
				List.of(new OutboxRelay.OutboxCollection(COLLECTION, false)), Runnable::run, this.clock, 200,
				this.registry);

		assertThat(relay.relay(COLLECTION, "wp-1")).isEqualTo(50);

		assertThat(broker.batches()).containsExactly(List.of(backlog));
		assertThat(outboxOf("wp-1")).isEmpty();
		verify(store, times(1)).bulkOps(BulkOperations.BulkMode.ORDERED, COLLECTION);
		verify(store, never()).updateFirst(any(Query.class),
				argThat((UpdateDefinition update) -> update.getUpdateObject().containsKey("$pull")), eq(COLLECTION));
	}

	@Test
	void publishesTheDocumentsWrittenWhileItWasBusyAsOneBatch() {
		List<OutboxEntry> written = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			OutboxEntry planned = entry("MilestonePlanned", NOW.minusSeconds(10 - i));
			save("wp-" + i, planned);
			written.add(planned);
		}
		MongoTemplate store = spy(this.mongo);
		PipelinedPublisher broker = new PipelinedPublisher(Integer.MAX_VALUE);
		List<Runnable> queued = new ArrayList<>();
		OutboxRelay relay = new OutboxRelay(store, broker, new OutboxLeases(store, "instance-a", LEASE, this.clock),
				List.of(new OutboxRelay.OutboxCollection(COLLECTION, false)), queued::add, this.clock, 200,
				this.registry);

		for (int i = 1; i <= 5; i++) {
			relay.publishSoon(COLLECTION, "wp-" + i);
		}
		assertThat(queued).as("one background task for all five").hasSize(1);
		queued.remove(0).run();

		assertThat(broker.batches()).containsExactly(written);
		for (int i = 1; i <= 5; i++) {
			assertThat(outboxOf("wp-" + i)).isEmpty();
		}
		verify(store, never()).bulkOps(BulkOperations.BulkMode.UNORDERED, OutboxLeases.COLLECTION);
		verify(store, never()).remove(any(Query.class), eq(OutboxLeases.COLLECTION));
		verify(store, times(1)).bulkOps(BulkOperations.BulkMode.ORDERED, COLLECTION);
		assertThat(this.mongo.count(new Query(), OutboxLeases.COLLECTION)).as("what it wrote itself, unclaimed")
			.isZero();
		assertThat(queued).isEmpty();
	}

	@Test
	void aBatchLeavesTheDocumentsAnotherInstanceHoldsToItAndPublishesTheRest() {
		OutboxEntry first = entry("MilestonePlanned", NOW.minusSeconds(3));
		OutboxEntry held = entry("MilestonePlanned", NOW.minusSeconds(2));
		OutboxEntry third = entry("MilestonePlanned", NOW.minusSeconds(1));
		save("wp-1", first);
		save("wp-2", held);
		save("wp-3", third);
		OutboxLeases instanceA = new OutboxLeases(this.mongo, "instance-a", LEASE, this.clock);
		assertThat(instanceA.claim(COLLECTION, "wp-2")).isPresent();
		List<Runnable> queued = new ArrayList<>();
		OutboxRelay instanceB = relay("instance-b", this.publisher, queued::add);

		List.of("wp-1", "wp-2", "wp-3").forEach((id) -> instanceB.publishSoon(COLLECTION, id));
		queued.remove(0).run();

		assertThat(this.publisher.eventIds()).containsExactly(first.eventId(), third.eventId());
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(outboxOf("wp-2")).containsExactly(held);
		assertThat(outboxOf("wp-3")).isEmpty();
	}

	@Test
	void whenASendFailsInABatchRemovesWhatWasAcknowledgedBeforeItInEveryDocument() {
		OutboxEntry a1 = entry("MilestonePlanned", NOW.minusSeconds(9));
		OutboxEntry a2 = entry("MilestoneRescheduled", NOW.minusSeconds(8));
		OutboxEntry b1 = entry("MilestonePlanned", NOW.minusSeconds(7));
		OutboxEntry b2 = entry("MilestoneRescheduled", NOW.minusSeconds(6));
		OutboxEntry c1 = entry("MilestonePlanned", NOW.minusSeconds(5));
		save("wp-1", a1, a2);
		save("wp-2", b1, b2);
		save("wp-3", c1);
		// The fourth of the five events, b2, is refused: a1, a2 and b1 stay published.
		PipelinedPublisher broker = new PipelinedPublisher(3);
		List<Runnable> queued = new ArrayList<>();
		OutboxRelay relay = relay("instance-a", broker, queued::add);

		List.of("wp-1", "wp-2", "wp-3").forEach((id) -> relay.publishSoon(COLLECTION, id));
		queued.remove(0).run();

		assertThat(broker.batches()).containsExactly(List.of(a1, a2, b1, b2, c1));
		assertThat(outboxOf("wp-1")).isEmpty();
		assertThat(outboxOf("wp-2")).containsExactly(b2);
		assertThat(this.mongo.findById("wp-2", org.bson.Document.class, COLLECTION)
			.getDate(PublishesEvents.SINCE_FIELD)
			.toInstant()).as("the oldest left").isEqualTo(b2.time());
		assertThat(outboxOf("wp-3")).containsExactly(c1);
		assertThat(failures()).isEqualTo(1);
		assertThat(queued).as("a failed batch is left to the sweep, not retried at once").isEmpty();
	}

	@Test
	void whenTheThirdOfFiveSendsFailsRemovesExactlyTheFirstTwoAndKeepsTheRestInOrder() {
		OutboxEntry[] backlog = new OutboxEntry[5];
		for (int i = 0; i < backlog.length; i++) {
			backlog[i] = entry("MilestoneRescheduled", NOW.minusSeconds(10 - i));
		}
		save("wp-1", backlog);
		// All five were sent before the third's failure was known; the fourth and fifth
		// may even be on the topic, but removing them would let a consumer see them
		// without the third.
		PipelinedPublisher broker = new PipelinedPublisher(2);

		assertThat(relay("instance-a", broker).relay(COLLECTION, "wp-1")).isEqualTo(2);

		assertThat(outboxOf("wp-1")).containsExactly(backlog[2], backlog[3], backlog[4]);
		assertThat(this.mongo.findById("wp-1", org.bson.Document.class, COLLECTION)
			.getDate(PublishesEvents.SINCE_FIELD)
			.toInstant()).as("the oldest left").isEqualTo(backlog[2].time());
		assertThat(failures()).isEqualTo(1);
		assertThat(this.registry.get("infrapm.events.published").counter().count()).isEqualTo(2);
	}

	@Test
	void relaysNothingForADocumentThatIsGone() {
		assertThat(relay("instance-a", this.publisher).relay(COLLECTION, "wp-404")).isZero();
		assertThat(this.publisher.published()).isEmpty();
	}

	private OutboxRelay relay(String owner, EventPublisher publisher) {
		return relay(owner, publisher, Runnable::run);
	}

	private OutboxRelay relay(String owner, EventPublisher publisher, Executor executor) {
		OutboxLeases leases = new OutboxLeases(this.mongo, owner, LEASE, this.clock);
		// The work packages are written without the oldest-pending time, as a
		// PublishesEvents document outside AggregateRoot may be.
		return new OutboxRelay(this.mongo, publisher, leases,
				List.of(new OutboxRelay.OutboxCollection(COLLECTION, false),
						new OutboxRelay.OutboxCollection(MILESTONES, true)),
				executor, this.clock, 200, this.registry);
	}

	private OutboxRelay milestoneRelay(EventPublisher publisher, int batchSize) {
		OutboxLeases leases = new OutboxLeases(this.mongo, "instance-a", LEASE, this.clock);
		return new OutboxRelay(this.mongo, publisher, leases,
				List.of(new OutboxRelay.OutboxCollection(MILESTONES, true)), Runnable::run, this.clock, batchSize,
				this.registry);
	}

	private Milestone missedMilestone(String id, Instant... missedAt) {
		Milestone milestone = new Milestone(id);
		for (Instant at : missedAt) {
			milestone.miss(at);
		}
		return new Aggregates(this.mongo, null).insert(milestone);
	}

	private org.bson.Document milestoneDocument(String id) {
		return this.mongo.findById(id, org.bson.Document.class, MILESTONES);
	}

	private void save(String id, OutboxEntry... entries) {
		this.mongo.save(new WorkPackage(id, "Rack and stack row C", new ArrayList<>(Arrays.asList(entries))));
	}

	private List<OutboxEntry> outboxOf(String id) {
		return this.mongo.findById(id, WorkPackage.class).outbox();
	}

	private double backlog() {
		return this.registry.get("infrapm.outbox.backlog").gauge().value();
	}

	private double oldestAgeSeconds() {
		return this.registry.get("infrapm.outbox.oldest.age").gauge().value();
	}

	private double failures() {
		return this.registry.get("infrapm.outbox.publish.failures").counter().count();
	}

	private static OutboxEntry entry(String event, Instant time) {
		return new OutboxEntry(UUID.randomUUID(), "io.infrapm.project." + event + ".v1",
				"6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31", "wp-1", time, "{\"event\":\"" + event + "\"}");
	}

	/**
	 * A broker that, on each send, says it is being published to and then answers only
	 * once released.
	 */
	private static RecordingPublisher heldBroker(CountDownLatch publishing, CountDownLatch answers) {
		RecordingPublisher broker = new RecordingPublisher();
		broker.onPublish((entry) -> {
			publishing.countDown();
			await(answers);
		});
		return broker;
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Test broker was never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Document(COLLECTION)
	record WorkPackage(@Id String id, String title, List<OutboxEntry> outbox) implements PublishesEvents {
	}

	@Document(MILESTONES)
	static class Milestone extends AggregateRoot {

		@Id
		private final String id;

		Milestone(String id) {
			this.id = id;
		}

		void miss(Instant at) {
			registerEvent(new MilestoneMissed(this.id), PROJECT, this.id, at);
		}

	}

	@EventType("io.infrapm.project.MilestoneMissed.v1")
	record MilestoneMissed(String milestone) {
	}

	/**
	 * Stands in for a broker that takes a whole backlog at once and acknowledges a prefix
	 * of it.
	 */
	static final class PipelinedPublisher implements EventPublisher {

		private final int acknowledging;

		private final List<List<OutboxEntry>> batches = new CopyOnWriteArrayList<>();

		PipelinedPublisher(int acknowledging) {
			this.acknowledging = acknowledging;
		}

		@Override
		public void publish(OutboxEntry entry) {
			throw new UnsupportedOperationException("the relay sends backlogs as a whole");
		}

		@Override
		public int publishAll(List<OutboxEntry> entries) {
			this.batches.add(List.copyOf(entries));
			return Math.min(this.acknowledging, entries.size());
		}

		List<List<OutboxEntry>> batches() {
			return List.copyOf(this.batches);
		}

	}

	/**
	 * Stands in for Kafka: records what it acknowledged, and refuses chosen events.
	 */
	static final class RecordingPublisher implements EventPublisher {

		private final List<OutboxEntry> published = new CopyOnWriteArrayList<>();

		private volatile Set<UUID> failing = Set.of();

		private volatile Consumer<OutboxEntry> onPublish = (entry) -> {
		};

		@Override
		public void publish(OutboxEntry entry) {
			this.onPublish.accept(entry);
			if (this.failing.contains(entry.eventId())) {
				throw new IllegalStateException("Broker did not acknowledge " + entry.eventId());
			}
			this.published.add(entry);
		}

		void failOn(UUID... eventIds) {
			this.failing = Set.of(eventIds);
		}

		void onPublish(Consumer<OutboxEntry> action) {
			this.onPublish = action;
		}

		List<OutboxEntry> published() {
			return List.copyOf(this.published);
		}

		List<UUID> eventIds() {
			return this.published.stream().map(OutboxEntry::eventId).toList();
		}

	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
