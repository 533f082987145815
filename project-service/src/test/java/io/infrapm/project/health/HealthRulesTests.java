package io.infrapm.project.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.contracts.project.ScheduleConflictKind;
import io.infrapm.contracts.risk.IssueSeverity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every health rule, at and around its thresholds, with the default settings.
 */
class HealthRulesTests {

	private static final LocalDate TODAY = LocalDate.of(2027, 3, 15);

	private static final UUID PROJECT = UUID.randomUUID();

	private final HealthRules rules = new HealthRules(HealthRuleSettings.defaults());

	@Test
	void judgesAProjectWithNothingWrongGreenAndSaysWhatItLookedAt() {
		HealthAssessment health = this.rules.assess(facts(signals(null, null, null, Map.of())));

		assertThat(health.colours()).containsOnlyKeys(HealthDimension.values())
			.allSatisfy((dimension, colour) -> assertThat(colour).isEqualTo(HealthColour.GREEN));
		assertThat(health.rulesVersion()).isEqualTo("2026.12-1");
		assertThat(health.findings()).extracting(Finding::rule)
			.containsExactly("schedule.on-track", "cost.on-budget", "scope.stable", "risk.contained");
		assertThat(health.findings()).extracting(Finding::fact)
			.contains("No earned value yet, no budget threshold crossed", "No change request waits for a decision",
					"No risk assessed yet, no open issue");
	}

	@Test
	void turnsTheScheduleRedForAMissedCriticalMilestoneAndAmberForAnyOtherMiss() {
		HealthAssessment critical = this.rules.assess(
				facts(List.of(new HealthFacts.OpenMilestone("Core switch cutover", true, TODAY.minusDays(2), true, 0)),
						List.of(), List.of(), List.of(), none()));
		HealthAssessment minor = this.rules
			.assess(facts(List.of(new HealthFacts.OpenMilestone("Labelling done", false, TODAY.minusDays(2), true, 0)),
					List.of(), List.of(), List.of(), none()));
		HealthAssessment notYetReported = this.rules.assess(
				facts(List.of(new HealthFacts.OpenMilestone("Core switch cutover", true, TODAY.minusDays(1), false, 0)),
						List.of(), List.of(), List.of(), none()));

		assertThat(critical.colour(HealthDimension.SCHEDULE)).isEqualTo(HealthColour.RED);
		assertThat(critical.colour(HealthDimension.OVERALL)).isEqualTo(HealthColour.RED);
		assertThat(only(critical, HealthDimension.SCHEDULE)).extracting(Finding::rule, Finding::fact)
			.containsExactly("schedule.critical-milestone-missed",
					"Critical milestone 'Core switch cutover' was due on 2027-03-13 and is not reached");
		assertThat(minor.colour(HealthDimension.SCHEDULE)).isEqualTo(HealthColour.AMBER);
		assertThat(only(minor, HealthDimension.SCHEDULE).rule()).isEqualTo("schedule.milestone-missed");
		assertThat(notYetReported.colour(HealthDimension.SCHEDULE)).as("as the date watch reported it")
			.isEqualTo(HealthColour.GREEN);
	}

