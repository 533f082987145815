package io.infrapm.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.EventType;
import io.infrapm.platform.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@link Aggregates} against a MongoDB-wire server: what an insert and an update write,
 * what they refuse, and how the aggregate's events are numbered.
 */
class AggregatesTests {

	private static final String COLLECTION = "change_requests";

	private static final Instant NOW = Instant.parse("2026-02-02T09:00:00Z");

	private static final UUID PROJECT = UUID.fromString("3f6c2a9e-8d41-4b7a-9e2f-5c1d0a7b4e63");

	private final OutboxRelay relay = mock(OutboxRelay.class);

	private MongoTemplate mongo;

	private Aggregates aggregates;

	@BeforeEach
	void freshDatabase() {
		this.mongo = TestMongo.freshDatabase("aggregates");
		this.aggregates = new Aggregates(this.mongo, this.relay);
	}

	@Test
	void insertsANewAggregateWholeWithItsFirstEvent() {
		ChangeRequest raised = ChangeRequest.raise("cr-1", "Move cut-over to March");

		ChangeRequest inserted = this.aggregates.insert(raised);

		assertThat(inserted.version()).isZero();
		assertThat(inserted.registeredEvents()).as("nothing pending after the insert").isEmpty();
		ChangeRequest stored = load("cr-1");
		assertThat(stored.title()).isEqualTo("Move cut-over to March");
		assertThat(stored.status()).isEqualTo("RAISED");
		assertThat(stored.version()).isZero();
		assertThat(stored.outbox()).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("io.infrapm.test.ChangeRequestRaised.v1");
			assertThat(event.sequence()).isEqualTo(1);
		});
	}

	@Test
	void writesOnlyTheFieldsTheAggregateChangedSoNothingPublishedComesBack() {
		this.aggregates.insert(ChangeRequest.raise("cr-1", "Move cut-over to March"));
		ChangeRequest loaded = load("cr-1");
		// Meanwhile the relay publishes the first event and pulls it, without touching
		// the version; a full-document save of the loaded copy would bring it back.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is("cr-1")),
				new Update().pull(PublishesEvents.OUTBOX_FIELD,
						Query.query(Criteria.where("eventId").is(loaded.outbox().get(0).eventId()))),
				COLLECTION);

		loaded.retitle("Move cut-over to April");
		this.aggregates.update(loaded);

		ChangeRequest stored = load("cr-1");
		assertThat(stored.title()).isEqualTo("Move cut-over to April");
		assertThat(stored.status()).isEqualTo("RAISED");
		assertThat(stored.outbox()).isEmpty();
		assertThat(stored.version()).isEqualTo(1);
		verify(this.relay, never()).publishSoon(COLLECTION, "cr-1");
	}

	@Test
	void refusesAWriteOverAVersionChangedSinceLoading() {
		this.aggregates.insert(ChangeRequest.raise("cr-1", "Move cut-over to March"));
		ChangeRequest first = load("cr-1");
		ChangeRequest second = load("cr-1");
		first.approve(NOW);
		this.aggregates.update(first);

		second.retitle("Move cut-over to April");

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.aggregates.update(second))
			.withMessageContaining("cr-1")
			.withMessageContaining("version 0");
		ChangeRequest stored = load("cr-1");
		assertThat(stored.title()).isEqualTo("Move cut-over to March");
		assertThat(stored.version()).isEqualTo(1);
	}

	@Test
	void numbersEveryEventOfTheAggregateInOrderAcrossWrites() {
		this.aggregates.insert(ChangeRequest.raise("cr-1", "Move cut-over to March"));
		ChangeRequest loaded = load("cr-1");

		loaded.approve(NOW);
		loaded.approve(NOW.plusSeconds(60));
		this.aggregates.update(loaded);
		ChangeRequest reloaded = load("cr-1");
		reloaded.approve(NOW.plusSeconds(120));
		this.aggregates.update(reloaded);

		ChangeRequest stored = load("cr-1");
		assertThat(stored.outbox()).extracting(OutboxEntry::sequence).containsExactly(1L, 2L, 3L, 4L);
		assertThat(stored.version()).as("one increment per write").isEqualTo(2);
		assertThat(this.mongo.getCollection(COLLECTION).find().first().getLong(AggregateRoot.SEQUENCE_FIELD))
			.isEqualTo(4);
		verify(this.relay, times(2)).publishSoon(COLLECTION, "cr-1");
	}

	@Test
	void handsOutAnOutboxNothingOutsideTheAggregateCanAddTo() {
		ChangeRequest raised = ChangeRequest.raise("cr-1", "Move cut-over to March");
		OutboxEntry forged = OutboxEntry.of(new ChangeRequestRaised("cr-1", "forged"), PROJECT, "cr-1", NOW);

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> raised.outbox().add(forged));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> raised.registeredEvents().clear());
		assertThat(raised.outbox()).hasSize(1);
	}

	@Test
	void writesUnderAGuardOnlyWhileTheDocumentStillMatchesIt() {
		this.aggregates.insert(ChangeRequest.raise("cr-1", "Move cut-over to March"));
		ChangeRequest loaded = load("cr-1");
		// Another writer takes the request over without changing the version: the
		// version guard alone would let the stale copy write.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is("cr-1")), new Update().set("reviewer", "grace"),
				COLLECTION);
		loaded.approve(NOW);

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.aggregates.update(loaded, Criteria.where("reviewer").is("ada")))
			.withMessageContaining("reviewer");
		assertThat(load("cr-1").status()).isEqualTo("RAISED");
		assertThat(load("cr-1").outbox()).hasSize(1);

		this.aggregates.update(loaded, Criteria.where("reviewer").is("grace"));

		ChangeRequest stored = load("cr-1");
		assertThat(stored.status()).isEqualTo("APPROVED");
		assertThat(stored.version()).isEqualTo(1);
		assertThat(stored.outbox()).extracting(OutboxEntry::sequence).containsExactly(1L, 2L);
		verify(this.relay).publishSoon(COLLECTION, "cr-1");
	}

	@Test
	void keepsTheVersionGuardWhenTheGuardNamesTheVersionToo() {
		this.aggregates.insert(ChangeRequest.raise("cr-1", "Move cut-over to March"));
		ChangeRequest stale = load("cr-1");
		ChangeRequest current = load("cr-1");
		current.retitle("Move cut-over to April");
		this.aggregates.update(current);

		stale.approve(NOW);

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.aggregates.update(stale, Criteria.where(AggregateRoot.VERSION_FIELD).gte(0)));
		assertThat(load("cr-1").status()).isEqualTo("RAISED");
	}

	@Test
	void writesNothingWhenNothingChanged() {
		this.aggregates.insert(ChangeRequest.raise("cr-1", "Move cut-over to March"));
		ChangeRequest loaded = load("cr-1");

		this.aggregates.update(loaded, Criteria.where("reviewer").is("nobody"));

		assertThat(load("cr-1").version()).isZero();
		verifyNoInteractions(this.relay);
	}

	private ChangeRequest load(String id) {
		return this.mongo.findById(id, ChangeRequest.class);
	}

	@EventType("io.infrapm.test.ChangeRequestRaised.v1")
	record ChangeRequestRaised(String id, String title) {
	}

	@EventType("io.infrapm.test.ChangeRequestApproved.v1")
	record ChangeRequestApproved(String id, Instant at) {
	}

	/** A small aggregate that changes itself and registers its events. */
	@Document(COLLECTION)
	static class ChangeRequest extends AggregateRoot {

		@Id
		private String id;

		private String title;

		private String status;

		ChangeRequest() {
			// for the mapping layer
		}

		static ChangeRequest raise(String id, String title) {
			ChangeRequest request = new ChangeRequest();
			request.id = id;
			request.title = title;
			request.status = "RAISED";
			request.registerEvent(new ChangeRequestRaised(id, title), PROJECT, id, NOW);
			return request;
		}

		void retitle(String title) {
			this.title = title;
			changed("title", title);
		}

		void approve(Instant at) {
			this.status = "APPROVED";
			changed("status", this.status);
			registerEvent(new ChangeRequestApproved(this.id, at), PROJECT, this.id, at);
		}

		String title() {
			return this.title;
		}

		String status() {
			return this.status;
		}

	}

}
