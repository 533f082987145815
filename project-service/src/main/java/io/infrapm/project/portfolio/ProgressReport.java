package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;

/**
 * How far a project had come as of a date, as its manager reported it.
 *
 * @param id the report's id
 * @param asOf the date the figures hold for
 * @param percentComplete the whole project, from 0 to 100
 * @param milestones per milestone, where reported
 * @param notes the manager's notes, or {@code null}
 * @param reportedAt when it was reported
 * @param reportedBy who reported it
 * @param request the client's idempotency key, or {@code null}
 */
public record ProgressReport(UUID id, LocalDate asOf, BigDecimal percentComplete, List<MilestonePercent> milestones,
		String notes, Instant reportedAt, Actor reportedBy, ClientRequest request) {

	/**
	 * One milestone's progress.
	 *
	 * @param milestoneId the milestone
	 * @param percentComplete from 0 to 100
	 */
	public record MilestonePercent(UUID milestoneId, BigDecimal percentComplete) {
	}

	/**
	 * A report asked for.
	 *
	 * @param asOf the date the figures hold for
	 * @param percentComplete the whole project
	 * @param milestones per milestone
	 * @param notes notes, or {@code null}
	 */
	public record Submission(LocalDate asOf, BigDecimal percentComplete, List<MilestonePercent> milestones,
			String notes) {
	}

}
