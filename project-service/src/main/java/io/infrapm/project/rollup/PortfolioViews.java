package io.infrapm.project.rollup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.project.portfolio.DateWatchSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/**
 * The portfolio views, answered from the rows in memory: only over the projects the
 * caller may see (all of them for portfolio managers and executives), and with money only
 * where the caller may see it.
 */
@Service
public class PortfolioViews {

	/** How many top risks the summary lists. */
	static final int TOP_RISKS = 10;

	/** How many missed milestones the summary lists. */
	static final int MISSED = 50;

	private final PortfolioRows rows;

	private final Clock clock;

	private final ZoneId zone;

	PortfolioViews(PortfolioRows rows, DateWatchSettings calendar, Clock clock, MeterRegistry registry) {
		this.rows = rows;
		this.clock = clock;
		this.zone = calendar.zone();
		// The business figure operations watch: how many active projects are red, amber,
		// green or not assessed yet, as this instance's rows say.
		for (String colour : List.of("RED", "AMBER", "GREEN", "NOT_ASSESSED")) {
			Gauge.builder("infrapm.projects.health", rows, (all) -> activeWith(all, colour))
				.description("Active projects by overall health")
				.tag("colour", colour)
				.register(registry);
		}
	}

	private static double activeWith(PortfolioRows rows, String colour) {
		return rows.all()
			.stream()
			.filter((row) -> row.status() == ProjectStatus.ACTIVE)
			.filter((row) -> colour.equals((row.overall() != null) ? row.overall().name() : "NOT_ASSESSED"))
			.count();
	}

	/**
	 * The summary of what the caller may see.
	 * @param caller who asks
	 * @param since the first day of the period whose missed milestones it lists, or
	 * {@code null} for the 30 days up to the summary's day
	 * @param asOf the day whose end it answers for, or {@code null} for now
	 * @return the summary
	 */
	public Summary summary(Caller caller, LocalDate since, LocalDate asOf) {
		LocalDate day = day(asOf);
		LocalDate from = (since != null) ? since : day.minusDays(30);
		List<PortfolioRow> visible = visible(caller, asOf).toList();
		Map<String, Long> byHealth = new TreeMap<>();
		Map<ProjectPhase, Long> byPhase = new EnumMap<>(ProjectPhase.class);
		Map<ProjectCategory, Long> byCategory = new EnumMap<>(ProjectCategory.class);
		Map<ProjectStatus, Long> byStatus = new EnumMap<>(ProjectStatus.class);
		Map<String, Money> money = new TreeMap<>();
		List<TopRisk> risks = new ArrayList<>();
		List<Missed> missed = new ArrayList<>();
		for (PortfolioRow row : visible) {
			byHealth.merge((row.overall() != null) ? row.overall().name() : "NOT_ASSESSED", 1L, Long::sum);
			count(byPhase, row.phase());
			count(byCategory, row.category());
			count(byStatus, row.status());
			if (row.currency() != null && seesMoney(caller, row)) {
				money.put(row.currency(), money.getOrDefault(row.currency(), Money.none(row.currency())).add(row));
			}
			if (row.topRisk() != null) {
				risks.add(new TopRisk(row.projectId(), row.code(), row.topRisk()));
			}
			if (row.missed() != null) {
				row.missed()
					.stream()
					.filter((m) -> !m.dueDate().isBefore(from))
					.forEach((m) -> missed.add(new Missed(row.projectId(), row.code(), m)));
			}
		}
		risks.sort(Comparator.comparingInt((TopRisk r) -> r.risk().score()).reversed().thenComparing(TopRisk::code));
		missed.sort(Comparator.comparing((Missed m) -> m.milestone().dueDate()).thenComparing(Missed::code));
		return new Summary((asOf != null) ? day : null, visible.size(), byHealth, byPhase, byCategory, byStatus,
				List.copyOf(money.values()), risks.stream().limit(TOP_RISKS).toList(), from, missed.size(),
				missed.stream().limit(MISSED).toList(), this.rows.lookedAt());
	}

