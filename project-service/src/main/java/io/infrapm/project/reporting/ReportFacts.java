package io.infrapm.project.reporting;

import java.util.List;

import io.infrapm.contracts.project.StatusReportPublished;

/**
 * What a status report says of the facts, drafted by project-service as of its date. The
 * parts are those of the published event, so that the published snapshot is the drafted
 * one word for word.
 *
 * @param health the computed health
 * @param milestonesCompleted milestones reached in the period
 * @param milestonesDue milestones due in the next period
 * @param milestonesMissed milestones past their due date and not reached
 * @param changeRequests change requests waiting for a decision
 * @param outages outages that began in the period
 * @param serviceBreaches service-level breaches in the period
 * @param budget the budget and earned value, or {@code null}
 * @param risks the risk exposure, or {@code null}
 * @param issues the open issues
 */
public record ReportFacts(StatusReportPublished.Health health,
		List<StatusReportPublished.Milestone> milestonesCompleted, List<StatusReportPublished.Milestone> milestonesDue,
		List<StatusReportPublished.Milestone> milestonesMissed,
		List<StatusReportPublished.ChangeRequest> changeRequests, List<StatusReportPublished.Outage> outages,
		List<StatusReportPublished.Breach> serviceBreaches, StatusReportPublished.Budget budget,
		StatusReportPublished.Risks risks, List<StatusReportPublished.Issue> issues) {

	public ReportFacts {
		milestonesCompleted = List.copyOf(milestonesCompleted);
		milestonesDue = List.copyOf(milestonesDue);
		milestonesMissed = List.copyOf(milestonesMissed);
		changeRequests = List.copyOf(changeRequests);
		outages = List.copyOf(outages);
		serviceBreaches = List.copyOf(serviceBreaches);
		issues = List.copyOf(issues);
	}

}
