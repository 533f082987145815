package io.infrapm.platform.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.infrapm.embedded.LocalMongo;
import io.infrapm.platform.messaging.HandlingOutcome;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotent effects of incoming events against a real MongoDB-wire server: a redelivery
 * or a replay changes nothing.
 */
class EventIdempotencyTests {

	private static final UUID PROJECT_ID = UUID.fromString("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");

	private static LocalMongo server;

	private static MongoClient client;

	private static int databases;

	private MongoTemplate mongo;

	@BeforeAll
	static void startMongo() {
		server = LocalMongo.inMemory();
		client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(server.connectionString("idempotency")))
			.uuidRepresentation(UuidRepresentation.STANDARD)
			.build());
	}

	@AfterAll
	static void stopMongo() {
		client.close();
		server.close();
	}

	@BeforeEach
	void freshDatabase() {
		this.mongo = new MongoTemplate(client, "idempotency-" + (++databases));
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
	void appliesAnUpdateOncePerEventId() {
		this.mongo.insert(new RiskRegister(PROJECT_ID, "Frankfurt DC exit", 0, new ArrayList<>()));
		UUID renamed = UUID.randomUUID();

		assertThat(rename(renamed, "Frankfurt DC exit, phase 1")).isEqualTo(HandlingOutcome.APPLIED);
		assertThat(rename(renamed, "Frankfurt DC exit, phase 1")).isEqualTo(HandlingOutcome.DUPLICATE);

		RiskRegister register = register();
		assertThat(register.projectName()).isEqualTo("Frankfurt DC exit, phase 1");
		assertThat(register.renames()).isEqualTo(1);
		assertThat(register.appliedEvents()).containsExactly(renamed);
	}

	@Test
	void aRedeliveredEventChangesNothingEvenAfterLaterEvents() {
		this.mongo.insert(new RiskRegister(PROJECT_ID, "Frankfurt DC exit", 0, new ArrayList<>()));
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		rename(first, "Phase 1");
		rename(second, "Phase 2");

		assertThat(rename(first, "Phase 1")).isEqualTo(HandlingOutcome.DUPLICATE);

		RiskRegister register = register();
		assertThat(register.projectName()).isEqualTo("Phase 2");
		assertThat(register.renames()).isEqualTo(2);
		assertThat(register.appliedEvents()).containsExactly(first, second);
	}

	@Test
	void reportsAnUpdateOfAMissingDocumentAsNotApplied() {
		assertThat(rename(UUID.randomUUID(), "Phase 1")).isEqualTo(HandlingOutcome.DUPLICATE);
		assertThat(this.mongo.count(new Query(), RiskRegister.class)).isZero();
	}

	@Test
	void remembersABoundedWindowOfAppliedEvents() {
		List<UUID> remembered = IntStream.range(0, EventIdempotency.REMEMBERED_EVENTS)
			.mapToObj((i) -> UUID.randomUUID())
			.toList();
		this.mongo.insert(new RiskRegister(PROJECT_ID, "Frankfurt DC exit", 0, new ArrayList<>(remembered)));
		UUID latest = UUID.randomUUID();

		assertThat(rename(latest, "Phase 1")).isEqualTo(HandlingOutcome.APPLIED);

		List<UUID> applied = register().appliedEvents();
		assertThat(applied).hasSize(EventIdempotency.REMEMBERED_EVENTS)
			.doesNotContain(remembered.get(0))
			.startsWith(remembered.get(1))
			.endsWith(latest);
		assertThat(rename(latest, "Phase 1")).isEqualTo(HandlingOutcome.DUPLICATE);
		assertThat(rename(remembered.get(1), "Phase 0")).isEqualTo(HandlingOutcome.DUPLICATE);
		assertThat(register().renames()).isEqualTo(1);
	}

	private HandlingOutcome rename(UUID eventId, String name) {
		return EventIdempotency.updateOnce(this.mongo, Query.query(Criteria.where("_id").is(PROJECT_ID)),
				new Update().set("projectName", name).inc("renames", 1), eventId, RiskRegister.class);
	}

	private RiskRegister register() {
		return this.mongo.findById(PROJECT_ID, RiskRegister.class);
	}

	@Document("notifications")
	record Notification(@Id UUID id, String recipient, String subject) {
	}

	@Document("risk_registers")
	record RiskRegister(@Id UUID projectId, String projectName, int renames, List<UUID> appliedEvents) {
	}

}