	/**
	 * The rows the caller may see, filtered and sorted.
	 * @param caller who asks
	 * @param filter which rows
	 * @param sort in which order
	 * @param asOf the day whose end it answers for, or {@code null} for now
	 * @return the rows, each with whether the caller sees its money
	 */
	public List<Visible> rows(Caller caller, Filter filter, Sort sort, LocalDate asOf) {
		day(asOf);
		return visible(caller, asOf).filter(filter::matches)
			.sorted(sort.comparator())
			.map((row) -> new Visible(row, seesMoney(caller, row)))
			.toList();
	}

	/**
	 * The rows the caller may see: now, or as they stood at the end of a past day. Who
	 * may see a project is who may see it now, whatever the day asked for.
	 */
	private Stream<PortfolioRow> visible(Caller caller, LocalDate asOf) {
		Collection<PortfolioRow> now = this.rows.all();
		Stream<PortfolioRow> current = now.stream();
		if (!caller.readsWholePortfolio()) {
			String email = caller.email();
			if (email == null) {
				return Stream.empty();
			}
			current = current.filter((row) -> row.readers() != null && row.readers().contains(email));
		}
		if (asOf == null || !asOf.isBefore(this.rows.today())) {
			return current;
		}
		Map<UUID, PortfolioRow> then = this.rows.asOf(asOf);
		return current.map((row) -> then.get(row.projectId())).filter(java.util.Objects::nonNull);
	}

	private LocalDate day(LocalDate asOf) {
		LocalDate today = this.rows.today();
		if (asOf != null && asOf.isAfter(today)) {
			throw new RuleViolationException("asOf", "must be today (" + today + ") or earlier, not " + asOf);
		}
		return (asOf != null) ? asOf : today;
	}

	private static boolean seesMoney(Caller caller, PortfolioRow row) {
		return caller.readsWholePortfolio() || (caller.email() != null && row.moneyReaders() != null
				&& row.moneyReaders().contains(caller.email()));
	}

	private static <K> void count(Map<K, Long> counts, K key) {
		if (key != null) {
			counts.merge(key, 1L, Long::sum);
		}
	}

	/**
	 * The summary.
	 *
	 * @param asOf the day it answers for, or {@code null} for now
	 * @param projects how many projects it covers
	 * @param byHealth how many per overall colour ({@code NOT_ASSESSED} for none yet)
	 * @param byPhase how many per phase
	 * @param byCategory how many per category
	 * @param byStatus how many per status
	 * @param money the totals per currency, over the projects whose money the caller sees
	 * @param topRisks the open threats with the highest scores, one per project
	 * @param missedSince the first day of the missed milestones' period
	 * @param missedCount how many milestones were missed in it
	 * @param missed the first of them, oldest first
	 * @param rowsAsOf when the rows were last compared with the store, or {@code null}
	 * for a past day
	 */
	public record Summary(LocalDate asOf, int projects, Map<String, Long> byHealth, Map<ProjectPhase, Long> byPhase,
			Map<ProjectCategory, Long> byCategory, Map<ProjectStatus, Long> byStatus, List<Money> money,
			List<TopRisk> topRisks, LocalDate missedSince, int missedCount, List<Missed> missed,
			java.time.Instant rowsAsOf) {
	}

