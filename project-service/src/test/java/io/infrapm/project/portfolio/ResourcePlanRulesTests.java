package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ResourceOverAllocated;
import io.infrapm.contracts.project.ResourcePlanChanged;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Resource plans and load: working days weigh an allocation's share of a period, a plan
 * is replaced as a whole and published, and a change that pushes a person above 100 %
 * over every open project in weeks where they were not before is reported once.
 */
class ResourcePlanRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final Person TESS = new Person("Tess Lead", "Tess@Example.com");

	private final Project project = Project.initiate(
			new ProjectPlan("DC-1", "Data-centre move", ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
					LocalDate.parse("2027-06-30"), null),
			new Money(new BigDecimal("1000000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void workingDaysAreMondayToFriday() {
		assertThat(Workload.workdays(LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-07"))).isEqualTo(5);
		assertThat(Workload.workdays(LocalDate.parse("2027-03-06"), LocalDate.parse("2027-03-07"))).isZero();
		assertThat(Workload.workdays(LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-31"))).isEqualTo(23);
		assertThat(Workload.workdays(LocalDate.parse("2027-03-05"), LocalDate.parse("2027-03-08"))).isEqualTo(2);
	}

	@Test
	void anAllocationWeighsItsShareByTheWorkingDaysItCovers() {
		UUID a = UUID.randomUUID();
		// Wednesday to Friday: three of the week's five working days at 50 %.
		Allocation half = line(TESS, "2027-03-03", "2027-03-12", "50");

		List<Workload.Period> weeks = Workload.of(Map.of(a, List.of(half)), Workload.Granularity.WEEK,
				LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-14"));

		assertThat(weeks).extracting(Workload.Period::start)
			.containsExactly(LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-08"));
		assertThat(weeks.get(0).percent()).isEqualByComparingTo("30");
		assertThat(weeks.get(1).percent()).isEqualByComparingTo("50");
		List<Workload.Period> months = Workload.of(Map.of(a, List.of(half)), Workload.Granularity.MONTH,
				LocalDate.parse("2027-03-10"), LocalDate.parse("2027-04-02"));
		assertThat(months).extracting(Workload.Period::end)
			.containsExactly(LocalDate.parse("2027-03-31"), LocalDate.parse("2027-04-30"));
		// Eight of March's 23 working days at 50 %.
		assertThat(months.get(0).percent()).isEqualByComparingTo("17.39");
		assertThat(months.get(1).percent()).isEqualByComparingTo("0");
	}

	@Test
	void aPlanIsReplacedAsAWholeAndPublished() {
		ResourcePlan plan = plan(List.of(new Allocation.Line(" Network engineer ", null, LocalDate.parse("2027-03-01"),
				LocalDate.parse("2027-04-30"), new BigDecimal("100.00"))), Map.of());

		assertThat(plan.revision()).isEqualTo(1);
		assertThat(plan.allocations()).singleElement().satisfies((a) -> {
			assertThat(a.role()).isEqualTo("Network engineer");
			assertThat(a.percent()).isEqualByComparingTo("100");
		});
		ResourcePlanChanged event = lastEvent(ResourcePlanChanged.class);
		assertThat(event.revision()).isEqualTo(1);
		assertThat(event.allocations()).hasSize(1);
		int events = this.project.registeredEvents().size();
		assertThat(plan(List.of(new Allocation.Line("Network engineer", null, LocalDate.parse("2027-03-01"),
				LocalDate.parse("2027-04-30"), new BigDecimal("100"))), Map.of())
			.revision()).as("the same plan again changes nothing").isEqualTo(1);
		assertThat(this.project.registeredEvents()).hasSize(events);
		assertThat(plan(List.of(), Map.of()).allocations()).isEmpty();
	}

	@Test
	void aLineNamesARoleOrAPersonAndEndsAfterItStarts() {
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> plan(List.of(new Allocation.Line(" ", null, LocalDate.parse("2027-03-01"),
					LocalDate.parse("2027-03-31"), BigDecimal.TEN)), Map.of()))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("role, a person"));
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> plan(List.of(new Allocation.Line("DBA",
				null, LocalDate.parse("2027-03-31"), LocalDate.parse("2027-03-01"), BigDecimal.TEN)), Map.of()));
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> plan(List.of(new Allocation.Line("DBA",
				null, LocalDate.parse("2027-03-01"), LocalDate.parse("2030-03-02"), BigDecimal.TEN)), Map.of()));
		assertThat(this.project.resourcePlan().revision()).isZero();
	}

	@Test
	void aChangeThatPushesSomeoneAbove100PercentIsReportedForTheNewWeeksOnly() {
		UUID other = UUID.randomUUID();
		Map<String, Map<UUID, List<Allocation>>> elsewhere = Map.of("tess@example.com",
				Map.of(other, List.of(line(TESS, "2027-03-01", "2027-03-21", "60"))));

		plan(List.of(lineOf(TESS, "2027-03-08", "2027-03-14", "50")), elsewhere);
		ResourceOverAllocated over = lastEvent(ResourceOverAllocated.class);
		assertThat(over.email()).isEqualTo("Tess@Example.com");
		assertThat(over.periods()).singleElement().satisfies((p) -> {
			assertThat(p.start()).isEqualTo(LocalDate.parse("2027-03-08"));
			assertThat(p.percent()).isEqualByComparingTo("110");
		});
		assertThat(over.projects()).isEqualTo(2);

		plan(List.of(lineOf(TESS, "2027-03-08", "2027-03-21", "50")), elsewhere);
		assertThat(lastEvent(ResourceOverAllocated.class).periods()).as("only the week that is new")
			.extracting((p) -> p.start())
			.containsExactly(LocalDate.parse("2027-03-15"));

		plan(List.of(lineOf(TESS, "2027-03-08", "2027-03-21", "40")), elsewhere);
		assertThat(lastEvent(ResourcePlanChanged.class).revision()).as("exactly 100 % is not over").isEqualTo(3);
	}

	private ResourcePlan plan(List<Allocation.Line> lines, Map<String, Map<UUID, List<Allocation>>> elsewhere) {
		return this.project.planResources(lines, elsewhere, PAT, NOW);
	}

	private static Allocation line(Person person, String from, String to, String percent) {
		return new Allocation(UUID.randomUUID(), null, person, LocalDate.parse(from), LocalDate.parse(to),
				new BigDecimal(percent));
	}

	private static Allocation.Line lineOf(Person person, String from, String to, String percent) {
		return new Allocation.Line("Technical lead", person, LocalDate.parse(from), LocalDate.parse(to),
				new BigDecimal(percent));
	}

	private <T extends Record> T lastEvent(Class<T> type) {
		List<OutboxEntry> events = this.project.registeredEvents();
		OutboxEntry last = events.get(events.size() - 1);
		assertThat(last.type()).isEqualTo(EventCatalog.typeOf(type));
		return EventJson.mapper().readValue(last.payload(), type);
	}

}
