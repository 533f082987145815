package io.infrapm.project.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.project.health.HealthFacts.Conflict;
import io.infrapm.project.health.HealthFacts.LateDeliverable;
import io.infrapm.project.health.HealthFacts.OpenMilestone;
import io.infrapm.project.health.HealthFacts.WaitingChange;

/**
 * The health rules: each looks at one kind of fact and may give its dimension a colour,
 * with the fact in a sentence. A dimension no rule coloured is green, and says what was
 * looked at. The overall colour is the worst of the four.
 * <p>
 * Rules, by id (thresholds from {@link HealthRuleSettings}):
 * <ul>
 * <li>{@code schedule.critical-milestone-missed} red; {@code schedule.milestone-missed},
 * {@code schedule.critical-milestone-slipped}, {@code schedule.deliverable-late} and
 * {@code schedule.conflict} amber; {@code schedule.spi} red or amber by its bands;</li>
 * <li>{@code cost.cpi} and {@code cost.eac} red or amber by their bands;
 * {@code cost.consumed} by the highest budget threshold crossed;</li>
 * <li>{@code scope.change-requests} by how many wait, red when one waited too long;</li>
 * <li>{@code risk.critical-risks} red, {@code risk.high-risks} amber, {@code risk.issues}
 * by the most severe open issue.</li>
 * </ul>
 */
public final class HealthRules {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final HealthRuleSettings settings;

	/**
	 * Rules with these thresholds.
	 * @param settings the thresholds and their version
	 */
	public HealthRules(HealthRuleSettings settings) {
		this.settings = settings;
	}

	/**
	 * Judges a project.
	 * @param facts what is known of it
	 * @return its health
	 */
	public HealthAssessment assess(HealthFacts facts) {
		List<Finding> findings = new ArrayList<>();
		schedule(facts, findings);
		cost(facts, findings);
		scope(facts, findings);
		risk(facts, findings);
		return new HealthAssessment(facts.today(), HealthAssessment.coloursOf(findings), findings,
				this.settings.version());
	}

	private void schedule(HealthFacts facts, List<Finding> findings) {
		int before = findings.size();
		for (OpenMilestone milestone : facts.milestones()) {
			if (milestone.missed() && milestone.critical()) {
				findings.add(red(HealthDimension.SCHEDULE, "schedule.critical-milestone-missed", "Critical milestone '"
						+ milestone.name() + "' was due on " + milestone.dueDate() + " and is not reached"));
			}
			else if (milestone.missed()) {
				findings.add(amber(HealthDimension.SCHEDULE, "schedule.milestone-missed", "Milestone '"
						+ milestone.name() + "' was due on " + milestone.dueDate() + " and is not reached"));
			}
			else if (milestone.critical() && milestone.slipDays() > 0) {
				findings.add(amber(HealthDimension.SCHEDULE, "schedule.critical-milestone-slipped",
						"Critical milestone '" + milestone.name() + "' moved " + milestone.slipDays()
								+ " days past its first due date, to " + milestone.dueDate()));
			}
		}
		for (LateDeliverable late : facts.lateDeliverables()) {
			findings.add(amber(HealthDimension.SCHEDULE, "schedule.deliverable-late",
					"Vendor " + late.vendor() + " owes '" + late.name() + "', due on " + late.dueDate()));
		}
		for (Conflict conflict : facts.conflicts()) {
			findings.add(amber(HealthDimension.SCHEDULE, "schedule.conflict",
					"Milestone '" + conflict.milestone() + "': " + conflict.detail()));
		}
		Optional<BigDecimal> spi = facts.signals()
			.performance()
			.map(ProjectSignals.Performance::schedulePerformanceIndex);
		spi.ifPresent((index) -> band(findings, HealthDimension.SCHEDULE, "schedule.spi", "SPI", index,
				this.settings.schedule().spiRed(), this.settings.schedule().spiAmber()));
		if (findings.size() == before) {
			findings.add(green(HealthDimension.SCHEDULE, "schedule.on-track",
					"No milestone missed or slipped on the critical path, no deliverable late, no schedule conflict"
							+ spi.map((index) -> ", SPI " + index.toPlainString()).orElse("")));
		}
	}