	/**
	 * The totals of one currency.
	 *
	 * @param currency the currency
	 * @param projects how many projects count in it
	 * @param budgetAtCompletion their budgets (BAC)
	 * @param actualTotal their actual costs
	 * @param estimateAtCompletion their estimates at completion (a project without one
	 * counts its budget)
	 */
	public record Money(String currency, int projects, BigDecimal budgetAtCompletion, BigDecimal actualTotal,
			BigDecimal estimateAtCompletion) {

		static Money none(String currency) {
			return new Money(currency, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
		}

		Money add(PortfolioRow row) {
			BigDecimal eac = (row.estimateAtCompletion() != null) ? row.estimateAtCompletion()
					: row.budgetAtCompletion();
			return new Money(this.currency, this.projects + 1, plus(this.budgetAtCompletion, row.budgetAtCompletion()),
					plus(this.actualTotal, row.actualTotal()), plus(this.estimateAtCompletion, eac));
		}

		private static BigDecimal plus(BigDecimal total, BigDecimal value) {
			return (value != null) ? total.add(value) : total;
		}

	}

	/**
	 * A project's top risk in the summary.
	 *
	 * @param projectId the project
	 * @param code its code
	 * @param risk the risk
	 */
	public record TopRisk(UUID projectId, String code, PortfolioRow.TopRisk risk) {
	}

	/**
	 * A missed milestone in the summary.
	 *
	 * @param projectId the project
	 * @param code its code
	 * @param milestone the milestone
	 */
	public record Missed(UUID projectId, String code, PortfolioRow.Milestone milestone) {
	}

	/**
	 * A row and whether its reader sees its money.
	 *
	 * @param row the row
	 * @param moneyVisible whether the reader sees its money
	 */
	public record Visible(PortfolioRow row, boolean moneyVisible) {
	}

	/**
	 * Which rows: each part given must match.
	 *
	 * @param health the overall colour, or {@code null}
	 * @param phase the phase, or {@code null}
	 * @param category the category, or {@code null}
	 * @param status the status, or {@code null}
	 * @param managerEmail the manager's address, or {@code null}
	 * @param text a part of the code or the name, ignoring case, or {@code null}
	 */
	public record Filter(HealthColour health, ProjectPhase phase, ProjectCategory category, ProjectStatus status,
			String managerEmail, String text) {

		boolean matches(PortfolioRow row) {
			return (this.health == null || this.health == row.overall())
					&& (this.phase == null || this.phase == row.phase())
					&& (this.category == null || this.category == row.category())
					&& (this.status == null || this.status == row.status())
					&& (this.managerEmail == null || this.managerEmail.equalsIgnoreCase(row.managerEmail()))
					&& (this.text == null || contains(row.code(), this.text) || contains(row.name(), this.text));
		}

		private static boolean contains(String value, String part) {
			return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
		}

	}

	/** The orders of the rows; every one ends with the code. */
	public enum Sort {

		/** By code. */
		CODE(Comparator.comparing(PortfolioRow::code)),

		/** By name. */
		NAME(Comparator.comparing(PortfolioRow::name, String.CASE_INSENSITIVE_ORDER)),

		/** Red first, then amber, green and not assessed. */
		HEALTH(Comparator.comparingInt(Sort::severity)),

		/** Lowest CPI first, none last. */
		CPI(nullsLast(PortfolioRow::costPerformanceIndex)),

		/** Lowest SPI first, none last. */
		SPI(nullsLast(PortfolioRow::schedulePerformanceIndex)),

		/** The soonest next milestone first, none last. */
		NEXT_MILESTONE(nullsLast((row) -> (row.nextMilestone() != null) ? row.nextMilestone().dueDate() : null)),

		/** The highest top risk first, none last. */
		TOP_RISK(Comparator.comparingInt((PortfolioRow row) -> (row.topRisk() != null) ? -row.topRisk().score() : 1));

		private final Comparator<PortfolioRow> order;

		Sort(Comparator<PortfolioRow> order) {
			this.order = order;
		}

		Comparator<PortfolioRow> comparator() {
			return (this == CODE) ? this.order : this.order.thenComparing(PortfolioRow::code);
		}

		private static int severity(PortfolioRow row) {
			if (row.overall() == null) {
				return 3;
			}
			return switch (row.overall()) {
				case RED -> 0;
				case AMBER -> 1;
				case GREEN -> 2;
			};
		}

		private static <T extends Comparable<T>> Comparator<PortfolioRow> nullsLast(Function<PortfolioRow, T> key) {
			return Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
		}

	}

}
