package io.infrapm.platform.outbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.platform.events.EventJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Wrapping a contract record for the outbox.
 */
class OutboxEntryTests {

	private static final UUID PROJECT_ID = UUID.fromString("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");

	private static final UUID BUDGET_ID = UUID.fromString("0b7e3c55-91d2-4b0f-8f4e-5a3c2d1e0f99");

	private final BudgetEstablished budget = new BudgetEstablished(PROJECT_ID, BUDGET_ID, new BigDecimal("1E+6"), "EUR",
			Instant.parse("2025-03-14T09:26:53.589Z"), Actor.service("budget-service"));

	@Test
	void takesTheWireTypeFromTheContractAnnotationNotTheClassName() {
		OutboxEntry entry = OutboxEntry.of(this.budget, PROJECT_ID, BUDGET_ID, Instant.now());

		assertThat(entry.type()).isEqualTo("io.infrapm.budget.BudgetEstablished.v1");
	}

	@Test
	void keysTheEventByProjectAndNamesTheAggregateAsSubject() {
		OutboxEntry entry = OutboxEntry.of(this.budget, PROJECT_ID, BUDGET_ID, Instant.now());

		assertThat(entry.key()).isEqualTo("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");
		assertThat(entry.subject()).isEqualTo("0b7e3c55-91d2-4b0f-8f4e-5a3c2d1e0f99");
	}

	@Test
	void carriesTheEventAsEventJson() {
		OutboxEntry entry = OutboxEntry.of(this.budget, PROJECT_ID, BUDGET_ID, Instant.now());

		assertThat(entry.payload()).contains("\"budgetAtCompletion\":1000000");
		assertThat(EventJson.mapper().readValue(entry.payload(), BudgetEstablished.class)).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(this.budget);
	}

	@Test
	void givesEveryEntryItsOwnEventId() {
		OutboxEntry first = OutboxEntry.of(this.budget, PROJECT_ID, BUDGET_ID, Instant.now());
		OutboxEntry second = OutboxEntry.of(this.budget, PROJECT_ID, BUDGET_ID, Instant.now());

		assertThat(first.eventId()).isNotNull().isNotEqualTo(second.eventId());
	}

	@Test
	void keepsAnEventIdTheCallerDerivedFromTheCause() {
		UUID derived = UUID.fromString("3d0c9a7e-5f21-4b8e-9a64-1e2f3a4b5c6d");

		OutboxEntry first = OutboxEntry.of(derived, this.budget, PROJECT_ID, BUDGET_ID, Instant.now());
		OutboxEntry again = OutboxEntry.of(derived, this.budget, PROJECT_ID, BUDGET_ID, Instant.now());

		assertThat(first.eventId()).isEqualTo(derived).isEqualTo(again.eventId());
		assertThat(first.type()).isEqualTo("io.infrapm.budget.BudgetEstablished.v1");
	}

	@Test
	void refusesAnEntryWithoutAnEventId() {
		assertThatNullPointerException()
			.isThrownBy(() -> OutboxEntry.of(null, this.budget, PROJECT_ID, BUDGET_ID, Instant.now()))
			.withMessageContaining("eventId");
	}

	@Test
	void keepsTheTimeToTheMillisecondAsMongoDbStoresIt() {
		OutboxEntry entry = OutboxEntry.of(this.budget, PROJECT_ID, BUDGET_ID,
				Instant.parse("2025-03-14T09:26:53.589793238Z"));

		assertThat(entry.time()).isEqualTo(Instant.parse("2025-03-14T09:26:53.589Z"));
	}

	@Test
	void rejectsARecordThatIsNotAnEventContract() {
		record RiskScribble(String note) {
		}

		assertThatIllegalArgumentException()
			.isThrownBy(() -> OutboxEntry.of(new RiskScribble("call vendor"), PROJECT_ID, BUDGET_ID, Instant.now()))
			.withMessageContaining("RiskScribble")
			.withMessageContaining("@EventType");
	}

	@Test
	void rejectsAnEntryWithoutAKey() {
		assertThatNullPointerException()
			.isThrownBy(() -> new OutboxEntry(UUID.randomUUID(), "io.infrapm.budget.BudgetEstablished.v1", null,
					BUDGET_ID.toString(), Instant.now(), "{}"))
			.withMessageContaining("key");
	}

}
