package io.infrapm.budget.portfolio;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The money of all projects in one currency, as last counted over their rows.
 *
 * @param currency the currency
 * @param projects how many projects
 * @param budgetAtCompletion their BAC
 * @param actual their actual costs
 * @param committed their open commitments
 * @param estimateAtCompletion their EAC, counting BAC for a project not measured yet
 * @param projectsWithEstimate how many have a measured EAC
 * @param countedAt when the rows counted were read
 */
@Document("budget_totals")
record KeptTotal(@Id String currency, long projects, BigDecimal budgetAtCompletion, BigDecimal actual,
		BigDecimal committed, BigDecimal estimateAtCompletion, long projectsWithEstimate, Instant countedAt) {

	BudgetPortfolio.Total total() {
		return new BudgetPortfolio.Total(this.currency, this.projects, this.budgetAtCompletion, this.actual,
				this.committed, this.estimateAtCompletion, this.projectsWithEstimate);
	}

}
