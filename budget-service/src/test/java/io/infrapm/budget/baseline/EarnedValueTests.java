package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.infrapm.contracts.budget.EacMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The formulas of earned value, checked against a worked example and at their edges:
 * every division by zero is a {@code null} with its reason, and rounding happens once, at
 * the end, half-even.
 */
class EarnedValueTests {

	private static final LocalDate AS_OF = LocalDate.parse("2027-06-30");

	/**
	 * The worked example: BAC 100,000.00, PV 50,000.00, 40 % complete (EV 40,000.00), AC
	 * 45,000.00. By hand: SV = −10,000, CV = −5,000, SPI = 0.8, CPI = 0.8889; EAC by CPI
	 * = 100,000 / (40,000 / 45,000) = 112,500, ETC = 67,500, VAC = −12,500; TCPI to BAC =
	 * 60,000 / 55,000 = 1.0909, to EAC = 60,000 / 67,500 = 0.8889.
	 */
	@Test
	void theWorkedExampleByTheCpiMethod() {
		EarnedValue value = worked(EacMethod.CPI);

		assertThat(value.plannedValue()).isEqualByComparingTo("50000").hasScaleOf(2);
		assertThat(value.earnedValue()).isEqualByComparingTo("40000").hasScaleOf(2);
		assertThat(value.actualCost()).isEqualByComparingTo("45000");
		assertThat(value.scheduleVariance()).isEqualByComparingTo("-10000");
		assertThat(value.costVariance()).isEqualByComparingTo("-5000");
		assertThat(value.schedulePerformanceIndex()).isEqualByComparingTo("0.8000").hasScaleOf(4);
		assertThat(value.costPerformanceIndex()).isEqualByComparingTo("0.8889");
		assertThat(value.estimateAtCompletion())
			.as("BAC × AC / EV, not BAC over the rounded CPI (which gives 112,498.59)")
			.isEqualByComparingTo("112500.00")
			.hasScaleOf(2);
		assertThat(value.estimateToComplete()).isEqualByComparingTo("67500");
		assertThat(value.varianceAtCompletion()).isEqualByComparingTo("-12500");
		assertThat(value.toCompletePerformanceIndex()).isEqualByComparingTo("1.0909");
		assertThat(value.toCompletePerformanceIndexToEac()).isEqualByComparingTo("0.8889");
		assertThat(value.undefined()).isEmpty();
	}

	/** Atypical: EAC = 45,000 + (100,000 − 40,000) = 105,000; TCPI to EAC = 1. */
	@Test
	void theWorkedExampleTakingTheOverrunSoFarForAOneOff() {
		EarnedValue value = worked(EacMethod.ATYPICAL);

		assertThat(value.estimateAtCompletion()).isEqualByComparingTo("105000.00");
		assertThat(value.estimateToComplete()).isEqualByComparingTo("60000");
		assertThat(value.varianceAtCompletion()).isEqualByComparingTo("-5000");
		assertThat(value.toCompletePerformanceIndexToEac()).isEqualByComparingTo("1.0000");
	}

	/**
	 * CPI × SPI: EAC = 45,000 + 60,000 / (0.8889 × 0.8) = 45,000 + 84,375 = 129,375; TCPI
	 * to EAC = 60,000 / 84,375 = 0.7111.
	 */
	@Test
	void theWorkedExampleWeighingCostAndSchedulePerformance() {
		EarnedValue value = worked(EacMethod.CPI_SPI);

		assertThat(value.estimateAtCompletion()).isEqualByComparingTo("129375.00");
		assertThat(value.estimateToComplete()).isEqualByComparingTo("84375");
		assertThat(value.varianceAtCompletion()).isEqualByComparingTo("-29375");
		assertThat(value.toCompletePerformanceIndexToEac()).isEqualByComparingTo("0.7111");
	}

	@Test
	void withoutAProgressReportNothingIsEarnedYetAndEveryFigureFromEvSaysSo() {
		EarnedValue value = EarnedValue.of(AS_OF, "EUR", amount("100000"), amount("50000"), null, amount("45000"),
				EacMethod.CPI);

		assertThat(value.plannedValue()).isEqualByComparingTo("50000");
		assertThat(value.actualCost()).isEqualByComparingTo("45000");
		assertThat(value.earnedValue()).isNull();
		assertThat(value.costPerformanceIndex()).isNull();
		assertThat(value.estimateAtCompletion()).isNull();
		assertThat(value.undefined()).containsEntry("earnedValue", "no progress was reported by 2027-06-30")
			.containsEntry("toCompletePerformanceIndexToEac", "no progress was reported by 2027-06-30")
			.hasSize(10);
	}

	@Test
	void nothingPlannedYetLeavesSpiAndTheCpiSpiEstimateUndefined() {
		EarnedValue value = EarnedValue.of(AS_OF, "EUR", amount("100000"), BigDecimal.ZERO, new BigDecimal("5"),
				amount("4000"), EacMethod.CPI_SPI);

		assertThat(value.schedulePerformanceIndex()).isNull();
		assertThat(value.scheduleVariance()).isEqualByComparingTo("5000");
		assertThat(value.costPerformanceIndex()).isEqualByComparingTo("1.2500");
		assertThat(value.estimateAtCompletion()).isNull();
		assertThat(value.undefined())
			.containsEntry("schedulePerformanceIndex", "PV is zero: no work was planned by 2027-06-30")
			.containsEntry("estimateAtCompletion",
					"AC + (BAC − EV) / (CPI × SPI) needs CPI and SPI, and SPI is undefined")
			.containsEntry("varianceAtCompletion", "EAC is undefined");
	}

