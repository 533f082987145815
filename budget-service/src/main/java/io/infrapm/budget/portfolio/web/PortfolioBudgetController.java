package io.infrapm.budget.portfolio.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.budget.baseline.Amounts;
import io.infrapm.budget.baseline.Measurement;
import io.infrapm.budget.portfolio.BudgetPortfolio;
import io.infrapm.budget.portfolio.BudgetRow;
import io.infrapm.contracts.budget.PerformanceBand;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/portfolio/budget-summary}: BAC, actual, EAC and CPI per project, by
 * project code and paged, and in total per currency, over the projects the caller may see
 * the money of.
 */
@RestController
class PortfolioBudgetController {

	private final BudgetPortfolio portfolio;

	PortfolioBudgetController(BudgetPortfolio portfolio) {
		this.portfolio = portfolio;
	}

	@GetMapping("/api/portfolio/budget-summary")
	SummaryView summary(@RequestParam(required = false) @Pattern(regexp = "[A-Z]{3}") String currency,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		BudgetPortfolio.Summary summary = this.portfolio.summary(caller, currency, page, size);
		return new SummaryView(summary.items().stream().map(RowView::of).toList(), page, size, summary.totalItems(),
				(int) ((summary.totalItems() + size - 1) / size), summary.totals(), summary.totalsAsOf());
	}

	/**
	 * A page of rows, and the totals per currency over all pages, as of when their rows
	 * were read.
	 */
	record SummaryView(List<RowView> items, int page, int size, long totalItems, int totalPages,
			List<BudgetPortfolio.Total> totals, Instant totalsAsOf) {
	}

	/**
	 * One project's money; the performance fields are {@code null} before a progress
	 * report.
	 */
	record RowView(UUID projectId, String projectCode, String projectName, String currency,
			BigDecimal budgetAtCompletion, BigDecimal actual, BigDecimal committed, BigDecimal consumedPercent,
			BigDecimal estimateAtCompletion, BigDecimal costPerformanceIndex, BigDecimal schedulePerformanceIndex,
			PerformanceBand costBand, boolean overrunForecast, LocalDate measuredAsOf, boolean frozen) {

		static RowView of(BudgetRow row) {
			Measurement m = row.measurement();
			BigDecimal bac = row.budgetAtCompletion();
			return new RowView(row.projectId(), row.projectCode(), row.projectName(), row.currency(), bac,
					row.actualOrZero(), row.committedOrZero(), Amounts.percent(row.actualOrZero(), bac),
					row.estimateAtCompletion(), (m != null) ? m.costPerformanceIndex() : null,
					(m != null) ? m.schedulePerformanceIndex() : null, (m != null) ? m.costBand() : null,
					m != null && m.overrun(), (m != null) ? m.asOf() : null, row.frozen());
		}

	}

}
