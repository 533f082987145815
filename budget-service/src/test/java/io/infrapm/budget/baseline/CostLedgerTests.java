package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.platform.outbox.Aggregates;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost ledger against the embedded MongoDB: an entry whose request crashed after the
 * budget accepted it, before it reached the ledger, is moved there by the sweep, once,
 * however often the move is repeated.
 */
@SpringBootTest
class CostLedgerTests {

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private Aggregates aggregates;

	@Autowired
	private BudgetBook book;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("budget-ledger-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void anEntryLeftInItsBudgetByACrashIsMovedToTheLedgerOnce() {
		UUID projectId = UUID.randomUUID();
		this.book.establish(UUID.randomUUID(), projectId, "L-1", "Ledger", new BigDecimal("1000"), "EUR", null, null);
		Budget budget = this.mongo.findById(projectId, Budget.class);
		Cost cost = budget.record(new NewCost(CostKind.ACTUAL, new BigDecimal("12.50"), "EUR", null, CostCategory.OTHER,
				ExpenditureType.OPEX, null, LocalDate.parse("2027-03-01"), null, "R-1", null, null)
			.toCost(UUID.randomUUID(), budget), PAT, Instant.now());
		// Accepted, and then the request died before the ledger saw it.
		this.aggregates.update(budget);
		assertThat(ledgered(projectId)).isZero();

		CostLedger early = new CostLedger(this.mongo, Clock.systemUTC());
		assertThat(early.sweep()).as("within its grace the request may still move it").isZero();
		CostLedger later = new CostLedger(this.mongo, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(6)));
		assertThat(later.sweep()).isPositive();
		assertThat(ledgered(projectId)).isEqualTo(1);
		assertThat(this.mongo.findById(projectId, Budget.class).newCosts()).isEmpty();

		// A move that inserted the entry and died before it emptied the budget's list.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(projectId)),
				new org.springframework.data.mongodb.core.query.Update().push("newCosts", cost), Budget.class);
		assertThat(later.flush(projectId)).as("moved again").isEqualTo(1);
		assertThat(ledgered(projectId)).as("and found there").isEqualTo(1);
		assertThat(this.mongo.findById(projectId, Budget.class).newCosts()).isEmpty();
		assertThat(this.mongo.findById(projectId, Budget.class).actual()).isEqualByComparingTo("12.50");
		assertThat(this.book.cost(projectId, cost.id()).amount()).isEqualByComparingTo("12.50");
	}

	private long ledgered(UUID projectId) {
		return this.mongo.count(Query.query(Criteria.where("projectId").is(projectId)), Cost.class);
	}

}