	private void cost(HealthFacts facts, List<Finding> findings) {
		int before = findings.size();
		HealthRuleSettings.Cost rules = this.settings.cost();
		Optional<ProjectSignals.Performance> performance = facts.signals().performance();
		performance.map(ProjectSignals.Performance::costPerformanceIndex)
			.ifPresent((cpi) -> band(findings, HealthDimension.COST, "cost.cpi", "CPI", cpi, rules.cpiRed(),
					rules.cpiAmber()));
		performance
			.filter((p) -> p.estimateAtCompletion() != null && p.budgetAtCompletion() != null
					&& p.budgetAtCompletion().signum() > 0)
			.ifPresent((p) -> {
				BigDecimal overrun = p.estimateAtCompletion()
					.subtract(p.budgetAtCompletion())
					.multiply(HUNDRED)
					.divide(p.budgetAtCompletion(), 4, RoundingMode.HALF_UP);
				HealthColour colour = (overrun.compareTo(BigDecimal.valueOf(rules.eacOverrunRedPercent())) > 0)
						? HealthColour.RED : (overrun.compareTo(BigDecimal.valueOf(rules.eacOverrunAmberPercent())) > 0)
								? HealthColour.AMBER : null;
				if (colour != null) {
					int limit = (colour == HealthColour.RED) ? rules.eacOverrunRedPercent()
							: rules.eacOverrunAmberPercent();
					findings.add(new Finding(HealthDimension.COST, colour, "cost.eac",
							"The estimate at completion " + money(p.estimateAtCompletion(), p.currency())
									+ " exceeds the budget " + money(p.budgetAtCompletion(), p.currency()) + " by "
									+ overrun.setScale(1, RoundingMode.HALF_UP).toPlainString() + " %, more than "
									+ limit + " %"));
				}
			});
		facts.signals().budget().ifPresent((budget) -> {
			int crossed = budget.highestCrossed();
			HealthColour colour = (crossed >= rules.consumedRedPercent()) ? HealthColour.RED
					: (crossed >= rules.consumedAmberPercent()) ? HealthColour.AMBER : null;
			if (colour != null) {
				String consumed = budget.consumedPercent()
					.map((percent) -> "; actual costs " + money(budget.actualTotal(), budget.currency()) + " are "
							+ percent.toPlainString() + " % of the budget "
							+ money(budget.budgetAtCompletion(), budget.currency()))
					.orElse("");
				findings.add(new Finding(HealthDimension.COST, colour, "cost.consumed",
						"The budget crossed its " + crossed + " % threshold" + consumed));
			}
		});
		if (findings.size() == before) {
			String looked = performance.map(ProjectSignals.Performance::costPerformanceIndex)
				.map((cpi) -> "CPI " + cpi.toPlainString() + ", no overrun forecast beyond "
						+ rules.eacOverrunAmberPercent() + " %")
				.orElse("No earned value yet");
			int crossed = facts.signals().budget().map(ProjectSignals.Budget::highestCrossed).orElse(0);
			findings.add(green(HealthDimension.COST, "cost.on-budget", looked + ", "
					+ ((crossed > 0) ? "highest threshold crossed " + crossed + " %" : "no budget threshold crossed")));
		}
	}