	@Test
	void nothingSpentYetLeavesCpiAndTheCpiEstimateUndefinedButNotTheAtypicalOne() {
		EarnedValue cpi = EarnedValue.of(AS_OF, "EUR", amount("100000"), amount("10000"), new BigDecimal("10"),
				BigDecimal.ZERO, EacMethod.CPI);
		EarnedValue atypical = EarnedValue.of(AS_OF, "EUR", amount("100000"), amount("10000"), new BigDecimal("10"),
				BigDecimal.ZERO, EacMethod.ATYPICAL);

		assertThat(cpi.costPerformanceIndex()).isNull();
		assertThat(cpi.estimateAtCompletion()).isNull();
		assertThat(cpi.undefined()).containsEntry("costPerformanceIndex", "AC is zero: nothing was spent by 2027-06-30")
			.containsEntry("estimateAtCompletion", "BAC / CPI needs CPI, and CPI is undefined");
		assertThat(atypical.estimateAtCompletion()).isEqualByComparingTo("90000");
		assertThat(atypical.toCompletePerformanceIndex()).isEqualByComparingTo("0.9000");
	}

	@Test
	void moneySpentWithNothingEarnedGivesACpiOfZeroAndNoBoundedEstimate() {
		EarnedValue value = EarnedValue.of(AS_OF, "EUR", amount("100000"), amount("10000"), BigDecimal.ZERO,
				amount("2500"), EacMethod.CPI);

		assertThat(value.costPerformanceIndex()).isEqualByComparingTo("0").hasScaleOf(4);
		assertThat(value.estimateAtCompletion()).isNull();
		assertThat(value.undefined()).containsEntry("estimateAtCompletion",
				"no value was earned yet: BAC / CPI is unbounded");
	}

	@Test
	void onceTheBudgetIsSpentNoTcpiToBacIsDefined() {
		EarnedValue spent = EarnedValue.of(AS_OF, "EUR", amount("100000"), amount("90000"), new BigDecimal("80"),
				amount("100000"), EacMethod.CPI);
		EarnedValue overspent = EarnedValue.of(AS_OF, "EUR", amount("100000"), amount("90000"), new BigDecimal("80"),
				amount("110000"), EacMethod.CPI);

		assertThat(spent.toCompletePerformanceIndex()).isNull();
		assertThat(spent.undefined()).containsEntry("toCompletePerformanceIndex",
				"AC has reached BAC: no budget is left for the work remaining");
		assertThat(spent.estimateAtCompletion()).isEqualByComparingTo("125000");
		assertThat(overspent.toCompletePerformanceIndex()).isNull();
		assertThat(overspent.undefined()).containsEntry("toCompletePerformanceIndex",
				"AC exceeds BAC: the work remaining cannot be done within BAC");
	}

	@Test
	void finishedWorkCostsWhatWasSpentWhateverTheIndices() {
		EarnedValue value = EarnedValue.of(AS_OF, "EUR", amount("100000"), BigDecimal.ZERO, new BigDecimal("100"),
				amount("97000"), EacMethod.CPI_SPI);

		assertThat(value.estimateAtCompletion()).isEqualByComparingTo("97000");
		assertThat(value.estimateToComplete()).isEqualByComparingTo("0");
		assertThat(value.toCompletePerformanceIndexToEac()).isNull();
		assertThat(value.undefined()).containsEntry("toCompletePerformanceIndexToEac",
				"EAC does not exceed AC: no cost is forecast for the work remaining");
	}

	@Test
	void moneyIsRoundedHalfEvenToTheCurrencysScale() {
		EarnedValue euro = EarnedValue.of(AS_OF, "EUR", amount("10"), amount("1"), new BigDecimal("12.25"), amount("1"),
				EacMethod.ATYPICAL);
		EarnedValue yenDown = EarnedValue.of(AS_OF, "JPY", new BigDecimal("1000"), BigDecimal.ONE,
				new BigDecimal("0.25"), BigDecimal.ONE, EacMethod.ATYPICAL);
		EarnedValue yenUp = EarnedValue.of(AS_OF, "JPY", new BigDecimal("1000"), BigDecimal.ONE, new BigDecimal("0.35"),
				BigDecimal.ONE, EacMethod.ATYPICAL);

		assertThat(euro.earnedValue()).as("1.225 to even").isEqualByComparingTo("1.22").hasScaleOf(2);
		assertThat(yenDown.earnedValue()).as("2.5 to even").isEqualByComparingTo("2").hasScaleOf(0);
		assertThat(yenUp.earnedValue()).as("3.5 to even").isEqualByComparingTo("4");
		assertThat(yenDown.estimateAtCompletion()).as("from the unrounded EV: 1 + 1000 − 2.5")
			.isEqualByComparingTo("998");
	}

	private static EarnedValue worked(EacMethod method) {
		return EarnedValue.of(AS_OF, "EUR", amount("100000"), amount("50000"), new BigDecimal("40"), amount("45000"),
				method);
	}

	private static BigDecimal amount(String value) {
		return new BigDecimal(value).setScale(2);
	}

}
