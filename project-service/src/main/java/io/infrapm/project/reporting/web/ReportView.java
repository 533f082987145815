package io.infrapm.project.reporting.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.HealthReason;
import io.infrapm.contracts.project.ReportAudience;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.contracts.project.StatusReportPublished;
import io.infrapm.project.health.Finding;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.reporting.ReportFacts;
import io.infrapm.project.reporting.StatusReport;

/**
 * A status report as the API shows it, in JSON and, rendered, in HTML and PDF. A reader
 * who may not see the project's budget gets no budget section and no money figures in the
 * cost reasons.
 *
 * @param id the report's id
 * @param projectId the project
 * @param code the project's code
 * @param name the project's name
 * @param number the report's number
 * @param edition its edition
 * @param supersedes the report it corrects, or {@code null}
 * @param status draft or published
 * @param period the time it covers
 * @param audience whom it is for
 * @param periodStart its first day
 * @param asOf the day its facts hold for
 * @param health the computed health then
 * @param summary the manager's summary, or {@code null} in a draft
 * @param accomplishments what was achieved
 * @param nextSteps what comes next
 * @param decisionsRequested what the audience is asked to decide
 * @param milestonesCompleted milestones reached in the period
 * @param milestonesDue milestones due in the next period
 * @param milestonesMissed milestones past due and not reached
 * @param changeRequests change requests waiting for a decision
 * @param outages outages that began in the period
 * @param serviceBreaches service-level breaches in the period
 * @param budget the budget, or {@code null} if none is known or the reader may not see it
 * @param risks the risk exposure, or {@code null}
 * @param issues the open issues
 * @param draftedAt when it was drafted
 * @param draftedBy who drafted it
 * @param revisedAt when the draft last changed, or {@code null}
 * @param publishedAt when it was published, or {@code null}
 * @param publishedBy who published it, or {@code null}
 */
record ReportView(UUID id, UUID projectId, String code, String name, String number, int edition, UUID supersedes,
		StatusReport.Status status, ReportPeriod period, ReportAudience audience, LocalDate periodStart, LocalDate asOf,
		StatusReportPublished.Health health, String summary, List<String> accomplishments, List<String> nextSteps,
		List<String> decisionsRequested, List<StatusReportPublished.Milestone> milestonesCompleted,
		List<StatusReportPublished.Milestone> milestonesDue, List<StatusReportPublished.Milestone> milestonesMissed,
		List<StatusReportPublished.ChangeRequest> changeRequests, List<StatusReportPublished.Outage> outages,
		List<StatusReportPublished.Breach> serviceBreaches, StatusReportPublished.Budget budget,
		StatusReportPublished.Risks risks, List<StatusReportPublished.Issue> issues, Instant draftedAt,
		Person draftedBy, Instant revisedAt, Instant publishedAt, Person publishedBy) {

	static final String FIGURES_HIDDEN = "Budget figures are shown only to those who may see the project's budget";

	static ReportView of(StatusReport report, boolean moneyVisible) {
		ReportFacts facts = report.facts();
		StatusReportPublished.Health health = facts.health();
		if (!moneyVisible) {
			health = new StatusReportPublished.Health(health.overall(), health.schedule(), health.cost(),
					health.scope(), health.risk(),
					health.reasons()
						.stream()
						.map((reason) -> Finding.financial(reason.rule())
								? new HealthReason(reason.dimension(), reason.colour(), reason.rule(), FIGURES_HIDDEN)
								: reason)
						.toList(),
					health.rulesVersion());
		}
		return new ReportView(report.id(), report.projectId(), report.code(), report.name(), report.number(),
				report.edition(), report.supersedes(), report.status(), report.period(), report.audience(),
				report.periodStart(), report.asOf(), health, report.narrative().summary(),
				report.narrative().accomplishments(), report.narrative().nextSteps(),
				report.narrative().decisionsRequested(), facts.milestonesCompleted(), facts.milestonesDue(),
				facts.milestonesMissed(), facts.changeRequests(), facts.outages(), facts.serviceBreaches(),
				moneyVisible ? facts.budget() : null, facts.risks(), facts.issues(), report.draftedAt(),
				person(report.draftedBy()), report.revisedAt(), report.publishedAt(), person(report.publishedBy()));
	}

	private static Person person(io.infrapm.contracts.Actor actor) {
		return (actor != null) ? new Person(actor.name(), actor.email()) : null;
	}

}
