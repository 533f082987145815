package io.infrapm.project.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.contracts.project.StatusReportPublished;
import io.infrapm.project.health.ProjectHealthService;
import io.infrapm.project.health.ProjectSignals;
import io.infrapm.project.portfolio.ChangeRequest;
import io.infrapm.project.portfolio.Milestone;
import io.infrapm.project.portfolio.MilestoneStatus;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ServiceLevels;

/**
 * Drafts what a status report says of the facts as of its date: the health as it stood
 * then, the milestones reached in the period, due in the next one and missed, the change
 * requests that waited for a decision at the end of that day, the outages that began in
 * the period and the service levels breached, and the budget, risks and issues as risk-
 * and budget-service last published them.
 */
final class ReportDrafting {

	/** How many top risks a report lists. */
	static final int TOP_RISKS = 5;

	private ReportDrafting() {
	}

	static ReportFacts draft(Project project, ProjectHealthService.Reading health, ProjectSignals signals,
			ReportPeriod period, LocalDate asOf, ZoneId zone, Instant now) {
		LocalDate start = StatusReport.periodStart(period, asOf);
		LocalDate nextEnd = StatusReport.nextPeriodEnd(period, asOf);
		Instant from = start.atStartOfDay(zone).toInstant();
		Instant endOfDay = asOf.plusDays(1).atStartOfDay(zone).toInstant();
		List<Milestone> milestones = project.milestones()
			.stream()
			.sorted(Comparator.comparing(Milestone::dueDate).thenComparing(Milestone::name))
			.toList();
		return new ReportFacts(health(health),
				milestones.stream()
					.filter((m) -> m.status() == MilestoneStatus.COMPLETED && !m.completedOn().isBefore(start)
							&& !m.completedOn().isAfter(asOf))
					.map(ReportDrafting::milestone)
					.toList(),
				milestones.stream()
					.filter((m) -> open(m, asOf) && m.dueDate().isAfter(asOf) && !m.dueDate().isAfter(nextEnd))
					.map(ReportDrafting::milestone)
					.toList(),
				milestones.stream()
					.filter((m) -> open(m, asOf) && m.dueDate().isBefore(asOf))
					.map(ReportDrafting::milestone)
					.toList(),
				project.changeRequests()
					.stream()
					.filter((change) -> waiting(change, endOfDay))
					.map((c) -> new StatusReportPublished.ChangeRequest(c.id(), c.number(), c.title(), c.category(),
							c.costImpact(), c.scheduleImpactDays(), c.submittedAt()))
					.toList(),
				project.outages()
					.stream()
					.filter((o) -> !o.start().isBefore(from) && o.start().isBefore(endOfDay))
					.sorted(Comparator.comparing(io.infrapm.project.portfolio.Outage::start))
					.map((o) -> new StatusReportPublished.Outage(o.id(), o.service(), o.planned(), o.impact(),
							o.start(), (o.end() != null && o.end().isBefore(endOfDay)) ? o.end() : null))
					.toList(),
				ServiceLevels.of(project, from, endOfDay, now)
					.stream()
					.flatMap((level) -> level.breaches()
						.stream()
						.map((breach) -> new StatusReportPublished.Breach(level.service().name(), breach.kind().name(),
								breach.detail())))
					.toList(),
				budget(signals), risks(signals),
				signals.openIssues()
					.stream()
					.map((issue) -> new StatusReportPublished.Issue(issue.number(), issue.title(), issue.severity()))
					.toList());
	}

	/** Still to be reached on that day: open now, or reached or waived after it. */
	private static boolean open(Milestone milestone, LocalDate asOf) {
		if (milestone.status() == MilestoneStatus.PLANNED) {
			return true;
		}
		return milestone.status() == MilestoneStatus.COMPLETED && milestone.completedOn().isAfter(asOf);
	}

	/**
	 * Submitted by the end of that day and not decided by then (a deferral still waits).
	 */
	private static boolean waiting(ChangeRequest change, Instant endOfDay) {
		if (!change.submittedAt().isBefore(endOfDay)) {
			return false;
		}
		return change.status() == null || change.status() == GateDecision.DEFERRED
				|| !change.decidedAt().isBefore(endOfDay);
	}

	private static StatusReportPublished.Milestone milestone(Milestone m) {
		return new StatusReportPublished.Milestone(m.id(), m.name(), m.dueDate(),
				(m.status() == MilestoneStatus.COMPLETED) ? m.completedOn() : null, m.critical());
	}

	private static StatusReportPublished.Health health(ProjectHealthService.Reading reading) {
		Map<HealthDimension, HealthColour> colours = reading.colours();
		return new StatusReportPublished.Health(colours.get(HealthDimension.OVERALL),
				colours.get(HealthDimension.SCHEDULE), colours.get(HealthDimension.COST),
				colours.get(HealthDimension.SCOPE), colours.get(HealthDimension.RISK), reading.reasons(),
				reading.rulesVersion());
	}

	private static StatusReportPublished.Budget budget(ProjectSignals signals) {
		ProjectSignals.Budget budget = signals.budget().orElse(null);
		ProjectSignals.Performance performance = signals.performance().orElse(null);
		if (budget == null && performance == null) {
			return null;
		}
		return new StatusReportPublished.Budget(
				(budget != null && budget.budgetAtCompletion() != null) ? budget.budgetAtCompletion()
						: (performance != null) ? performance.budgetAtCompletion() : null,
				(budget != null) ? budget.actualTotal() : null,
				(performance != null) ? performance.estimateAtCompletion() : null,
				(performance != null) ? performance.costPerformanceIndex() : null,
				(performance != null) ? performance.schedulePerformanceIndex() : null,
				(budget != null && budget.currency() != null) ? budget.currency()
						: (performance != null) ? performance.currency() : null);
	}

	private static StatusReportPublished.Risks risks(ProjectSignals signals) {
		List<StatusReportPublished.TopRisk> top = signals.topThreats(TOP_RISKS)
			.stream()
			.map((risk) -> new StatusReportPublished.TopRisk(risk.number(), risk.title(), risk.scoreOrZero(),
					risk.band()))
			.toList();
		return signals.exposure()
			.map((e) -> new StatusReportPublished.Risks(e.openThreats(), e.critical(), e.high(), e.topRiskNumber(),
					e.topScore(), e.expectedExposure(), e.currency(), top))
			.orElse(null);
	}

}
