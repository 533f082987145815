package io.infrapm.platform.messaging;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.platform.events.CloudEventHeaders;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.events.EventMetadata;
import io.infrapm.platform.events.MalformedEnvelopeException;
import io.infrapm.platform.events.PoisonEventException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Routing incoming records by {@code ce_type}, and what is retried, skipped or
 * dead-lettered.
 */
class EventRouterTests {

	private static final String BUDGET_ESTABLISHED = "io.infrapm.budget.BudgetEstablished.v1";

	private static final UUID PROJECT_ID = UUID.fromString("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<IncomingEvent<BudgetEstablished>> budgets = new CopyOnWriteArrayList<>();

	private final List<IncomingEvent<ProjectUpdated>> updates = new CopyOnWriteArrayList<>();

	private final BudgetEstablished budget = new BudgetEstablished(PROJECT_ID, UUID.randomUUID(),
			new BigDecimal("1250000.00"), "EUR", Instant.parse("2025-03-14T09:26:53Z"),
			Actor.service("budget-service"));

	@Test
	void routesAnEventByItsTypeToItsHandlerWithEnvelopeAndKey() {
		EventRouter router = router((event) -> {
			this.budgets.add(event);
			return HandlingOutcome.APPLIED;
		});
		UUID eventId = UUID.randomUUID();

		router.accept(message(eventId, BUDGET_ESTABLISHED, json(this.budget)));

		assertThat(this.updates).isEmpty();
		assertThat(this.budgets).singleElement().satisfies((event) -> {
			assertThat(event.data()).isEqualTo(this.budget);
			assertThat(event.id()).isEqualTo(eventId);
			assertThat(event.metadata().source()).isEqualTo("/infrapm/budget-service");
			assertThat(event.metadata().subject()).isEqualTo(this.budget.budgetId().toString());
			assertThat(event.key()).isEqualTo(PROJECT_ID.toString());
		});
		assertThat(consumed(BUDGET_ESTABLISHED, "applied")).isEqualTo(1);
		assertThat(this.registry.get("infrapm.events.handling").tag("type", BUDGET_ESTABLISHED).timer().count())
			.isEqualTo(1);
	}

	@Test
	void runsEveryHandlerOfATypeInOrderAndCountsTheEventAppliedIfAnyApplied() {
		List<String> calls = new CopyOnWriteArrayList<>();
		EventRouter router = EventRouter.builder(this.registry).on(BudgetEstablished.class, (event) -> {
			calls.add("membership");
			return HandlingOutcome.DUPLICATE;
		}).on(BudgetEstablished.class, (event) -> {
			calls.add("service");
			return HandlingOutcome.APPLIED;
		}).build();

		router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, json(this.budget)));

