package io.infrapm.budget.baseline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.infrapm.platform.lifecycle.PeriodicSweep;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Moves cost entries from the budget that accepted them into the ledger collection, as
 * the outbox relay moves events to the broker: right after each write, and by a sweep
 * every few seconds for a budget whose request crashed in between. Each entry is inserted
 * under its own id, so a second move finds it there and changes nothing; the budget's
 * list is emptied only if no write came in between, so no entry is dropped.
 */
@Component
public class CostLedger extends PeriodicSweep {

	/** How long an entry may wait in its budget before the sweep moves it. */
	static final Duration GRACE = Duration.ofSeconds(5);

	private final MongoOperations mongo;

	private final Clock clock;

	CostLedger(MongoOperations mongo, Clock clock) {
		super("cost-ledger", GRACE);
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Moves a budget's waiting entries into the ledger.
	 * @param projectId the project
	 * @return how many were waiting
	 */
	public int flush(UUID projectId) {
		for (int attempt = 1; attempt <= 5; attempt++) {
			Budget budget = this.mongo.findById(projectId, Budget.class);
			if (budget == null || budget.newCosts().isEmpty()) {
				return 0;
			}
			List<Cost> waiting = budget.newCosts();
			for (Cost cost : waiting) {
				try {
					this.mongo.insert(cost);
				}
				catch (DuplicateKeyException ex) {
					// Moved before: the entry is in the ledger.
				}
			}
			Query unchanged = Query
				.query(Criteria.where("_id").is(projectId).and(AggregateRoot.VERSION_FIELD).is(budget.version()));
			if (this.mongo.findAndModify(unchanged, new Update().set("newCosts", List.of()).unset("newCostsSince"),
					Budget.class) != null) {
				return waiting.size();
			}
		}
		// Kept changing: the next write or the sweep moves the rest.
		return 0;
	}

	/**
	 * Moves the entries of every budget that waited longer than {@link #GRACE}.
	 * @return how many budgets it flushed
	 */
	@Override
	public int sweep() {
		Query waiting = Query.query(Criteria.where("newCostsSince").lt(this.clock.instant().minus(GRACE)));
		waiting.fields().include("_id");
		int flushed = 0;
		for (Budget budget : this.mongo.find(waiting.limit(500), Budget.class)) {
			flush(budget.projectId());
			flushed++;
		}
		return flushed;
	}

}
