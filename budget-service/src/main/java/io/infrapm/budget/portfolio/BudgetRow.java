package io.infrapm.budget.portfolio;

import java.math.BigDecimal;
import java.util.UUID;

import io.infrapm.budget.baseline.Measurement;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the portfolio reads of one budget: the totals the budget keeps as it changes,
 * never recomputed from its costs. Copied into a small document of its own
 * ({@code budget_rows}) after every write of the budget, so that a summary over ten
 * thousand projects reads ten thousand small documents in code order, not ten thousand
 * budgets with their days, baselines and lines.
 *
 * @param projectId the project
 * @param projectCode its code
 * @param projectName its name
 * @param currency the budget's currency
 * @param budgetAtCompletion BAC now
 * @param actual the actual costs
 * @param committed the open commitments
 * @param measurement the performance as of the latest progress report, or {@code null}
 * @param frozen whether the project is closed or cancelled
 */
@Document("budget_rows")
@CompoundIndexes({ @CompoundIndex(name = "by_code", def = "{'projectCode': 1, '_id': 1}"),
		@CompoundIndex(name = "by_currency_and_code", def = "{'currency': 1, 'projectCode': 1, '_id': 1}") })
public record BudgetRow(@Id UUID projectId, String projectCode, String projectName, String currency,
		BigDecimal budgetAtCompletion, BigDecimal actual, BigDecimal committed, Measurement measurement,
		boolean frozen) {

	/** The fields read, so that the store sends nothing else. */
	static final String[] FIELDS = { "projectCode", "projectName", "currency", "budgetAtCompletion", "actual",
			"committed", "measurement", "frozen" };

	public BigDecimal actualOrZero() {
		return (this.actual != null) ? this.actual : BigDecimal.ZERO;
	}

	public BigDecimal committedOrZero() {
		return (this.committed != null) ? this.committed : BigDecimal.ZERO;
	}

	/**
	 * EAC as last measured.
	 * @return it, or {@code null} before a progress report or while undefined
	 */
	public BigDecimal estimateAtCompletion() {
		return (this.measurement != null) ? this.measurement.estimateAtCompletion() : null;
	}

	/**
	 * What the project is expected to cost: EAC where it is measured, BAC where not.
	 * @return the forecast
	 */
	public BigDecimal forecast() {
		BigDecimal eac = estimateAtCompletion();
		return (eac != null) ? eac : this.budgetAtCompletion;
	}

}
