package io.infrapm.budget.portfolio;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.budget.baseline.Budget;
import io.infrapm.budget.baseline.BudgetChanged;
import io.infrapm.platform.lifecycle.PeriodicSweep;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps each budget's row in {@code budget_rows} equal to the budget: after every write
 * of a budget its row is read from it again (serialised per project within the instance,
 * so the later read is the later state), and a periodic run compares every row with its
 * budget and mends what differs: a row a crash left behind between the budget's write and
 * its own, a row written out of order by another instance, a row that never existed
 * because the budget came from before rows did. After a mend, and whenever rows changed,
 * it asks the totals to be counted again.
 */
@Component
public class BudgetRows extends PeriodicSweep {

	private static final Logger log = LoggerFactory.getLogger(BudgetRows.class);

	private static final int STRIPES = 64;

	private final MongoOperations mongo;

	private final BudgetTotals totals;

	private final Object[] stripes = new Object[STRIPES];

	BudgetRows(MongoOperations mongo, BudgetTotals totals, PortfolioSettings settings) {
		super("budget-rows", settings.firstReconcile(), settings.reconcileInterval());
		this.mongo = mongo;
		this.totals = totals;
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new Object();
		}
	}

	/**
	 * Copies a budget's row after the budget was written. A failure here leaves the row
	 * as it was until the next periodic run; the budget's own write stands.
	 * @param changed which budget
	 */
	@EventListener
	public void onBudgetChanged(BudgetChanged changed) {
		try {
			refresh(changed.projectId());
		}
		catch (DataAccessException ex) {
			log.warn("The portfolio row of project {} is mended at the next run: {}", changed.projectId(),
					ex.getMessage());
		}
	}

	/**
	 * Reads a budget's row from the budget and stores it.
	 * @param projectId the project
	 */
	void refresh(UUID projectId) {
		synchronized (this.stripes[Math.floorMod(projectId.hashCode(), STRIPES)]) {
			Query query = Query.query(Criteria.where("_id").is(projectId));
			query.fields().include(BudgetRow.FIELDS);
			BudgetRow row = this.mongo.findOne(query, BudgetRow.class, budgets());
			if (row == null) {
				return;
			}
			this.mongo.save(row);
		}
		this.totals.changed();
	}

	/**
	 * Compares every row with its budget and mends those that differ.
	 * @return how many rows were mended
	 */
	@Override
	public int sweep() {
		Query budgets = new Query();
		budgets.fields().include(BudgetRow.FIELDS);
		Map<UUID, BudgetRow> rows = new HashMap<>();
		this.mongo.stream(new Query(), BudgetRow.class).forEach((row) -> rows.put(row.projectId(), row));
		int mended = 0;
		try (var stream = this.mongo.stream(budgets, BudgetRow.class, budgets())) {
			for (BudgetRow budget : (Iterable<BudgetRow>) stream::iterator) {
				BudgetRow row = rows.remove(budget.projectId());
				if (!Objects.equals(row, budget)) {
					// Read again under the project's lock: the budget may have changed
					// since the scan began, and its own refresh must not be undone.
					refresh(budget.projectId());
					mended++;
				}
			}
		}
		for (UUID orphan : rows.keySet()) {
			this.mongo.remove(Query.query(Criteria.where("_id").is(orphan)), BudgetRow.class);
			mended++;
		}
		if (mended > 0) {
			log.info("Mended {} portfolio rows", mended);
		}
		// Counted again after every comparison, not only after a mend: another
		// instance may have changed rows and died before it counted them.
		this.totals.changed();
		return mended;
	}

	private String budgets() {
		return this.mongo.getCollectionName(Budget.class);
	}

}
