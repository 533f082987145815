package io.infrapm.budget.portfolio;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How budget-service keeps the portfolio's rows and totals
 * ({@code infrapm.budget.portfolio.*}).
 *
 * @param totalsInterval how soon after rows changed the totals per currency are counted
 * again; the longest a total lags behind the rows
 * @param firstReconcile from the start to the first comparison of every row with its
 * budget
 * @param reconcileInterval between two such comparisons
 */
@ConfigurationProperties("infrapm.budget.portfolio")
public record PortfolioSettings(@DefaultValue("2s") Duration totalsInterval,
		@DefaultValue("5s") Duration firstReconcile, @DefaultValue("1m") Duration reconcileInterval) {
}