	private void scope(HealthFacts facts, List<Finding> findings) {
		HealthRuleSettings.Scope rules = this.settings.scope();
		List<WaitingChange> waiting = facts.openChangeRequests();
		Instant endOfToday = facts.today().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
		Optional<WaitingChange> longest = waiting.stream()
			.filter((change) -> Duration.between(change.submittedAt(), endOfToday).toDays() > rules.waitingDaysRed())
			.min((a, b) -> a.submittedAt().compareTo(b.submittedAt()));
		if (longest.isPresent()) {
			WaitingChange change = longest.get();
			findings.add(red(HealthDimension.SCOPE, "scope.change-requests",
					change.number() + " '" + change.title() + "' has waited for a decision since "
							+ change.submittedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate() + ", more than "
							+ rules.waitingDaysRed() + " days"));
		}
		else if (waiting.size() >= rules.openChangeRequestsRed()) {
			findings.add(red(HealthDimension.SCOPE, "scope.change-requests",
					waiting.size() + " change requests wait for a decision: " + numbers(waiting)));
		}
		else if (waiting.size() >= rules.openChangeRequestsAmber()) {
			findings.add(amber(HealthDimension.SCOPE, "scope.change-requests",
					waiting.size() + ((waiting.size() == 1) ? " change request waits" : " change requests wait")
							+ " for a decision: " + numbers(waiting)));
		}
		else {
			findings.add(green(HealthDimension.SCOPE, "scope.stable", "No change request waits for a decision"));
		}
	}

	private void risk(HealthFacts facts, List<Finding> findings) {
		int before = findings.size();
		HealthRuleSettings.Risk rules = this.settings.risk();
		Optional<ProjectSignals.Exposure> exposure = facts.signals().exposure();
		exposure.ifPresent((e) -> {
			String top = (e.topRiskNumber() != null)
					? "; the top one is " + e.topRiskNumber() + " (score " + e.topScore() + ")" : "";
			if (e.critical() >= rules.criticalRisksRed()) {
				findings.add(red(HealthDimension.RISK, "risk.critical-risks",
						e.critical() + " open critical " + ((e.critical() == 1) ? "risk" : "risks") + top));
			}
			else if (e.high() + e.critical() >= rules.highRisksAmber()) {
				int count = e.high() + e.critical();
				findings.add(amber(HealthDimension.RISK, "risk.high-risks",
						count + " open high " + ((count == 1) ? "risk" : "risks") + top));
			}
		});
		for (ProjectSignals.Issue issue : facts.signals().openIssues()) {
			HealthColour colour = (issue.severity().compareTo(rules.issueRed()) >= 0) ? HealthColour.RED
					: (issue.severity().compareTo(rules.issueAmber()) >= 0) ? HealthColour.AMBER : null;
			if (colour != null) {
				findings.add(new Finding(HealthDimension.RISK, colour, "risk.issues",
						"Issue " + issue.number() + " '" + issue.title() + "' (" + issue.severity() + ") is open"));
			}
		}
		if (findings.size() == before) {
			String threats = exposure
				.map((e) -> e.openThreats() + " open " + ((e.openThreats() == 1) ? "threat" : "threats")
						+ ", none high or critical")
				.orElse("No risk assessed yet");
			int issues = facts.signals().openIssues().size();
			findings.add(green(HealthDimension.RISK, "risk.contained", threats + ", " + ((issues == 0) ? "no open issue"
					: issues + " open " + ((issues == 1) ? "issue" : "issues") + " below " + rules.issueAmber())));
		}
	}

	private static void band(List<Finding> findings, HealthDimension dimension, String rule, String name,
			BigDecimal index, BigDecimal red, BigDecimal amber) {
		if (index.compareTo(red) < 0) {
			findings.add(red(dimension, rule, name + " " + index.toPlainString() + " is below " + red.toPlainString()));
		}
		else if (index.compareTo(amber) < 0) {
			findings
				.add(amber(dimension, rule, name + " " + index.toPlainString() + " is below " + amber.toPlainString()));
		}
	}

	private static String numbers(List<WaitingChange> waiting) {
		return String.join(", ", waiting.stream().map(WaitingChange::number).toList());
	}

	private static String money(BigDecimal amount, String currency) {
		return amount.toPlainString() + ((currency != null) ? " " + currency : "");
	}

	private static Finding red(HealthDimension dimension, String rule, String fact) {
		return new Finding(dimension, HealthColour.RED, rule, fact);
	}

	private static Finding amber(HealthDimension dimension, String rule, String fact) {
		return new Finding(dimension, HealthColour.AMBER, rule, fact);
	}

	private static Finding green(HealthDimension dimension, String rule, String fact) {
		return new Finding(dimension, HealthColour.GREEN, rule, fact);
	}

}
