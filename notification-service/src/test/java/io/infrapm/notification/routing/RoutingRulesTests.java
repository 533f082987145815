package io.infrapm.notification.routing;

import java.util.List;
import java.util.Map;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.notification.routing.Condition.Operator;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules themselves: conditions, matching by name and wildcard, validation, and the
 * built-in defaults the issue asks for.
 */
class RoutingRulesTests {

	@Test
	void comparesNumbersByValueAndTextAsWrittenAndTreatsAbsentFieldsAsNotEqual() {
		JsonNode data = json(Map.of("thresholdPercent", 90, "critical", true, "level", "SPONSOR", "owner",
				Map.of("email", "ada@example.com")));
		assertThat(new Condition("thresholdPercent", Operator.AT_LEAST, "90").matches(data)).isTrue();
		assertThat(new Condition("thresholdPercent", Operator.AT_LEAST, "90.5").matches(data)).isFalse();
		assertThat(new Condition("thresholdPercent", Operator.AT_MOST, "89").matches(data)).isFalse();
		assertThat(new Condition("thresholdPercent", Operator.EQUALS, "90.00").matches(data)).isTrue();
		assertThat(new Condition("critical", Operator.EQUALS, "true").matches(data)).isTrue();
		assertThat(new Condition("critical", Operator.EQUALS, "false").matches(data)).isFalse();
		assertThat(new Condition("level", Operator.IN, "PROJECT_MANAGER, SPONSOR").matches(data)).isTrue();
		assertThat(new Condition("level", Operator.EQUALS, "sponsor").matches(data)).as("as written").isFalse();
		assertThat(new Condition("owner.email", Operator.EQUALS, "ada@example.com").matches(data)).isTrue();
		assertThat(new Condition("missing", Operator.EQUALS, "x").matches(data)).isFalse();
		assertThat(new Condition("missing", Operator.NOT_EQUALS, "x").matches(data)).isTrue();
		assertThat(new Condition("level", Operator.AT_LEAST, "1").matches(data)).as("text is no number").isFalse();
	}

	@Test
	void matchesByNameOrTheSourcesWildcardOnlyWhenEnabledAndEveryConditionHolds() {
		RoutingRule rule = rule(List.of("MilestoneMissed", "risk.*"),
				List.of(new Condition("critical", Operator.EQUALS, "true")), true);
		JsonNode critical = json(Map.of("critical", true));
		assertThat(rule.appliesTo("MilestoneMissed", "project", critical)).isTrue();
		assertThat(rule.appliesTo("RiskEscalated", "risk", critical)).isTrue();
		assertThat(rule.appliesTo("MilestoneCompleted", "project", critical)).isFalse();
		assertThat(rule.appliesTo("MilestoneMissed", "project", json(Map.of("critical", false)))).isFalse();
		assertThat(rule(List.of("project.*"), List.of(), false).appliesTo("MilestoneMissed", "project", critical))
			.as("disabled")
			.isFalse();
	}

