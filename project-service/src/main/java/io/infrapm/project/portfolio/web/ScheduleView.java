package io.infrapm.project.portfolio.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.project.portfolio.Milestone;
import io.infrapm.project.portfolio.MilestoneStatus;
import io.infrapm.project.portfolio.ProjectSchedule.Schedule;
import io.infrapm.project.portfolio.ScheduleAnalysis;

/**
 * {@code GET /api/projects/{projectId}/schedule}: the milestones that are not waived,
 * each after those it depends on, with slack and the critical path.
 */
record ScheduleView(UUID projectId, LocalDate plannedStart, LocalDate plannedFinish, LocalDate forecastFinish,
		List<UUID> criticalPath, List<Entry> milestones) {

	static ScheduleView of(Schedule schedule) {
		ScheduleAnalysis.Plan plan = schedule.plan();
		return new ScheduleView(schedule.project().id(), schedule.project().plannedStart(),
				schedule.project().plannedFinish(), plan.forecastFinish(), plan.criticalPath(),
				plan.entries().stream().map(Entry::of).toList());
	}

	/**
	 * One milestone of the plan.
	 *
	 * @param id the milestone
	 * @param name its name
	 * @param dueDate its due date
	 * @param status planned or completed
	 * @param completedOn when it was reached, or {@code null}
	 * @param critical whether it is flagged critical
	 * @param cutover whether it is a cutover
	 * @param dependsOn what it waits for, waived milestones bridged
	 * @param latestDate the latest date it can move to without delaying the planned
	 * finish
	 * @param slackDays days it can slip; negative if the plan already runs late,
	 * {@code null} once reached
	 * @param onCriticalPath whether it is on the critical path
	 * @param conflicts its open schedule conflicts
	 */
	record Entry(UUID id, String name, LocalDate dueDate, MilestoneStatus status, LocalDate completedOn,
			boolean critical, boolean cutover, List<UUID> dependsOn, LocalDate latestDate, Long slackDays,
			boolean onCriticalPath, List<MilestoneView.ConflictView> conflicts) {

		static Entry of(ScheduleAnalysis.Entry entry) {
			Milestone m = entry.milestone();
			return new Entry(m.id(), m.name(), m.dueDate(), m.status(), m.completedOn(), m.critical(), m.cutover(),
					entry.predecessors(), entry.latestDate(), entry.slackDays(), entry.onCriticalPath(),
					MilestoneView.ConflictView.of(m.conflicts()));
		}

	}

}
