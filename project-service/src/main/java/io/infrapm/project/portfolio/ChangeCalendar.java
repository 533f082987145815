package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.infrapm.contracts.project.ChangeWindowKind;
import io.infrapm.contracts.project.ScheduleConflictKind;

/**
 * The windows of the change calendar that apply to one project (its own and those for
 * every project, not cancelled), and what they say about its cutovers: a cutover due on a
 * day a change freeze touches conflicts with that freeze; once any maintenance window
 * applies, a cutover due on a day no maintenance window touches conflicts too. Days are
 * read in each window's own time zone.
 */
public final class ChangeCalendar {

	private final List<ChangeWindow> windows;

	/**
	 * The calendar of one project.
	 * @param windows the windows that apply to it
	 */
	public ChangeCalendar(List<ChangeWindow> windows) {
		this.windows = windows.stream().filter((w) -> !w.cancelled()).toList();
	}

	/**
	 * The calendar conflicts of a milestone now, keeping when a known one arose.
	 * @param milestone the milestone
	 * @param now the current time
	 * @return its conflicts; none unless it is an open cutover
	 */
	List<ScheduleConflict> conflictsOf(Milestone milestone, Instant now) {
		List<ScheduleConflict> found = new ArrayList<>();
		if (!milestone.open() || !milestone.cutover()) {
			return found;
		}
		for (ChangeWindow freeze : of(ChangeWindowKind.CHANGE_FREEZE)) {
			if (freeze.covers(milestone.dueDate())) {
				found.add(known(milestone,
						new ScheduleConflict(ScheduleConflictKind.CHANGE_FREEZE, null, "cutover due "
								+ milestone.dueDate() + ", inside the change freeze " + freeze.describe(), now,
								freeze.id())));
			}
		}
		List<ChangeWindow> maintenance = of(ChangeWindowKind.MAINTENANCE_WINDOW);
		if (!maintenance.isEmpty() && maintenance.stream().noneMatch((w) -> w.covers(milestone.dueDate()))) {
			found.add(known(milestone,
					new ScheduleConflict(ScheduleConflictKind.OUTSIDE_MAINTENANCE_WINDOW, null, "cutover due "
							+ milestone.dueDate() + ", a day no maintenance window of the project touches", now,
							null)));
		}
		return found;
	}

	private List<ChangeWindow> of(ChangeWindowKind kind) {
		return this.windows.stream().filter((w) -> w.kind() == kind).toList();
	}

	private static ScheduleConflict known(Milestone milestone, ScheduleConflict conflict) {
		return milestone.conflicts()
			.stream()
			.filter((k) -> k.sameAs(conflict))
			.findFirst()
			.map((k) -> new ScheduleConflict(k.kind(), k.withMilestoneId(), conflict.detail(), k.since(), k.windowId()))
			.orElse(conflict);
	}

}