	@Test
	void refusesUnknownEventsFieldsTheEventsLackNumbersThatAreNotAndWebhooks() {
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> RoutingRules.validate(spec(List.of("MilestoneMised"), List.of(), List.of(Channel.EMAIL))))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("MilestoneMised"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> RoutingRules.validate(spec(List.of("MilestoneMissed", "RiskEscalated"),
					List.of(new Condition("critical", Operator.EQUALS, "true")), List.of(Channel.EMAIL))))
			.as("RiskEscalated has no field critical");
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> RoutingRules.validate(spec(List.of("BudgetThresholdCrossed"),
					List.of(new Condition("thresholdPercent", Operator.AT_LEAST, "ninety")), List.of(Channel.EMAIL))));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> RoutingRules.validate(spec(List.of("project.*"), List.of(), List.of(Channel.WEBHOOK))));
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(
				() -> RoutingRules.validate(spec(List.of("notification.*"), List.of(), List.of(Channel.EMAIL))));
		RoutingRules.validate(spec(List.of("budget.*", "OutageRecorded"),
				List.of(new Condition("planned", Operator.EQUALS, "false")), List.of(Channel.IN_APP)));
	}

	@Test
	void seedsTheDefaultsTheIssueNamesEachOfThemValid() {
		Map<String, RoutingRule.Spec> defaults = new java.util.TreeMap<>();
		RoutingRules.DEFAULTS.forEach((rule) -> defaults.put(rule.id(), rule.spec()));
		defaults.values().forEach(RoutingRules::validate);
		assertThat(defaults.get("critical-milestone-missed").severity()).isEqualTo(Severity.CRITICAL);
		assertThat(defaults.get("critical-milestone-missed").audience()).containsExactly(Audience.PROJECT_MANAGER,
				Audience.SPONSOR);
		assertThat(defaults.get("unplanned-outage").conditions())
			.containsExactly(new Condition("planned", Operator.EQUALS, "false"));
		assertThat(defaults.get("budget-threshold-90").conditions())
			.containsExactly(new Condition("thresholdPercent", Operator.AT_LEAST, "90"));
		assertThat(defaults.values()).filteredOn((spec) -> spec.eventTypes().contains("budget.*"))
			.singleElement()
			.satisfies((spec) -> assertThat(spec.audience()).doesNotContain(Audience.TEAM, Audience.VENDOR,
					Audience.ENGINEER));
		assertThat(defaults.values()).filteredOn((spec) -> spec.severity() == Severity.CRITICAL)
			.allSatisfy((spec) -> assertThat(spec.channels()).containsExactly(Channel.EMAIL, Channel.IN_APP))
			.allSatisfy((spec) -> assertThat(spec.requiresAcknowledgement()).as(spec.name()).isTrue());
		assertThat(defaults.values()).filteredOn((spec) -> spec.severity() != Severity.CRITICAL)
			.allSatisfy((spec) -> assertThat(spec.requiresAcknowledgement()).as(spec.name()).isFalse());
		RoutingRule.Spec red = defaults.get("project-health-red");
		assertThat(red.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(red.audience()).containsExactly(Audience.PROJECT_MANAGER, Audience.SPONSOR);
		assertThat(passes(red, json(Map.of("overall", "RED")))).as("a first assessment in red").isTrue();
		assertThat(passes(red, json(Map.of("overall", "RED", "previousOverall", "AMBER")))).isTrue();
		assertThat(passes(red, json(Map.of("overall", "RED", "previousOverall", "RED"))))
			.as("from red to red, as when a second dimension turns red, is no news")
			.isFalse();
		assertThat(passes(red, json(Map.of("overall", "AMBER", "previousOverall", "GREEN")))).isFalse();
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> RoutingRules.validate(new RoutingRule.Spec("r", null, List.of("project.*"), List.of(),
					Severity.WARNING, List.of(Audience.TEAM), List.of(Channel.EMAIL), true, true, false)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("CRITICAL"));
	}

	private static RoutingRule rule(List<String> types, List<Condition> conditions, boolean enabled) {
		return new RoutingRule("r", new RoutingRule.Spec("r", null, types, conditions, Severity.INFO,
				List.of(Audience.TEAM), List.of(Channel.IN_APP), enabled, false, false), false, 0, null, null, null,
				null);
	}

	private static RoutingRule.Spec spec(List<String> types, List<Condition> conditions, List<Channel> channels) {
		return new RoutingRule.Spec("r", null, types, conditions, Severity.INFO, List.of(Audience.TEAM), channels, true,
				false, false);
	}

	private static boolean passes(RoutingRule.Spec spec, JsonNode data) {
		return spec.conditions().stream().allMatch((condition) -> condition.matches(data));
	}

	private static JsonNode json(Map<String, Object> data) {
		return EventJson.mapper().valueToTree(data);
	}

}