		assertThat(calls).containsExactly("membership", "service");
		assertThat(consumed(BUDGET_ESTABLISHED, "applied")).isEqualTo(1);
		assertThat(this.registry.get("infrapm.events.handling").tag("type", BUDGET_ESTABLISHED).timer().count())
			.as("one timing per event, not per handler")
			.isEqualTo(1);
	}

	@Test
	void countsARedeliveryThatChangedNothingAsDuplicate() {
		EventRouter router = router((event) -> HandlingOutcome.DUPLICATE);

		router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, json(this.budget)));

		assertThat(consumed(BUDGET_ESTABLISHED, "duplicate")).isEqualTo(1);
		assertThat(this.registry.find("infrapm.events.consumed").tag("outcome", "applied").counter()).isNull();
	}

	@Test
	void skipsATypeNoHandlerIsRegisteredFor() {
		EventRouter router = router((event) -> {
			this.budgets.add(event);
			return HandlingOutcome.APPLIED;
		});

		assertThatNoException().isThrownBy(() -> router
			.accept(message(UUID.randomUUID(), "io.infrapm.test.NotInTheCatalogue.v1", "{\"id\":\"X-1\"}")));

		assertThat(this.budgets).isEmpty();
		assertThat(this.updates).isEmpty();
		// Not (yet) a type of the catalogue: counted, but under the one tag for all such.
		assertThat(consumed("other", "ignored")).isEqualTo(1);
	}

	@Test
	void rejectsABrokenEnvelopeAsPoison() {
		EventRouter router = router((event) -> HandlingOutcome.APPLIED);
		Message<byte[]> withoutId = MessageBuilder.withPayload(json(this.budget).getBytes(StandardCharsets.UTF_8))
			.copyHeaders(headersWithout(CloudEventHeaders.ID))
			.build();

		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> router.accept(withoutId))
			.withMessageContaining("ce_id");

		assertThat(consumed("other", "poison")).isEqualTo(1);
	}

	@Test
	void rejectsDataThatIsNotJsonAsPoisonWithoutCallingTheHandler() {
		EventRouter router = router((event) -> {
			this.budgets.add(event);
			return HandlingOutcome.APPLIED;
		});

		assertThatExceptionOfType(PoisonEventException.class)
			.isThrownBy(() -> router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, "{\"projectId\": ")))
			.withMessageContaining(BUDGET_ESTABLISHED)
			.withCauseInstanceOf(JacksonException.class);

		assertThat(this.budgets).isEmpty();
		assertThat(consumed(BUDGET_ESTABLISHED, "poison")).isEqualTo(1);
	}

	@Test
	void rejectsDataThatDoesNotFitTheContractAsPoison() {
		EventRouter router = router((event) -> HandlingOutcome.APPLIED);
		String wrongAmount = json(this.budget).replace("1250000.00", "\"a lot\"");

		assertThatExceptionOfType(PoisonEventException.class)
			.isThrownBy(() -> router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, wrongAmount)));
		assertThatExceptionOfType(PoisonEventException.class)
			.isThrownBy(() -> router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, "null")));

		assertThat(consumed(BUDGET_ESTABLISHED, "poison")).isEqualTo(2);
	}

	@Test
	void rejectsAnUnknownVersionOfAHandledTypeAsPoison() {
		EventRouter router = router((event) -> HandlingOutcome.APPLIED);

		assertThatExceptionOfType(PoisonEventException.class)
			.isThrownBy(() -> router
				.accept(message(UUID.randomUUID(), "io.infrapm.budget.BudgetEstablished.v2", json(this.budget))))
			.withMessageContaining("io.infrapm.budget.BudgetEstablished.v2");

		assertThat(consumed("other", "poison")).isEqualTo(1);
	}

	@Test
	void letsAHandlerFailurePropagateSoTheBinderRetries() {
		IllegalStateException databaseDown = new IllegalStateException("MongoDB not reachable");
		EventRouter router = router((event) -> {
			throw databaseDown;
		});

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, json(this.budget))))
			.isSameAs(databaseDown)
			.isNotInstanceOf(PoisonEventException.class);

		assertThat(consumed(BUDGET_ESTABLISHED, "failed")).isEqualTo(1);
	}

	@Test
	void countsEachOutcomePerType() {
		EventRouter router = EventRouter.builder(this.registry)
			.on(BudgetEstablished.class, (event) -> HandlingOutcome.APPLIED)
			.on(ProjectUpdated.class, (event) -> HandlingOutcome.DUPLICATE)
			.build();

		router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, json(this.budget)));
		router.accept(message(UUID.randomUUID(), BUDGET_ESTABLISHED, json(this.budget)));
		router.accept(message(UUID.randomUUID(), "io.infrapm.project.ProjectUpdated.v1",
				"{\"projectId\":\"" + PROJECT_ID + "\",\"name\":\"Frankfurt DC exit\",\"version\":2}"));

		assertThat(consumed(BUDGET_ESTABLISHED, "applied")).isEqualTo(2);
		assertThat(consumed("io.infrapm.project.ProjectUpdated.v1", "duplicate")).isEqualTo(1);
		assertThat(this.registry.find("infrapm.events.consumed").counters()).hasSize(2);
	}

	@Test
	void derivesTheLogicalNameOfAVersionedType() {
		assertThat(EventRouter.logicalName("io.infrapm.project.ProjectCreated.v12"))
			.isEqualTo("io.infrapm.project.ProjectCreated");
	}

	private EventRouter router(EventHandler<BudgetEstablished> budgetHandler) {
		return EventRouter.builder(this.registry)
			.on(BudgetEstablished.class, budgetHandler)
			.on(ProjectUpdated.class, (event) -> {
				this.updates.add(event);
				return HandlingOutcome.APPLIED;
			})
			.build();
	}

	private double consumed(String type, String outcome) {
		return this.registry.get("infrapm.events.consumed").tags("type", type, "outcome", outcome).counter().count();
	}

	private Message<byte[]> message(UUID eventId, String type, String data) {
		EventMetadata metadata = new EventMetadata(eventId, "/infrapm/budget-service", type,
				Instant.parse("2025-03-14T09:26:53.589Z"), this.budget.budgetId().toString());
		return MessageBuilder.withPayload(data.getBytes(StandardCharsets.UTF_8))
			.copyHeaders(CloudEventHeaders.of(metadata))
			.setHeader(KafkaHeaders.RECEIVED_KEY, PROJECT_ID.toString().getBytes(StandardCharsets.UTF_8))
			.build();
	}

	private Map<String, Object> headersWithout(String header) {
		Map<String, Object> headers = new java.util.HashMap<>(CloudEventHeaders.of(new EventMetadata(UUID.randomUUID(),
				"/infrapm/budget-service", BUDGET_ESTABLISHED, Instant.now(), "budget-1")));
		headers.remove(header);
		return headers;
	}

	private static String json(Object data) {
		return EventJson.mapper().writeValueAsString(data);
	}

}
