package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.RiskBand;

/**
 * A project's manager published a status report: an immutable snapshot of the facts as of
 * a date, drafted by project-service, and the manager's judgement beside them. It carries
 * the whole report, so that a consumer (notification-service mails it to its audience)
 * needs nothing else.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param reportId the report's id
 * @param code the project's code
 * @param name the project's name
 * @param number the report's number within the project, e.g. {@code SR-4}
 * @param edition 1 for a report, one more for each correction that supersedes it
 * @param supersedes the report it corrects, or {@code null}
 * @param period the time it covers
 * @param audience whom it is for
 * @param periodStart the first day it covers
 * @param asOf the day its facts hold for
 * @param health the computed health as of that day
 * @param summary the manager's summary
 * @param accomplishments what was achieved, in the manager's words
 * @param nextSteps what comes next, in the manager's words
 * @param decisionsRequested what the audience is asked to decide
 * @param milestonesCompleted milestones reached in the period
 * @param milestonesDue milestones due in the next period
 * @param milestonesMissed milestones past their due date and not reached
 * @param changeRequests change requests waiting for a decision
 * @param outages outages that began in the period
 * @param serviceBreaches service-level breaches in the period
 * @param budget the budget and earned value, or {@code null} if none is known
 * @param risks the risk exposure, or {@code null} if none is known
 * @param issues the open issues, most severe first
 * @param publishedAt when it was published
 * @param actor who published it
 */
@EventType("io.infrapm.project.StatusReportPublished.v1")
public record StatusReportPublished(UUID projectId, UUID reportId, String code, String name, String number, int edition,
		UUID supersedes, ReportPeriod period, ReportAudience audience, LocalDate periodStart, LocalDate asOf,
		Health health, String summary, List<String> accomplishments, List<String> nextSteps,
		List<String> decisionsRequested, List<Milestone> milestonesCompleted, List<Milestone> milestonesDue,
		List<Milestone> milestonesMissed, List<ChangeRequest> changeRequests, List<Outage> outages,
		List<Breach> serviceBreaches, Budget budget, Risks risks, List<Issue> issues, Instant publishedAt,
		Actor actor) {

	/**
	 * The computed health in a report.
	 *
	 * @param overall the overall colour
	 * @param schedule the schedule colour
	 * @param cost the cost colour
	 * @param scope the scope colour
	 * @param risk the risk colour
	 * @param reasons why each dimension has its colour
	 * @param rulesVersion the version of the rules that judged it
	 */
	public record Health(HealthColour overall, HealthColour schedule, HealthColour cost, HealthColour scope,
			HealthColour risk, List<HealthReason> reasons, String rulesVersion) {
	}

	/**
	 * A milestone in a report.
	 *
	 * @param milestoneId the milestone's id
	 * @param name its name
	 * @param dueDate when it is, or was, due
	 * @param completedOn when it was reached, or {@code null}
	 * @param critical whether it is on the critical path
	 */
	public record Milestone(UUID milestoneId, String name, LocalDate dueDate, LocalDate completedOn, boolean critical) {
	}

	/**
	 * A change request waiting for a decision.
	 *
	 * @param changeRequestId its id
	 * @param number its number
	 * @param title what it asks for
	 * @param category what it changes
	 * @param costImpact what it adds to the cost, or {@code null}
	 * @param scheduleImpactDays how many days it moves the milestones
	 * @param submittedAt when it was submitted
	 */
	public record ChangeRequest(UUID changeRequestId, String number, String title, ChangeCategory category,
			BigDecimal costImpact, int scheduleImpactDays, Instant submittedAt) {
	}

	/**
	 * An outage in a report.
	 *
	 * @param outageId its id
	 * @param service the service
	 * @param planned whether it was planned
	 * @param impact how much of the service was out
	 * @param start when it began
	 * @param end when it ended, or {@code null} while it lasts
	 */
	public record Outage(UUID outageId, String service, boolean planned, OutageImpact impact, Instant start,
			Instant end) {
	}

	/**
	 * A service-level breach in a report.
	 *
	 * @param service the service
	 * @param kind what was breached, e.g. {@code AVAILABILITY}
	 * @param detail what happened, in a sentence
	 */
	public record Breach(String service, String kind, String detail) {
	}

	/**
	 * The budget in a report, as budget-service last published it.
	 *
	 * @param budgetAtCompletion the budget (BAC), or {@code null}
	 * @param actualTotal the actual costs, or {@code null}
	 * @param estimateAtCompletion the estimate at completion (EAC), or {@code null}
	 * @param costPerformanceIndex CPI, or {@code null}
	 * @param schedulePerformanceIndex SPI, or {@code null}
	 * @param currency the currency, or {@code null}
	 */
	public record Budget(BigDecimal budgetAtCompletion, BigDecimal actualTotal, BigDecimal estimateAtCompletion,
			BigDecimal costPerformanceIndex, BigDecimal schedulePerformanceIndex, String currency) {
	}

	/**
	 * The risk exposure in a report, as risk-service last published it.
	 *
	 * @param openThreats the open threats
	 * @param critical of them critical
	 * @param high of them high
	 * @param topRiskNumber the number of the highest-scored one, or {@code null}
	 * @param topScore its score
	 * @param expectedExposure the expected monetary value of the open threats, or
	 * {@code null}
	 * @param currency its currency, or {@code null}
	 * @param top the open threats with the highest scores, highest first, at most five
	 */
	public record Risks(int openThreats, int critical, int high, String topRiskNumber, int topScore,
			BigDecimal expectedExposure, String currency, List<TopRisk> top) {
	}

	/**
	 * One of the top risks in a report.
	 *
	 * @param number its number, e.g. {@code R-7}
	 * @param title what it is
	 * @param score probability × impact
	 * @param band the band of that score
	 */
	public record TopRisk(String number, String title, int score, RiskBand band) {
	}

	/**
	 * An open issue in a report.
	 *
	 * @param number its number
	 * @param title what it is
	 * @param severity how bad it is
	 */
	public record Issue(String number, String title, IssueSeverity severity) {
	}

}
