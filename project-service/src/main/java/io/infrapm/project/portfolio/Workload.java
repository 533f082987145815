package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One person's load over time, across projects: in each period, the sum over their
 * allocations of the allocated share times the part of the period's working days (Monday
 * to Friday) the allocation covers. Above 100 % the person is over-allocated.
 */
public final class Workload {

	/** The load at which a person is fully allocated. */
	static final BigDecimal FULL = BigDecimal.valueOf(100);

	private Workload() {
	}

	/**
	 * The periods a view is cut into.
	 */
	public enum Granularity {

		/** ISO weeks, Monday to Sunday. */
		WEEK,

		/** Calendar months. */
		MONTH;

		LocalDate startOf(LocalDate day) {
			return (this == WEEK) ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
					: day.withDayOfMonth(1);
		}

		LocalDate endOf(LocalDate start) {
			return (this == WEEK) ? start.plusDays(6) : start.with(TemporalAdjusters.lastDayOfMonth());
		}

	}

	/**
	 * The load in each period from the one holding {@code from} to the one holding
	 * {@code to}.
	 * @param allocations the person's allocations, by project
	 * @param granularity weeks or months
	 * @param from the first day of interest
	 * @param to the last day of interest
	 * @return the periods, in order, each with the load per project that has any
	 */
	public static List<Period> of(Map<UUID, List<Allocation>> allocations, Granularity granularity, LocalDate from,
			LocalDate to) {
		List<Period> periods = new ArrayList<>();
		for (LocalDate start = granularity.startOf(from); !start.isAfter(to); start = granularity.endOf(start)
			.plusDays(1)) {
			LocalDate end = granularity.endOf(start);
			Map<UUID, BigDecimal> byProject = new LinkedHashMap<>();
			for (Map.Entry<UUID, List<Allocation>> project : allocations.entrySet()) {
				BigDecimal load = BigDecimal.ZERO;
				for (Allocation allocation : project.getValue()) {
					load = load.add(load(allocation, start, end));
				}
				if (load.signum() > 0) {
					byProject.put(project.getKey(), load.setScale(2, RoundingMode.HALF_UP));
				}
			}
			BigDecimal total = byProject.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
			periods.add(new Period(start, end, total.setScale(2, RoundingMode.HALF_UP), byProject));
		}
		return periods;
	}

	/**
	 * What a change of one project's allocations of a person does to them: the weeks that
	 * it pushes above 100 % over every open project and that were not before.
	 * @param projectId the project whose allocations change
	 * @param elsewhere the person's allocations on other open projects
	 * @param before their allocations on the project before the change
	 * @param after their allocations on it after the change (at least one)
	 * @return the newly over-allocated weeks and how many projects share them, or empty
	 */
	static Optional<Overload> newlyOverAllocated(UUID projectId, Map<UUID, List<Allocation>> elsewhere,
			List<Allocation> before, List<Allocation> after) {
		LocalDate from = after.stream().map(Allocation::from).min(LocalDate::compareTo).orElseThrow();
		LocalDate to = after.stream().map(Allocation::to).max(LocalDate::compareTo).orElseThrow();
		Map<UUID, List<Allocation>> was = new HashMap<>(elsewhere);
		was.put(projectId, before);
		Map<UUID, List<Allocation>> is = new HashMap<>(elsewhere);
		is.put(projectId, after);
		List<Period> previously = of(was, Granularity.WEEK, from, to);
		List<Period> now = of(is, Granularity.WEEK, from, to);
		List<Period> newlyOver = new ArrayList<>();
		Set<UUID> projects = new HashSet<>();
		for (int i = 0; i < now.size(); i++) {
			if (now.get(i).overAllocated() && !previously.get(i).overAllocated()) {
				newlyOver.add(now.get(i));
				projects.addAll(now.get(i).byProject().keySet());
			}
		}
		return newlyOver.isEmpty() ? Optional.empty() : Optional.of(new Overload(newlyOver, projects.size()));
	}

	/**
	 * Weeks in which a person became over-allocated.
	 *
	 * @param periods the weeks, with the load in each
	 * @param projects how many projects allocate the person in them
	 */
	record Overload(List<Period> periods, int projects) {
	}

	/** An allocation's share of one period, by the working days it covers. */
	static BigDecimal load(Allocation allocation, LocalDate start, LocalDate end) {
		LocalDate first = allocation.from().isAfter(start) ? allocation.from() : start;
		LocalDate last = allocation.to().isBefore(end) ? allocation.to() : end;
		if (first.isAfter(last)) {
			return BigDecimal.ZERO;
		}
		long covered = workdays(first, last);
		long all = workdays(start, end);
		if (covered == 0 || all == 0) {
			return BigDecimal.ZERO;
		}
		return allocation.percent()
			.multiply(BigDecimal.valueOf(covered))
			.divide(BigDecimal.valueOf(all), 6, RoundingMode.HALF_UP);
	}

	/** Monday-to-Friday days from {@code first} to {@code last}, both included. */
	static long workdays(LocalDate first, LocalDate last) {
		long days = ChronoUnit.DAYS.between(first, last) + 1;
		long weeks = days / 7;
		long count = weeks * 5;
		for (LocalDate day = first.plusDays(weeks * 7); !day.isAfter(last); day = day.plusDays(1)) {
			if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
				count++;
			}
		}
		return count;
	}

	/**
	 * One period of a person's load.
	 *
	 * @param start its first day
	 * @param end its last day
	 * @param percent the load over all projects
	 * @param byProject the load per project that has any
	 */
	public record Period(LocalDate start, LocalDate end, BigDecimal percent, Map<UUID, BigDecimal> byProject) {

		/**
		 * Whether the person is allocated above 100 % in it.
		 * @return whether over-allocated
		 */
		public boolean overAllocated() {
			return this.percent.compareTo(FULL) > 0;
		}

	}

}