	@Test
	void turnsTheScheduleAmberForASlippedCriticalMilestoneALateDeliverableAndAConflict() {
		HealthAssessment slipped = this.rules.assess(facts(
				List.of(new HealthFacts.OpenMilestone("Core switch cutover", true, TODAY.plusDays(20), false, 14),
						new HealthFacts.OpenMilestone("Rack labels", false, TODAY.plusDays(20), false, 30)),
				List.of(), List.of(), List.of(), none()));
		HealthAssessment late = this.rules.assess(facts(List.of(),
				List.of(new HealthFacts.LateDeliverable("Rack & Stack Ltd", "Rack layout", TODAY.minusDays(3))),
				List.of(), List.of(), none()));
		HealthAssessment conflict = this.rules.assess(facts(
				List.of(), List.of(), List.of(new HealthFacts.Conflict("Core switch cutover",
						ScheduleConflictKind.CHANGE_FREEZE, "falls into the year-end change freeze")),
				List.of(), none()));

		assertThat(only(slipped, HealthDimension.SCHEDULE)).extracting(Finding::colour, Finding::rule, Finding::fact)
			.containsExactly(HealthColour.AMBER, "schedule.critical-milestone-slipped",
					"Critical milestone 'Core switch cutover' moved 14 days past its first due date, to 2027-04-04");
		assertThat(only(late, HealthDimension.SCHEDULE)).extracting(Finding::colour, Finding::fact)
			.containsExactly(HealthColour.AMBER, "Vendor Rack & Stack Ltd owes 'Rack layout', due on 2027-03-12");
		assertThat(only(conflict, HealthDimension.SCHEDULE)).extracting(Finding::colour, Finding::rule)
			.containsExactly(HealthColour.AMBER, "schedule.conflict");
	}

	@Test
	void judgesTheSchedulePerformanceIndexByItsBands() {
		assertThat(scheduleWithSpi("0.89")).isEqualTo(HealthColour.RED);
		assertThat(scheduleWithSpi("0.90")).isEqualTo(HealthColour.AMBER);
		assertThat(scheduleWithSpi("0.94")).isEqualTo(HealthColour.AMBER);
		assertThat(scheduleWithSpi("0.95")).isEqualTo(HealthColour.GREEN);
	}

	@Test
	void judgesTheCostPerformanceIndexByItsBands() {
		assertThat(costWith(performance("0.89", "1.00", null, null), null)).isEqualTo(HealthColour.RED);
		assertThat(costWith(performance("0.90", "1.00", null, null), null)).isEqualTo(HealthColour.AMBER);
		assertThat(costWith(performance("0.95", "1.00", null, null), null)).isEqualTo(HealthColour.GREEN);
	}

	@Test
	void turnsCostRedWhenTheEstimateAtCompletionExceedsTheBudgetByMoreThanTenPercent() {
		HealthAssessment over = this.rules
			.assess(facts(signals(null, performance("1.00", "1.00", "1150000", "1000000"), null, Map.of())));

		assertThat(only(over, HealthDimension.COST)).extracting(Finding::colour, Finding::rule, Finding::fact)
			.containsExactly(HealthColour.RED, "cost.eac",
					"The estimate at completion 1150000 EUR exceeds the budget 1000000 EUR by 15.0 %, more than 10 %");
		assertThat(costWith(performance("1.00", "1.00", "1100001", "1000000"), null)).as("just over 10 %")
			.isEqualTo(HealthColour.RED);
		assertThat(costWith(performance("1.00", "1.00", "1100000", "1000000"), null)).as("exactly 10 %")
			.isEqualTo(HealthColour.AMBER);
		assertThat(costWith(performance("1.00", "1.00", "1050000", "1000000"), null)).as("exactly 5 %")
			.isEqualTo(HealthColour.GREEN);
		assertThat(Finding.financial("cost.eac")).isTrue();
	}

	@Test
	void judgesBudgetConsumptionByTheHighestThresholdCrossedAndNotRearmed() {
		ProjectSignals.Budget ninety = budget(Map.of("50", Instant.EPOCH, "80", Instant.EPOCH, "90", Instant.EPOCH));
		HealthAssessment red = this.rules.assess(facts(signals(ninety, null, null, Map.of())));

		assertThat(only(red, HealthDimension.COST)).extracting(Finding::colour, Finding::rule, Finding::fact)
			.containsExactly(HealthColour.RED, "cost.consumed",
					"The budget crossed its 90 % threshold; actual costs 460000 EUR are 92.0 % of the budget 500000 EUR");
		assertThat(costWith(null, budget(Map.of("80", Instant.EPOCH)))).isEqualTo(HealthColour.AMBER);
		assertThat(costWith(null, budget(Map.of("50", Instant.EPOCH)))).isEqualTo(HealthColour.GREEN);
		assertThat(Finding.financial("cost.consumed")).isTrue();
	}

