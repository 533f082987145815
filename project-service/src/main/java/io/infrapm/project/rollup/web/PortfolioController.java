package io.infrapm.project.rollup.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.rollup.PortfolioRow;
import io.infrapm.project.rollup.PortfolioViews;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/portfolio}: the portfolio at a glance, over the projects the caller may see
 * (all of them for portfolio managers and executives). {@code GET .../summary} counts
 * them by health, phase, category and status, totals their money per currency where the
 * caller may see it, and lists the top risks and the milestones missed since a day;
 * {@code GET .../projects} is one row per project, filtered, sorted and paged. Both lag
 * another instance's writes by about two seconds ({@code rowsAsOf}), and both answer,
 * with {@code asOf}, as the portfolio stood at the end of an earlier day.
 */
@RestController
@RequestMapping("/api/portfolio")
class PortfolioController {

	private final PortfolioViews views;

	PortfolioController(PortfolioViews views) {
		this.views = views;
	}

	@GetMapping("/summary")
	PortfolioViews.Summary summary(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate missedSince,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
			Caller caller) {
		return this.views.summary(caller, missedSince, asOf);
	}

	@GetMapping("/projects")
	PageView<RowView> projects(@RequestParam(required = false) HealthColour health,
			@RequestParam(required = false) ProjectPhase phase,
			@RequestParam(required = false) ProjectCategory category,
			@RequestParam(required = false) ProjectStatus status,
			@RequestParam(required = false) @Size(max = 320) String manager,
			@RequestParam(required = false) @Size(min = 1, max = 100) String q,
			@RequestParam(defaultValue = "CODE") PortfolioViews.Sort sort,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		PageView<PortfolioViews.Visible> rows = PageView
			.of(this.views.rows(caller,
					new PortfolioViews.Filter(health, phase, category, status,
							(manager != null) ? manager.strip() : null, (q != null) ? q.strip() : null),
					sort, asOf), page, size);
		return new PageView<>(rows.items().stream().map(RowView::of).toList(), rows.page(), rows.size(),
				rows.totalItems(), rows.totalPages());
	}

	/**
	 * One project in the portfolio; its money only for those who may see it.
	 */
	record RowView(UUID projectId, String code, String name, ProjectCategory category, Methodology methodology,
			ProjectPhase phase, ProjectStatus status, String managerName, String managerEmail, HealthColour overall,
			HealthColour schedule, HealthColour cost, HealthColour scope, HealthColour risk,
			PortfolioRow.Milestone nextMilestone, int missedMilestones, BigDecimal costPerformanceIndex,
			BigDecimal schedulePerformanceIndex, BigDecimal budgetAtCompletion, BigDecimal actualTotal,
			BigDecimal estimateAtCompletion, String currency, PortfolioRow.TopRisk topRisk, int openThreats) {

		static RowView of(PortfolioViews.Visible visible) {
			PortfolioRow r = visible.row();
			boolean money = visible.moneyVisible();
			return new RowView(r.projectId(), r.code(), r.name(), r.category(), r.methodology(), r.phase(), r.status(),
					r.managerName(), r.managerEmail(), r.overall(), r.schedule(), r.cost(), r.scope(), r.risk(),
					r.nextMilestone(), (r.missed() != null) ? r.missed().size() : 0, r.costPerformanceIndex(),
					r.schedulePerformanceIndex(), money ? r.budgetAtCompletion() : null, money ? r.actualTotal() : null,
					money ? r.estimateAtCompletion() : null, money ? r.currency() : null, r.topRisk(), r.openThreats());
		}

	}

}
