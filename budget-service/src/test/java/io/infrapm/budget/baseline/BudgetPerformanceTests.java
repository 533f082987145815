package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.BudgetOverrunForecast;
import io.infrapm.contracts.budget.BudgetRebaselined;
import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.CostPerformanceChanged;
import io.infrapm.contracts.budget.EacMethod;
import io.infrapm.contracts.budget.EarnedValueCalculated;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.contracts.budget.PerformanceBand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A budget's planned value over time, its baselines, and the performance it measures
 * after every change: a band or an overrun forecast is published once per crossing.
 */
class BudgetPerformanceTests {

	private static final Instant NOW = Instant.parse("2027-03-20T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final Actor SPONSOR = new Actor("sam", "sam@example.com", "Sam Sponsor");

	private static final EarnedValueSettings SETTINGS = EarnedValueSettings.DEFAULTS;

	/** BAC 120,000.00 over 2027, 365 days. */
	private final Budget budget = Budget.establish(UUID.randomUUID(), UUID.randomUUID(), "DC-1", "Data-centre move",
			new BigDecimal("120000.00"), "EUR", LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), NOW);

	/**
	 * A line of 61,000 spread over March (31,000) and April (30,000); the other 59,000 of
	 * BAC evenly over the year. On 10 March: 31,000 × 10/31 = 10,000 of the line, and
	 * 59,000 × 69/365 = 11,153.42 of the rest.
	 */
	@Test
	void plannedValueFollowsTheSpreadLinesProRataAndTheRestOfBacEvenly() {
		this.budget.planLine(line("61000", month("2027-03", "31000"), month("2027-04", "30000")), PAT, NOW);

		assertThat(this.budget.plannedValue(LocalDate.parse("2026-12-31"))).isEqualByComparingTo("0");
		assertThat(this.budget.plannedValue(LocalDate.parse("2027-03-10"))).isEqualByComparingTo("21153.42")
			.hasScaleOf(2);
		assertThat(this.budget.plannedValue(LocalDate.parse("2027-04-30")))
			.isEqualByComparingTo(new BigDecimal("61000").add(new BigDecimal("59000").multiply(BigDecimal.valueOf(120))
				.divide(BigDecimal.valueOf(365), 2, java.math.RoundingMode.HALF_EVEN)));
		assertThat(this.budget.plannedValue(LocalDate.parse("2027-12-31"))).as("PV at the end is BAC")
			.isEqualByComparingTo("120000");
	}

	@Test
	void spreadLinesThatPlanMoreThanBacAreScaledDownToIt() {
		this.budget.planLine(line("240000", month("2027-03", "120000"), month("2027-04", "120000")), PAT, NOW);

		assertThat(this.budget.plannedValue(LocalDate.parse("2027-03-31"))).isEqualByComparingTo("60000");
		assertThat(this.budget.plannedValue(LocalDate.parse("2027-04-30"))).isEqualByComparingTo("120000");
	}

