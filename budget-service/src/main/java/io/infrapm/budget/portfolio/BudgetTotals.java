package io.infrapm.budget.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.infrapm.platform.lifecycle.PeriodicSweep;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The portfolio's totals per currency, kept in {@code budget_totals} so that a summary
 * reads one small document per currency instead of summing ten thousand rows. Counted
 * again over the rows a short while after they changed (at most once per
 * {@code infrapm.budget.portfolio.totals-interval}, so a burst of costs costs one count);
 * each total says when its rows were read. With several instances, a count never replaces
 * one made from a later read.
 */
@Component
public class BudgetTotals extends PeriodicSweep {

	private final MongoOperations mongo;

	private final Clock clock;

	private final AtomicBoolean changed = new AtomicBoolean(true);

	private final AtomicReference<PortfolioOrder> order = new AtomicReference<>();

	BudgetTotals(MongoOperations mongo, Clock clock, PortfolioSettings settings) {
		super("budget-totals", settings.totalsInterval());
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Rows changed: the totals are counted again at the next run. */
	void changed() {
		this.changed.set(true);
	}

	/**
	 * Counts the totals again if rows changed since the last count.
	 * @return how many currencies were counted
	 */
	@Override
	public int sweep() {
		if (!this.changed.getAndSet(false) && !countedElsewhere()) {
			return 0;
		}
		try {
			return count();
		}
		catch (RuntimeException ex) {
			this.changed.set(true);
			throw ex;
		}
	}

	/**
	 * Counts every currency's total over the rows, now.
	 * @return how many currencies there are
	 */
	public int count() {
		Instant readAt = this.clock.instant();
		Query rows = new Query();
		rows.fields().include(BudgetRow.FIELDS);
		Map<String, BudgetPortfolio.Total> totals = new TreeMap<>();
		List<PortfolioOrder.Entry> entries = new ArrayList<>();
		try (var stream = this.mongo.stream(rows, BudgetRow.class)) {
			stream.forEach((row) -> {
				totals.merge(row.currency(), BudgetPortfolio.Total.of(row), BudgetPortfolio.Total::plus);
				entries.add(new PortfolioOrder.Entry(row.projectCode(), row.projectId(), row.currency()));
			});
		}
		this.order.set(PortfolioOrder.of(entries, readAt));
		for (BudgetPortfolio.Total total : totals.values()) {
			keep(total, readAt);
		}
		this.mongo.remove(Query.query(Criteria.where("_id").nin(totals.keySet()).and("countedAt").lt(readAt)),
				KeptTotal.class);
		return totals.size();
	}

	private void keep(BudgetPortfolio.Total total, Instant readAt) {
		Query older = Query.query(Criteria.where("_id")
			.is(total.currency())
			.orOperator(Criteria.where("countedAt").lt(readAt), Criteria.where("countedAt").exists(false)));
		Update update = new Update().set("projects", total.projects())
			.set("budgetAtCompletion", total.budgetAtCompletion())
			.set("actual", total.actual())
			.set("committed", total.committed())
			.set("estimateAtCompletion", total.estimateAtCompletion())
			.set("projectsWithEstimate", total.projectsWithEstimate())
			.set("countedAt", readAt);
		try {
			this.mongo.upsert(older, update, KeptTotal.class);
		}
		catch (DuplicateKeyException ex) {
			// Another instance kept a count from a later read: it stands.
		}
	}

	/**
	 * Whether another instance counted rows after this one last did: it changed rows this
	 * one has not seen, so the order of the portfolio here is older than the totals.
	 */
	private boolean countedElsewhere() {
		PortfolioOrder current = this.order.get();
		if (current == null) {
			return true;
		}
		Query newer = Query.query(Criteria.where("countedAt").gt(current.readAt()));
		return this.mongo.exists(newer, KeptTotal.class);
	}

	/**
	 * The portfolio in code order as of the last count here.
	 * @return it, or {@code null} before the first count
	 */
	PortfolioOrder order() {
		return this.order.get();
	}

	/**
	 * The kept totals.
	 * @param currency only this currency, or {@code null} for all
	 * @return them, by currency
	 */
	List<KeptTotal> kept(String currency) {
		Query query = (currency != null) ? Query.query(Criteria.where("_id").is(currency)) : new Query();
		return this.mongo.find(query.with(org.springframework.data.domain.Sort.by("_id")), KeptTotal.class);
	}

}
