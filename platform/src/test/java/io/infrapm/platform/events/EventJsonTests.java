package io.infrapm.platform.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.Stakeholder;
import io.infrapm.contracts.project.StakeholderAdded;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON form of event data: what consumers in any language read.
 */
class EventJsonTests {

	private static final UUID PROJECT_ID = UUID.fromString("6a1f0d4c-3b8e-4d52-a1e7-0c9b5f2e7d31");

	private final ProjectUpdated update = new ProjectUpdated(PROJECT_ID, "DC-2025-01", "Frankfurt DC exit",
			ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.HYBRID, new Person("Ada Lovelace", "ada@example.com"),
			new Person("Grace Hopper", "grace@example.com"), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 12, 19), 3,
			Instant.parse("2025-03-14T09:26:53.589Z"), new Actor("ada@example.com", "ada@example.com", "Ada Lovelace"),
			"Move out of the Frankfurt data centre");

	@Test
	void writesDatesAndTimestampsAsIsoStrings() {
		JsonNode json = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(this.update));

		assertThat(json.get("plannedStart").isString()).isTrue();
		assertThat(json.get("plannedStart").asString()).isEqualTo("2025-04-01");
		assertThat(json.get("plannedFinish").asString()).isEqualTo("2025-12-19");
		assertThat(json.get("updatedAt").asString()).isEqualTo("2025-03-14T09:26:53.589Z");
		assertThat(json.get("category").asString()).isEqualTo("DATA_CENTRE_MIGRATION");
	}

	@Test
	void readsStakeholdersPublishedBeforeTheyCarriedTheirOrganisationAndWishForReports() {
		String added = """
				{"projectId":"%s","stakeholderId":"%s","name":"Ada","email":"ada@example.com","role":"ENGINEER",
				 "addedAt":"2026-11-02T10:00:00Z","actor":{"subject":"pat","email":"pat@example.com","name":"Pat"}}
				""".formatted(PROJECT_ID, UUID.randomUUID());

		StakeholderAdded event = EventJson.mapper().readValue(added, StakeholderAdded.class);

		assertThat(event.receivesReports()).as("a stakeholder of before receives reports").isTrue();
		assertThat(event.organisation()).isNull();
		Stakeholder listed = EventJson.mapper()
			.readValue("{\"stakeholderId\":\"%s\",\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"ENGINEER\"}"
				.formatted(UUID.randomUUID()), Stakeholder.class);
		assertThat(listed.receivesReports()).isTrue();
	}

	@Test
	void readsBackWhatItWrote() {
		String json = EventJson.mapper().writeValueAsString(this.update);

		assertThat(EventJson.mapper().readValue(json, ProjectUpdated.class)).isEqualTo(this.update);
	}

	@Test
	void writesAmountsAsPlainDecimalsNeverInScientificNotation() {
		BudgetEstablished budget = new BudgetEstablished(PROJECT_ID, UUID.randomUUID(), new BigDecimal("1E+6"), "EUR",
				Instant.parse("2025-03-14T09:26:53Z"), Actor.service("budget-service"));

		String json = EventJson.mapper().writeValueAsString(budget);

		assertThat(json).contains("\"budgetAtCompletion\":1000000").doesNotContain("E+");
	}

	@Test
	void keepsTheScaleAndPrecisionOfAmounts() {
		String json = """
				{"projectId":"%s","budgetId":"%s","budgetAtCompletion":12345678901234567890.10,
				 "currency":"EUR","establishedAt":"2025-03-14T09:26:53Z"}""".formatted(PROJECT_ID, UUID.randomUUID());

		BudgetEstablished budget = EventJson.mapper().readValue(json, BudgetEstablished.class);

		assertThat(budget.budgetAtCompletion()).isEqualTo(new BigDecimal("12345678901234567890.10"));
		assertThat(EventJson.mapper().writeValueAsString(budget)).contains("12345678901234567890.10");
	}

	@Test
	void ignoresPropertiesAddedByANewerProducer() {
		String json = """
				{"projectId":"%s","budgetId":"%s","budgetAtCompletion":250000,"currency":"EUR",
				 "establishedAt":"2025-03-14T09:26:53Z","costCentre":{"code":"IT-OPS","owner":"cfo"},"riskReserve":5000}"""
			.formatted(PROJECT_ID, UUID.randomUUID());

		BudgetEstablished budget = EventJson.mapper().readValue(json, BudgetEstablished.class);

		assertThat(budget.projectId()).isEqualTo(PROJECT_ID);
		assertThat(budget.budgetAtCompletion()).isEqualByComparingTo("250000");
		assertThat(budget.currency()).isEqualTo("EUR");
	}

	@Test
	void readsAnEnumValueAddedByANewerProducerAsNull() {
		String json = EventJson.mapper()
			.writeValueAsString(this.update)
			.replace("DATA_CENTRE_MIGRATION", "QUANTUM_NETWORK_ROLLOUT");

		ProjectUpdated read = EventJson.mapper().readValue(json, ProjectUpdated.class);

		assertThat(read.category()).isNull();
		assertThat(read.methodology()).isEqualTo(Methodology.HYBRID);
		assertThat(read.plannedStart()).isEqualTo(LocalDate.of(2025, 4, 1));
	}

}