	@Test
	void namesEveryReasonOfARedCost() {
		HealthAssessment both = this.rules.assess(facts(
				signals(budget(Map.of("90", Instant.EPOCH)), performance("0.82", "1.00", null, null), null, Map.of())));

		assertThat(both.findings()).filteredOn((f) -> f.dimension() == HealthDimension.COST)
			.extracting(Finding::rule)
			.containsExactly("cost.cpi", "cost.consumed");
	}

	@Test
	void judgesScopeByTheChangeRequestsWaitingAndHowLong() {
		Instant recent = TODAY.minusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
		Instant old = TODAY.minusDays(15).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
		HealthFacts.WaitingChange one = new HealthFacts.WaitingChange("CR-1", "Add a second fibre path", recent);

		assertThat(scope(List.of())).isEqualTo(HealthColour.GREEN);
		assertThat(scope(List.of(one))).isEqualTo(HealthColour.AMBER);
		assertThat(scope(List.of(one, new HealthFacts.WaitingChange("CR-2", "b", recent))))
			.isEqualTo(HealthColour.AMBER);
		assertThat(scope(List.of(one, new HealthFacts.WaitingChange("CR-2", "b", recent),
				new HealthFacts.WaitingChange("CR-3", "c", recent))))
			.isEqualTo(HealthColour.RED);
		HealthAssessment waited = this.rules.assess(facts(List.of(), List.of(), List.of(),
				List.of(new HealthFacts.WaitingChange("CR-4", "Move the DR test", old)), none()));
		assertThat(only(waited, HealthDimension.SCOPE)).extracting(Finding::colour, Finding::fact)
			.containsExactly(HealthColour.RED,
					"CR-4 'Move the DR test' has waited for a decision since 2027-02-28, more than 14 days");
	}

	@Test
	void judgesRiskByTheOpenCriticalAndHighThreats() {
		HealthAssessment critical = this.rules
			.assess(facts(signals(null, null, new ProjectSignals.Exposure(4, 1, 2, "R-7", 20, null, null), Map.of())));

		assertThat(only(critical, HealthDimension.RISK)).extracting(Finding::colour, Finding::rule, Finding::fact)
			.containsExactly(HealthColour.RED, "risk.critical-risks",
					"1 open critical risk; the top one is R-7 (score 20)");
		assertThat(riskWith(new ProjectSignals.Exposure(4, 0, 1, "R-2", 12, null, null), Map.of()))
			.isEqualTo(HealthColour.AMBER);
		assertThat(riskWith(new ProjectSignals.Exposure(4, 0, 0, "R-2", 6, null, null), Map.of()))
			.isEqualTo(HealthColour.GREEN);
	}

	@Test
	void judgesRiskByTheMostSevereOpenIssue() {
		Instant raised = Instant.parse("2027-03-01T09:00:00Z");
		assertThat(riskWith(null, Map.of("a",
				new ProjectSignals.Issue("I-1", "Core switch dead on arrival", IssueSeverity.CRITICAL, raised, null))))
			.isEqualTo(HealthColour.RED);
		assertThat(riskWith(null,
				Map.of("a", new ProjectSignals.Issue("I-1", "Racks late", IssueSeverity.HIGH, raised, null))))
			.isEqualTo(HealthColour.AMBER);
		assertThat(riskWith(null,
				Map.of("a", new ProjectSignals.Issue("I-1", "Labels", IssueSeverity.MEDIUM, raised, null))))
			.isEqualTo(HealthColour.GREEN);
		assertThat(
				riskWith(null,
						Map.of("a",
								new ProjectSignals.Issue("I-1", "Core switch dead on arrival", IssueSeverity.CRITICAL,
										raised, raised.plusSeconds(3600)))))
			.as("resolved")
			.isEqualTo(HealthColour.GREEN);
	}

