package io.infrapm.project.portfolio;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the date watch has to say about one milestone on one day: that it was missed, that
 * it came within an alert horizon of its due date, or nothing. A finding is made once per
 * milestone and due date (and horizon): the milestone remembers what was reported for its
 * current due date, so a reschedule starts afresh.
 * <p>
 * Only the nearest horizon reached is reported, and the further ones are counted as
 * reported with it: a watch that was down for a week reports a milestone due tomorrow
 * once, as due in a day, not three times.
 */
final class DueDates {

	/** The longest horizon accepted, in days. */
	static final int MAX_HORIZON = 90;

	private final List<Integer> horizons;

	/**
	 * The alert horizons.
	 * @param horizons days before a due date at which to alert, each 0 to
	 * {@value #MAX_HORIZON}; none for no alerts, only misses
	 */
	DueDates(List<Integer> horizons) {
		List<Integer> sorted = new ArrayList<>();
		for (Integer days : horizons) {
			Objects.requireNonNull(days, "horizon");
			if (days < 0 || days > MAX_HORIZON) {
				throw new IllegalArgumentException(
						"an alert horizon is 0 to " + MAX_HORIZON + " days before the due date, not " + days);
			}
			if (!sorted.contains(days)) {
				sorted.add(days);
			}
		}
		sorted.sort(Comparator.reverseOrder());
		this.horizons = List.copyOf(sorted);
	}

	/**
	 * The horizons, furthest first.
	 * @return the days before the due date
	 */
	List<Integer> horizons() {
		return this.horizons;
	}

	/**
	 * What to report for a milestone today.
	 * @param milestone the milestone
	 * @param today the calendar day in the watch's time zone
	 * @return the finding, or {@code null} if there is nothing new to report
	 */
	Finding find(Milestone milestone, LocalDate today) {
		if (!milestone.open()) {
			return null;
		}
		LocalDate due = milestone.dueDate();
		if (today.isAfter(due)) {
			return milestone.reportedMissed() ? null
					: new Finding(milestone, true, 0, (int) ChronoUnit.DAYS.between(due, today), List.of());
		}
		int daysLeft = (int) ChronoUnit.DAYS.between(today, due);
		List<Integer> reached = this.horizons.stream().filter((days) -> daysLeft <= days).toList();
		if (reached.isEmpty()) {
			return null;
		}
		int nearest = reached.get(reached.size() - 1);
		if (milestone.alertsReported().contains(nearest)) {
			return null;
		}
		return new Finding(milestone, false, nearest, daysLeft, reached);
	}

	/**
	 * The first day after today on which something may be reported for a milestone.
	 * @param milestone the milestone
	 * @param today the calendar day in the watch's time zone
	 * @return the day, or {@code null} if nothing is left to report (not open, or missed
	 * and reported)
	 */
	LocalDate nextCheck(Milestone milestone, LocalDate today) {
		if (!milestone.open() || milestone.reportedMissed()) {
			return null;
		}
		LocalDate due = milestone.dueDate();
		LocalDate next = due.plusDays(1);
		for (int days : this.horizons) {
			LocalDate alert = due.minusDays(days);
			if (alert.isAfter(today) && alert.isBefore(next) && !milestone.alertsReported().contains(days)) {
				next = alert;
			}
		}
		return next.isAfter(today) ? next : today.plusDays(1);
	}

	/**
	 * How late a deliverable is, if that is news today.
	 * @param deliverable the deliverable
	 * @param today the calendar day in the watch's time zone
	 * @return whole days since its due date, or {@code null} if it is not late or its
	 * lateness was reported already
	 */
	Integer daysLate(Deliverable deliverable, LocalDate today) {
		if (!deliverable.open() || deliverable.late() || !today.isAfter(deliverable.dueDate())) {
			return null;
		}
		return (int) ChronoUnit.DAYS.between(deliverable.dueDate(), today);
	}

	/**
	 * The day a deliverable becomes late, if that is still to be reported.
	 * @param deliverable the deliverable
	 * @return the day after its due date, or {@code null}
	 */
	LocalDate nextCheck(Deliverable deliverable) {
		return (!deliverable.open() || deliverable.late()) ? null : deliverable.dueDate().plusDays(1);
	}

	/**
	 * Something to report.
	 *
	 * @param milestone the milestone
	 * @param missed {@code true} if its due date passed, {@code false} if it is due soon
	 * @param alertDays the horizon reached (for due soon)
	 * @param days days late (missed) or days left (due soon)
	 * @param reached every horizon reached, which are counted as reported with it
	 */
	record Finding(Milestone milestone, boolean missed, int alertDays, int days, List<Integer> reached) {
	}

}
