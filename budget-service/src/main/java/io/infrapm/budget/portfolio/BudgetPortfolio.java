package io.infrapm.budget.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.security.ProjectMemberships;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The budget summary of the projects a caller may see the money of: the whole portfolio
 * for those who read it, otherwise the projects the caller manages, sponsors or is a
 * sponsor, steering-committee, executive or finance stakeholder of. Reads the budgets'
 * rows, never their costs: for the whole portfolio one page of rows in code order and the
 * totals kept per currency; for a member the rows of the projects they see, summed as
 * they are read.
 */
@Service
public class BudgetPortfolio {

	private static final Comparator<BudgetRow> BY_CODE = Comparator
		.comparing(BudgetRow::projectCode, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(BudgetRow::projectId);

	private final MongoOperations mongo;

	private final ProjectMemberships memberships;

	private final BudgetTotals totals;

	private final Clock clock;

	BudgetPortfolio(MongoOperations mongo, ProjectMemberships memberships, BudgetTotals totals, Clock clock) {
		this.mongo = mongo;
		this.memberships = memberships;
		this.totals = totals;
		this.clock = clock;
	}

	/**
	 * One page of the rows, by project code, and the totals over all of them.
	 * @param caller who asks
	 * @param currency only budgets in this currency, or {@code null} for all
	 * @param page the page, from 0
	 * @param size its size
	 * @return the summary
	 */
	public Summary summary(Caller caller, String currency, int page, int size) {
		if (caller.readsWholePortfolio()) {
			return wholePortfolio(currency, page, size);
		}
		Instant readAt = this.clock.instant();
		List<UUID> visible = this.memberships.projectsOf(caller, ProjectAccess::budget);
		if (visible.isEmpty()) {
			return new Summary(List.of(), 0, List.of(), readAt);
		}
		Criteria criteria = Criteria.where("_id").in(visible);
		if (currency != null) {
			criteria = criteria.and("currency").is(currency);
		}
		List<BudgetRow> rows = this.mongo.find(Query.query(criteria), BudgetRow.class);
		Map<String, Total> totals = new TreeMap<>();
		for (BudgetRow row : rows) {
			totals.merge(row.currency(), Total.of(row), Total::plus);
		}
		List<BudgetRow> items = rows.stream().sorted(BY_CODE).skip((long) page * size).limit(size).toList();
		return new Summary(items, rows.size(), List.copyOf(totals.values()), readAt);
	}

	private Summary wholePortfolio(String currency, int page, int size) {
		List<KeptTotal> kept = this.totals.kept(currency);
		Instant countedAt = kept.stream().map(KeptTotal::countedAt).min(Comparator.naturalOrder()).orElse(null);
		List<Total> sums = kept.stream().map(KeptTotal::total).toList();
		PortfolioOrder order = this.totals.order();
		if (order == null) {
			// Before this instance's first count: the store sorts.
			Query rows = (currency != null) ? Query.query(Criteria.where("currency").is(currency)) : new Query();
			long count = this.mongo.count(rows, BudgetRow.class);
			List<BudgetRow> items = this.mongo
				.find(rows.with(Sort.by("projectCode", "_id")).skip((long) page * size).limit(size), BudgetRow.class);
			return new Summary(items, count, sums, countedAt);
		}
		List<PortfolioOrder.Entry> all = order.of(currency);
		List<UUID> ids = all.stream()
			.skip((long) page * size)
			.limit(size)
			.map(PortfolioOrder.Entry::projectId)
			.toList();
		// The page's rows as they are now, in the order of the count.
		Map<UUID, BudgetRow> rows = new HashMap<>();
		this.mongo.find(Query.query(Criteria.where("_id").in(ids)), BudgetRow.class)
			.forEach((row) -> rows.put(row.projectId(), row));
		List<BudgetRow> items = ids.stream().map(rows::get).filter(Objects::nonNull).toList();
		return new Summary(items, all.size(), sums, countedAt);
	}

	/**
	 * A page of rows and the totals.
	 *
	 * @param items the page's rows
	 * @param totalItems how many rows there are
	 * @param totals per currency, over all rows
	 * @param totalsAsOf when the rows the totals sum were read: now for a member's
	 * projects, the last count (a second or two ago) for the whole portfolio;
	 * {@code null} before the first count
	 */
	public record Summary(List<BudgetRow> items, long totalItems, List<Total> totals, Instant totalsAsOf) {
	}

	/**
	 * The money of the projects in one currency.
	 *
	 * @param currency the currency
	 * @param projects how many projects
	 * @param budgetAtCompletion their BAC
	 * @param actual their actual costs
	 * @param committed their open commitments
	 * @param estimateAtCompletion their EAC, counting BAC for a project not measured yet
	 * @param projectsWithEstimate how many have a measured EAC
	 */
	public record Total(String currency, long projects, BigDecimal budgetAtCompletion, BigDecimal actual,
			BigDecimal committed, BigDecimal estimateAtCompletion, long projectsWithEstimate) {

		static Total of(BudgetRow row) {
			return new Total(row.currency(), 1, row.budgetAtCompletion(), row.actualOrZero(), row.committedOrZero(),
					row.forecast(), (row.estimateAtCompletion() != null) ? 1 : 0);
		}

		Total plus(Total other) {
			return new Total(this.currency, this.projects + other.projects,
					this.budgetAtCompletion.add(other.budgetAtCompletion), this.actual.add(other.actual),
					this.committed.add(other.committed), this.estimateAtCompletion.add(other.estimateAtCompletion),
					this.projectsWithEstimate + other.projectsWithEstimate);
		}

	}

}