	@Test
	void makesTheOverallColourTheWorstOfTheFour() {
		HealthAssessment health = this.rules
			.assess(facts(List.of(new HealthFacts.OpenMilestone("Labels", false, TODAY.minusDays(1), true, 0)),
					List.of(), List.of(), List.of(), none()));

		assertThat(health.colour(HealthDimension.SCHEDULE)).isEqualTo(HealthColour.AMBER);
		assertThat(health.colour(HealthDimension.OVERALL)).isEqualTo(HealthColour.AMBER);
		assertThat(health.changedFrom(this.rules.assess(facts(none())))).containsExactly(HealthDimension.OVERALL,
				HealthDimension.SCHEDULE);
	}

	@Test
	void refusesBandsThatContradictEachOther() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new HealthRuleSettings.Cost(new BigDecimal("0.95"), new BigDecimal("0.90"), 10, 5, 90, 80))
			.withMessageContaining("cost.cpi");
		assertThatIllegalArgumentException().isThrownBy(() -> new HealthRuleSettings.Scope(3, 1, 14));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HealthRuleSettings.Risk(1, 1, IssueSeverity.HIGH, IssueSeverity.CRITICAL));
	}

	private HealthColour scheduleWithSpi(String spi) {
		return this.rules.assess(facts(signals(null, performance("1.00", spi, null, null), null, Map.of())))
			.colour(HealthDimension.SCHEDULE);
	}

	private HealthColour costWith(ProjectSignals.Performance performance, ProjectSignals.Budget budget) {
		return this.rules.assess(facts(signals(budget, performance, null, Map.of()))).colour(HealthDimension.COST);
	}

	private HealthColour scope(List<HealthFacts.WaitingChange> waiting) {
		return this.rules.assess(facts(List.of(), List.of(), List.of(), waiting, none())).colour(HealthDimension.SCOPE);
	}

	private HealthColour riskWith(ProjectSignals.Exposure exposure, Map<String, ProjectSignals.Issue> issues) {
		return this.rules.assess(facts(signals(null, null, exposure, issues))).colour(HealthDimension.RISK);
	}

	private static Finding only(HealthAssessment health, HealthDimension dimension) {
		List<Finding> findings = health.findings().stream().filter((f) -> f.dimension() == dimension).toList();
		assertThat(findings).as("findings of %s", dimension).hasSize(1);
		return findings.get(0);
	}

	private static ProjectSignals.Budget budget(Map<String, Instant> crossed) {
		return new ProjectSignals.Budget(new BigDecimal("500000"), new BigDecimal("460000"), "EUR", crossed);
	}

	private static ProjectSignals.Performance performance(String cpi, String spi, String eac, String bac) {
		return new ProjectSignals.Performance(TODAY, new BigDecimal(cpi), new BigDecimal(spi),
				(eac != null) ? new BigDecimal(eac) : null, (bac != null) ? new BigDecimal(bac) : null, "EUR");
	}

	private static ProjectSignals signals(ProjectSignals.Budget budget, ProjectSignals.Performance performance,
			ProjectSignals.Exposure exposure, Map<String, ProjectSignals.Issue> issues) {
		return new ProjectSignals(PROJECT, budget, performance, exposure, issues);
	}

	private static ProjectSignals none() {
		return ProjectSignals.none(PROJECT);
	}

	private static HealthFacts facts(ProjectSignals signals) {
		return facts(List.of(), List.of(), List.of(), List.of(), signals);
	}

	private static HealthFacts facts(List<HealthFacts.OpenMilestone> milestones, List<HealthFacts.LateDeliverable> late,
			List<HealthFacts.Conflict> conflicts, List<HealthFacts.WaitingChange> waiting, ProjectSignals signals) {
		return new HealthFacts(TODAY, milestones, late, conflicts, waiting, signals);
	}

}
