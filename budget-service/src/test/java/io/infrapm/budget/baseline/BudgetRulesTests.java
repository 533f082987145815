package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.BudgetLinePlanned;
import io.infrapm.contracts.budget.BudgetLineRevised;
import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.CostRecorded;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of a budget, on the aggregate and with worked examples: lines and their
 * spread, running totals by category and CapEx/OpEx, money at the currency's scale,
 * exchange rates, commitments relieved by their invoices, reversals, thresholds published
 * once each however a cost jumps, savings of closed lines, and a frozen budget.
 */
class BudgetRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-20T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private final Budget budget = Budget.establish(UUID.randomUUID(), UUID.randomUUID(), "DC-1", "Data-centre move",
			new BigDecimal("1000000.00"), "EUR", LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), NOW);

	@Test
	void linesPlanTheBudgetByCategoryAndExpenditureTypeAndTheirSpreadMustAddUp() {
		BudgetLine switches = this.budget.planLine(
				new BudgetLine.Plan(" Core switches ", CostCategory.HARDWARE, ExpenditureType.CAPEX,
						new BigDecimal("240000"), List.of(month("2027-04", "80000"), month("2027-03", "160000"))),
				PAT, NOW);
		this.budget.planLine(new BudgetLine.Plan("Migration services", CostCategory.SERVICES, ExpenditureType.OPEX,
				new BigDecimal("300000.50"), List.of()), PAT, NOW);

		assertThat(switches.name()).isEqualTo("Core switches");
		assertThat(switches.planned()).isEqualByComparingTo("240000").hasScaleOf(2);
		assertThat(switches.months()).extracting(BudgetLine.Month::month)
			.as("in order")
			.containsExactly("2027-03", "2027-04");
		assertThat(this.budget.planned()).isEqualByComparingTo("540000.50");
		assertThat(this.budget.byCategory().get(CostCategory.HARDWARE).planned()).isEqualByComparingTo("240000");
		assertThat(this.budget.byType().get(ExpenditureType.OPEX).planned()).isEqualByComparingTo("300000.50");
		BudgetLinePlanned planned = event(BudgetLinePlanned.class, 0);
		assertThat(planned.months()).hasSize(2);
		assertThat(planned.plannedTotal()).isEqualByComparingTo("240000");

		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.budget.planLine(new BudgetLine.Plan("Racks", CostCategory.HARDWARE,
					ExpenditureType.CAPEX, new BigDecimal("1000"), List.of(month("2027-03", "600"))), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("months"))
			.withMessageContaining("add up to 600.00");
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.budget.planLine(new BudgetLine.Plan("Cables", CostCategory.HARDWARE,
					ExpenditureType.CAPEX, new BigDecimal("10.005"), List.of()), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("plannedAmount"))
			.withMessageContaining("more decimals than EUR has (2)");
		assertThatExceptionOfType(RuleViolationException.class)
			.as("a spread line gets its new spread with a new amount")
			.isThrownBy(() -> this.budget.reviseLine(switches.id(),
					new BudgetLine.Revision(null, new BigDecimal("250000"), null), PAT, NOW));
	}

	@Test
	void aCostJumpingSeveralThresholdsPublishesEachOnceLowestFirstAndNeverAgain() {
		record(CostKind.ACTUAL, "400000", null);
		assertThat(events(BudgetThresholdCrossed.class)).isEmpty();

		Cost big = record(CostKind.ACTUAL, "550000", null);

		List<BudgetThresholdCrossed> crossed = events(BudgetThresholdCrossed.class);
		assertThat(crossed).extracting(BudgetThresholdCrossed::thresholdPercent).containsExactly(50, 80, 90);
		assertThat(crossed.get(2).consumedPercent()).isEqualByComparingTo("95.00");
		assertThat(crossed.get(2).costId()).isEqualTo(big.id());
		assertThat(crossed.get(2).actor()).isEqualTo(PAT);

		this.budget.record(reversalOf(big), PAT, NOW);
		assertThat(this.budget.actual()).isEqualByComparingTo("400000");
		record(CostKind.ACTUAL, "560000", null);
		assertThat(events(BudgetThresholdCrossed.class)).as("50, 80 and 90 are not published again").hasSize(3);

		record(CostKind.ACTUAL, "40000", null);
		assertThat(events(BudgetThresholdCrossed.class)).extracting(BudgetThresholdCrossed::thresholdPercent)
			.containsExactly(50, 80, 90, 100);
		assertThat(this.budget.crossed()).containsExactly(50, 80, 90, 100);
	}

	@Test
	void aProjectsOwnThresholdsReplaceTheDefaults() {
		this.budget.setThresholds(List.of(75, 25, 25));
		assertThat(this.budget.thresholds()).containsExactly(25, 75);

		record(CostKind.ACTUAL, "300000", null);

		assertThat(events(BudgetThresholdCrossed.class)).extracting(BudgetThresholdCrossed::thresholdPercent)
			.containsExactly(25);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.budget.setThresholds(List.of(0, 50)));
	}

	@Test
	void aCostInAnotherCurrencyNeedsItsRateAndIsConvertedHalfEvenAtTheBudgetsScale() {
		NewCost dollars = new NewCost(CostKind.ACTUAL, new BigDecimal("52000.00"), "USD", new BigDecimal("0.9215"),
				CostCategory.HARDWARE, ExpenditureType.CAPEX, null, LocalDate.parse("2027-03-18"), "Rack & Stack",
				"INV-1", null, null);
		Cost booked = this.budget.record(dollars.toCost(UUID.randomUUID(), this.budget), PAT, NOW);

		assertThat(booked.amount()).isEqualByComparingTo("47918.00");
		assertThat(booked.original().amount()).isEqualByComparingTo("52000.00");
		assertThat(booked.original().exchangeRate()).isEqualByComparingTo("0.9215");
		CostRecorded recorded = event(CostRecorded.class, 0);
		assertThat(recorded.originalCurrency()).isEqualTo("USD");
		assertThat(recorded.currency()).isEqualTo("EUR");
		// 10.01 × 0.3335 = 3.338335 → 3.34; 0.01 × 0.5 = 0.005 → 0.00 (half to even).
		assertThat(inEuro("10.01", "USD", "0.3335")).isEqualByComparingTo("3.34");
		assertThat(inEuro("0.01", "USD", "0.5")).isEqualByComparingTo("0.00").hasScaleOf(2);
		assertThat(inEuro("3", "JPY", "0.0062")).isEqualByComparingTo("0.02");

		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> inEuro("52000.00", "USD", null))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("currency"))
			.withMessageContaining("needs the exchangeRate");
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> inEuro("1.5", "JPY", "0.0062"))
			.withMessageContaining("more decimals than JPY has (0)");
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> inEuro("1", "XYZ", "1"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("currency"));
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> inEuro("1", "EUR", "1.1"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("exchangeRate"));
	}

	@Test
	void anInvoiceRelievesItsCommitmentAndItsReversalOpensItAgain() {
		Cost order = record(CostKind.COMMITMENT, "100000", null);
		assertThat(this.budget.committed()).isEqualByComparingTo("100000");

		Cost first = this.budget.record(invoice("60000", order.id()), PAT, NOW);
		assertThat(first.relieved()).isEqualByComparingTo("60000");
		assertThat(this.budget.actual()).isEqualByComparingTo("60000");
		assertThat(this.budget.committed()).isEqualByComparingTo("40000");

		Cost second = this.budget.record(invoice("50000", order.id()), PAT, NOW);
		assertThat(second.relieved()).as("only what was still open").isEqualByComparingTo("40000");
		assertThat(this.budget.committed()).isZero();
		assertThat(this.budget.openOf(order.id())).isZero();

		this.budget.record(reversalOf(second), PAT, NOW);
		assertThat(this.budget.actual()).isEqualByComparingTo("60000");
		assertThat(this.budget.committed()).isEqualByComparingTo("40000");
		assertThat(this.budget.openOf(order.id())).isEqualByComparingTo("40000");

		this.budget.record(reversalOf(order), PAT, NOW);
		assertThat(this.budget.committed()).as("withdrawing the order withdraws what is open of it").isZero();
		assertThat(this.budget.byCategory().get(CostCategory.HARDWARE).committed()).isZero();
		assertThat(this.budget.byCategory().get(CostCategory.HARDWARE).actual()).isEqualByComparingTo("60000");
	}

	@Test
	void aLineCarriesItsCostsVarianceAndOnceClosedItsSaving() {
		BudgetLine racks = this.budget.planLine(new BudgetLine.Plan("Racks", CostCategory.HARDWARE,
				ExpenditureType.CAPEX, new BigDecimal("50000"), List.of()), PAT, NOW);
		NewCost onLine = new NewCost(CostKind.ACTUAL, new BigDecimal("42000"), "EUR", null, null, null, racks.id(),
				LocalDate.parse("2027-03-02"), null, "INV-9", null, null);
		this.budget.record(onLine.toCost(UUID.randomUUID(), this.budget), PAT, NOW);

		assertThat(this.budget.line(racks.id()).figures().variance()).isEqualByComparingTo("8000");
		assertThat(this.budget.line(racks.id()).saving()).as("open lines save nothing yet").isZero();
		NewCost otherCategory = new NewCost(CostKind.ACTUAL, BigDecimal.TEN, "EUR", null, CostCategory.LABOUR,
				ExpenditureType.OPEX, racks.id(), LocalDate.parse("2027-03-02"), null, null, null, null);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.budget.record(otherCategory.toCost(UUID.randomUUID(), this.budget), PAT, NOW))
			.withMessageContaining("is HARDWARE CAPEX, not LABOUR OPEX");
		this.budget.closeLine(racks.id(), PAT, NOW);
		assertThat(this.budget.line(racks.id()).saving()).isEqualByComparingTo("8000");
		assertThat(event(BudgetLineRevised.class, 0).closed()).isTrue();
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.budget.record(onLine.toCost(UUID.randomUUID(), this.budget), PAT, NOW))
			.withMessageContaining("closed");
	}

	@Test
	void aZeroBudgetCrossesEveryThresholdWithItsFirstCostAndSaysNoPercentage() {
		Budget zero = Budget.establish(UUID.randomUUID(), UUID.randomUUID(), "Z-1", "Zero", BigDecimal.ZERO, "EUR",
				null, null, NOW);
		zero.record(
				new NewCost(CostKind.ACTUAL, BigDecimal.ONE, "EUR", null, CostCategory.OTHER, ExpenditureType.OPEX,
						null, LocalDate.parse("2027-03-02"), null, null, null, null)
					.toCost(UUID.randomUUID(), zero),
				PAT, NOW);

		assertThat(zero.crossed()).containsExactly(50, 80, 90, 100);
		assertThat(Amounts.percent(zero.actual(), zero.budgetAtCompletion())).isNull();
	}

	@Test
	void actualCostsAreKeptByDayForEarnedValueAndCommitmentsAreNot() {
		record(CostKind.ACTUAL, "1000", null);
		record(CostKind.COMMITMENT, "5000", null);

		assertThat(this.budget.actualByDay()).containsOnlyKeys(LocalDate.parse("2027-03-10"));
		assertThat(this.budget.actualByDay().get(LocalDate.parse("2027-03-10"))).isEqualByComparingTo("1000");
		assertThat(this.budget.actualCostBy(LocalDate.parse("2027-03-09"))).isEqualByComparingTo("0");
		assertThat(this.budget.actualCostBy(LocalDate.parse("2027-03-10"))).isEqualByComparingTo("1000");
		assertThat(this.budget.newCosts()).as("waiting for the ledger").hasSize(2);
	}

	private Cost record(CostKind kind, String amount, UUID commitment) {
		NewCost cost = new NewCost(kind, new BigDecimal(amount), "EUR", null, CostCategory.HARDWARE,
				ExpenditureType.CAPEX, null, LocalDate.parse("2027-03-10"), "Vendor", null, null, commitment);
		return this.budget.record(cost.toCost(UUID.randomUUID(), this.budget), PAT, NOW);
	}

	private Cost invoice(String amount, UUID commitment) {
		return new NewCost(CostKind.ACTUAL, new BigDecimal(amount), "EUR", null, CostCategory.HARDWARE,
				ExpenditureType.CAPEX, null, LocalDate.parse("2027-03-15"), "Vendor", null, null, commitment)
			.toCost(UUID.randomUUID(), this.budget);
	}

	private static Cost reversalOf(Cost original) {
		return new Cost(UUID.randomUUID(), original.projectId(), original.kind(), original.amount().negate(), null,
				original.category(), original.expenditureType(), original.lineId(), original.incurredOn(),
				original.vendor(), original.vendorKey(), original.reference(), "wrong project", original.commitmentId(),
				original.relieved(), original.id(), null, null);
	}

	private BigDecimal inEuro(String amount, String currency, String rate) {
		return new NewCost(CostKind.ACTUAL, new BigDecimal(amount), currency,
				(rate != null) ? new BigDecimal(rate) : null, CostCategory.OTHER, ExpenditureType.OPEX, null,
				LocalDate.parse("2027-03-02"), null, null, null, null)
			.toCost(UUID.randomUUID(), this.budget)
			.amount();
	}

	private static BudgetLine.Month month(String month, String amount) {
		return new BudgetLine.Month(month, new BigDecimal(amount));
	}

	private <T extends Record> List<T> events(Class<T> type) {
		return Registered.events(this.budget, type);
	}

	private <T extends Record> T event(Class<T> type, int index) {
		return events(type).get(index);
	}

}
