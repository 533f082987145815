package io.infrapm.platform.idempotency;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.infrapm.platform.TestMongo;
import io.infrapm.platform.events.EventMetadata;
import io.infrapm.platform.events.PoisonEventException;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.messaging.UnknownAggregateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Idempotent effects of incoming events against a real MongoDB-wire server: a redelivery,
 * a late older event or a replay of a long history changes nothing, and an event about a
 * document not known yet is never mistaken for a duplicate.
 */
class EventIdempotencyTests {

	private static final UUID PROJECT_ID = UUID.fromString("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");

	private MongoTemplate mongo;

	@BeforeEach
	void freshDatabase() {
		this.mongo = TestMongo.freshDatabase("idempotency");
	}

	@Test
	void insertsWhatAnEventCreatesOnlyOnce() {
		UUID eventId = UUID.randomUUID();
		Notification first = new Notification(EventIdempotency.derivedId(eventId, "ada@example.com"), "ada@example.com",
				"Milestone missed: cut-over");
		Notification redelivered = new Notification(EventIdempotency.derivedId(eventId, "ada@example.com"),
				"ada@example.com", "Milestone missed: cut-over (again)");

		assertThat(EventIdempotency.insertOnce(this.mongo, first)).isEqualTo(HandlingOutcome.APPLIED);
		assertThat(EventIdempotency.insertOnce(this.mongo, redelivered)).isEqualTo(HandlingOutcome.DUPLICATE);

		assertThat(this.mongo.findAll(Notification.class)).containsExactly(first);
	}

	@Test
	void derivesTheSameIdOnRedeliveryAndDistinctIdsPerThingCreated() {
		UUID eventId = UUID.randomUUID();

		assertThat(EventIdempotency.derivedId(eventId, "ada@example.com"))
			.isEqualTo(EventIdempotency.derivedId(UUID.fromString(eventId.toString()), "ada@example.com"))
			.isNotEqualTo(EventIdempotency.derivedId(eventId, "grace@example.com"))
			.isNotEqualTo(EventIdempotency.derivedId(UUID.randomUUID(), "ada@example.com"));
	}

	@Test
	void appliesAStateTransferOnlyWhenItIsNewerThanWhatTheDocumentHolds() {
		this.mongo.insert(new RiskRegister(PROJECT_ID, "Frankfurt DC exit", 0, 0L, null));

		assertThat(rename(3, "Phase 3")).isEqualTo(HandlingOutcome.APPLIED);
		assertThat(rename(3, "Phase 3")).as("the same event again").isEqualTo(HandlingOutcome.DUPLICATE);
		assertThat(rename(2, "Phase 2")).as("an older event arriving late").isEqualTo(HandlingOutcome.DUPLICATE);

		RiskRegister register = register();
		assertThat(register.projectName()).isEqualTo("Phase 3");
		assertThat(register.renames()).isEqualTo(1);
		assertThat(register.projectRevision()).isEqualTo(3);
	}

	@Test
	void aReplayFromTheStartOfMoreThanAThousandEventsChangesNothing() {
		this.mongo.insert(new RiskRegister(PROJECT_ID, "Frankfurt DC exit", 0, 0L, null));
		UUID subject = UUID.randomUUID();
		List<IncomingEvent<String>> history = IntStream.rangeClosed(1, 1500)
			.mapToObj((sequence) -> event(subject, sequence))
			.toList();
		history.forEach((event) -> assertThat(count(event)).isEqualTo(HandlingOutcome.APPLIED));

		history.forEach((event) -> assertThat(count(event)).isEqualTo(HandlingOutcome.DUPLICATE));

		assertThat(register().renames()).isEqualTo(1500);
		assertThat(register().appliedSequences()).containsExactly(Map.entry(subject.toString(), 1500L));
	}

	@Test
	void keepsTheSequencesOfDifferentSubjectsApart() {
		this.mongo.insert(new RiskRegister(PROJECT_ID, "Frankfurt DC exit", 0, 0L, null));
		UUID budget = UUID.randomUUID();
		UUID milestone = UUID.randomUUID();

		assertThat(count(event(budget, 7))).isEqualTo(HandlingOutcome.APPLIED);
		assertThat(count(event(milestone, 1))).isEqualTo(HandlingOutcome.APPLIED);
		assertThat(count(event(milestone, 1))).isEqualTo(HandlingOutcome.DUPLICATE);
		assertThat(count(event(budget, 8))).isEqualTo(HandlingOutcome.APPLIED);

		assertThat(register().renames()).isEqualTo(3);
	}

	@Test
	void refusesToApplyAnEventWithoutSequenceInOrder() {
		this.mongo.insert(new RiskRegister(PROJECT_ID, "Frankfurt DC exit", 0, 0L, null));
		IncomingEvent<String> unsequenced = new IncomingEvent<>(new EventMetadata(UUID.randomUUID(),
				"/infrapm/project-service", "io.infrapm.project.ProjectUpdated.v1", Instant.now(), "p-1"), null, "");

		assertThatExceptionOfType(PoisonEventException.class).isThrownBy(() -> count(unsequenced));
		assertThat(register().renames()).isZero();
	}

	@Test
	void anUpdateOfADocumentNotKnownYetIsNeverTakenForADuplicate() {
		assertThatExceptionOfType(UnknownAggregateException.class).isThrownBy(() -> rename(1, "Phase 1"));
		assertThatExceptionOfType(UnknownAggregateException.class).isThrownBy(() -> count(event(UUID.randomUUID(), 1)));
		assertThat(this.mongo.count(new Query(), RiskRegister.class)).isZero();
	}

	private HandlingOutcome rename(long revision, String name) {
		return EventIdempotency.applyIfNewer(this.mongo, byId(), "projectRevision", revision,
				new Update().set("projectName", name).inc("renames", 1), RiskRegister.class);
	}

	private HandlingOutcome count(IncomingEvent<String> event) {
		return EventIdempotency.applyInOrder(this.mongo, byId(), event, new Update().inc("renames", 1),
				RiskRegister.class);
	}

	private static IncomingEvent<String> event(UUID subject, long sequence) {
		return new IncomingEvent<>(new EventMetadata(UUID.randomUUID(), "/infrapm/budget-service",
				"io.infrapm.budget.CostRecorded.v1", Instant.now(), subject.toString(), sequence),
				PROJECT_ID.toString(), "");
	}

	private static Query byId() {
		return Query.query(Criteria.where("_id").is(PROJECT_ID));
	}

	private RiskRegister register() {
		return this.mongo.findById(PROJECT_ID, RiskRegister.class);
	}

	@Document("notifications")
	record Notification(@Id UUID id, String recipient, String subject) {
	}

	@Document("risk_registers")
	record RiskRegister(@Id UUID projectId, String projectName, int renames, Long projectRevision,
			Map<String, Long> appliedSequences) {
	}

}