	@Test
	void aRebaselineArmsAgainTheThresholdsNoLongerReachedAndCrossesThoseReachedNow() {
		spend("108000", "2027-03-10");
		assertThat(this.budget.crossed()).containsExactly(50, 80, 90);

		Baseline raised = this.budget.rebaseline(UUID.randomUUID(), "CR-1", "Second data hall", new BigDecimal("60000"),
				Instant.parse("2027-03-15T10:00:00Z"), SPONSOR, NOW);

		assertThat(raised.number()).isEqualTo(2);
		assertThat(this.budget.budgetAtCompletion()).isEqualByComparingTo("180000");
		assertThat(this.budget.crossed()).as("108,000 is 60 %% of 180,000").containsExactly(50);
		BudgetRebaselined rebaselined = events(BudgetRebaselined.class).get(0);
		assertThat(rebaselined.previousBudgetAtCompletion()).isEqualByComparingTo("120000");
		assertThat(rebaselined.rearmedThresholds()).containsExactly(80, 90);
		assertThat(rebaselined.actor()).isEqualTo(SPONSOR);
		assertThat(this.budget.budgetAtCompletionOn(LocalDate.parse("2027-03-14"))).isEqualByComparingTo("120000");
		assertThat(this.budget.budgetAtCompletionOn(LocalDate.parse("2027-03-15"))).isEqualByComparingTo("180000");

		this.budget.rebaseline(UUID.randomUUID(), "CR-2", "Hall cancelled", new BigDecimal("-80000"),
				Instant.parse("2027-03-18T10:00:00Z"), SPONSOR, NOW);

		List<BudgetThresholdCrossed> crossed = events(BudgetThresholdCrossed.class);
		assertThat(crossed).extracting(BudgetThresholdCrossed::thresholdPercent)
			.as("50, 80, 90 by the cost; 80, 90, 100 again by the cut to 100,000")
			.containsExactly(50, 80, 90, 80, 90, 100);
		assertThat(crossed.get(5).costId()).as("reached by the rebaseline, not by a cost").isNull();
		assertThat(crossed.get(5).actor()).isEqualTo(SPONSOR);
		assertThat(this.budget.baselines()).extracting(Baseline::number).containsExactly(1, 2, 3);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.budget.rebaseline(UUID.randomUUID(), "CR-3", "Too much", new BigDecimal("-100001"),
					NOW, SPONSOR, NOW))
			.withMessageContaining("larger than the budget at completion");
	}

	@Test
	void aProgressReportPublishesItsEarnedValueAndEachBandIsCrossedOnce() {
		// No lines: PV by 30 June is 120,000 × 181/365 = 59,506.85.
		spend("60000", "2027-06-15");
		report("50", "2027-06-30", "2027-07-01T08:00:00Z");

		EarnedValueCalculated calculated = events(EarnedValueCalculated.class).get(0);
		assertThat(calculated.earnedValue()).isEqualByComparingTo("60000");
		assertThat(calculated.costPerformanceIndex()).isEqualByComparingTo("1.0000");
		assertThat(calculated.schedulePerformanceIndex()).as("60,000 / 59,506.85").isEqualByComparingTo("1.0083");
		assertThat(events(CostPerformanceChanged.class)).as("still green").isEmpty();

		spend("6000", "2027-06-20");
		this.budget.measure(SETTINGS, PAT, NOW);
		CostPerformanceChanged amber = events(CostPerformanceChanged.class).get(0);
		assertThat(amber.costBand()).as("CPI 60,000 / 66,000 = 0.9091").isEqualTo(PerformanceBand.AMBER);
		assertThat(amber.previousCostBand()).isEqualTo(PerformanceBand.GREEN);
		assertThat(amber.scheduleBand()).isEqualTo(PerformanceBand.GREEN);
		assertThat(events(BudgetOverrunForecast.class)).singleElement()
			.satisfies((overrun) -> assertThat(overrun.overrun()).isTrue())
			.satisfies((overrun) -> assertThat(overrun.estimateAtCompletion()).isEqualByComparingTo("132000"));

		this.budget.measure(SETTINGS, PAT, NOW);
		spend("100", "2027-06-21");
		this.budget.measure(SETTINGS, PAT, NOW);
		assertThat(events(CostPerformanceChanged.class)).as("no band crossed again").hasSize(1);

		spend("1000", "2027-07-05");
		this.budget.measure(SETTINGS, PAT, NOW);
		assertThat(events(CostPerformanceChanged.class)).as("a cost after the report's day is not in its AC")
			.hasSize(1);

		report("60", "2027-06-30", "2027-07-02T08:00:00Z");
		List<CostPerformanceChanged> changes = events(CostPerformanceChanged.class);
		assertThat(changes).hasSize(2);
		assertThat(changes.get(1).costBand()).as("a corrected report: CPI 72,000 / 66,100 = 1.0893")
			.isEqualTo(PerformanceBand.GREEN);
		assertThat(events(BudgetOverrunForecast.class)).hasSize(2)
			.last()
			.satisfies((overrun) -> assertThat(overrun.overrun()).isFalse());
		assertThat(this.budget.measurement().costPerformanceIndex()).isEqualByComparingTo("1.0893");

		report("10", "2027-06-30", "2027-06-30T08:00:00Z");
		assertThat(this.budget.progress().get(LocalDate.parse("2027-06-30")).percentComplete())
			.as("a report made before the one the budget holds for that day does not replace it")
			.isEqualByComparingTo("60");
	}

	@Test
	void earnedValueAsOfADayUsesTheLastReportByThenAndTheBaselineInForce() {
		spend("30000", "2027-03-10");
		report("20", "2027-03-31", "2027-04-01T08:00:00Z");
		this.budget.rebaseline(UUID.randomUUID(), "CR-1", "More racks", new BigDecimal("30000"),
				Instant.parse("2027-04-15T10:00:00Z"), SPONSOR, NOW);

		EarnedValue march = this.budget.earnedValue(LocalDate.parse("2027-04-10"), EacMethod.CPI);
		EarnedValue may = this.budget.earnedValue(LocalDate.parse("2027-05-01"), EacMethod.CPI);

		assertThat(march.percentComplete()).isEqualByComparingTo("20");
		assertThat(march.earnedValue()).as("20 %% of 120,000").isEqualByComparingTo("24000");
		assertThat(may.earnedValue()).as("what the work done was worth on the report's day")
			.isEqualByComparingTo("24000");
		assertThat(may.budgetAtCompletion()).isEqualByComparingTo("150000");
		assertThat(may.estimateAtCompletion()).as("the new BAC over CPI 0.8").isEqualByComparingTo("187500");
		this.budget.measure(SETTINGS, SPONSOR, NOW);
		assertThat(this.budget.measurement().estimateAtCompletion())
			.as("measured as of the last report, forecast for the BAC in force now")
			.isEqualByComparingTo("187500");
		assertThat(this.budget.earnedValue(LocalDate.parse("2027-03-30"), EacMethod.CPI).earnedValue()).isNull();
	}

	private void report(String percent, String asOf, String reportedAt) {
		this.budget.reportProgress(
				new ProgressPoint(UUID.randomUUID(), new BigDecimal(percent), Instant.parse(reportedAt), PAT),
				LocalDate.parse(asOf), SETTINGS, NOW);
		this.budget.measure(SETTINGS, PAT, NOW);
	}

	private void spend(String amount, String day) {
		this.budget.record(new NewCost(CostKind.ACTUAL, new BigDecimal(amount), "EUR", null, CostCategory.HARDWARE,
				ExpenditureType.CAPEX, null, LocalDate.parse(day), "Vendor", null, null, null)
			.toCost(UUID.randomUUID(), this.budget), PAT, NOW);
	}

	private static BudgetLine.Plan line(String planned, BudgetLine.Month... months) {
		return new BudgetLine.Plan("Core network", CostCategory.HARDWARE, ExpenditureType.CAPEX,
				new BigDecimal(planned), List.of(months));
	}

	private static BudgetLine.Month month(String month, String amount) {
		return new BudgetLine.Month(month, new BigDecimal(amount));
	}

	private <T extends Record> List<T> events(Class<T> type) {
		return Registered.events(this.budget, type);
	}

}
