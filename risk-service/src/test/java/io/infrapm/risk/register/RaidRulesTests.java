package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.risk.AssumptionChanged;
import io.infrapm.contracts.risk.AssumptionStatus;
import io.infrapm.contracts.risk.DependencyChanged;
import io.infrapm.contracts.risk.DependencyKind;
import io.infrapm.contracts.risk.DependencyOverdue;
import io.infrapm.contracts.risk.DependencyStatus;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of assumptions and dependencies: a change that changes nothing publishes
 * nothing, a change of status needs a reason, a settled entry changes no more.
 */
class RaidRulesTests {

	private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	@Test
	void aDependencyMovesAtRiskAndIsSettledOnceDelivered() {
		Dependency dependency = Dependency.record(UUID.randomUUID(), UUID.randomUUID(), "D-1",
				new Dependency.Details(" Cross-connects ", null, DependencyKind.VENDOR, "Colo Ltd", null,
						LocalDate.parse("2027-03-01")),
				PAT, NOW);
		assertThat(dependency.title()).isEqualTo("Cross-connects");
		Dependency.Details none = new Dependency.Details(null, null, null, null, null, null);
		assertThat(dependency.change(new Dependency.Details("Cross-connects", null, DependencyKind.VENDOR, null, null,
				LocalDate.parse("2027-03-01")), null, null, PAT, NOW))
			.as("the same again")
			.isFalse();
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> dependency.change(none, DependencyStatus.AT_RISK, " ", PAT, NOW))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("reason"));
		assertThat(dependency.change(none, DependencyStatus.AT_RISK, "The carrier slipped", PAT, NOW)).isTrue();
		assertThat(dependency.change(none, DependencyStatus.DELIVERED, "Patched on 28 February", PAT, NOW)).isTrue();
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> dependency
			.change(new Dependency.Details("x", null, null, null, null, null), null, null, PAT, NOW));
		assertThat(Registered.events(dependency, DependencyChanged.class))
			.extracting(DependencyChanged::status, DependencyChanged::previousStatus, DependencyChanged::revision)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(DependencyStatus.OPEN, null, 1L),
					org.assertj.core.groups.Tuple.tuple(DependencyStatus.AT_RISK, DependencyStatus.OPEN, 2L),
					org.assertj.core.groups.Tuple.tuple(DependencyStatus.DELIVERED, DependencyStatus.AT_RISK, 3L));
	}

	@Test
	void aDependencyStillAwaitedPastItsNeedByDateIsReportedOncePerDate() {
		Dependency dependency = Dependency.record(UUID.randomUUID(), UUID.randomUUID(), "D-2",
				new Dependency.Details("Fibre to the new hall", null, DependencyKind.EXTERNAL, "Carrier", null,
						LocalDate.parse("2027-03-01")),
				PAT, NOW);
		assertThat(dependency.reportOverdue(LocalDate.parse("2027-03-01"), NOW)).as("due today, not past").isFalse();
		assertThat(dependency.reportOverdue(LocalDate.parse("2027-03-04"), NOW)).isTrue();
		assertThat(dependency.reportOverdue(LocalDate.parse("2027-03-05"), NOW)).as("reported already").isFalse();
		assertThat(
				dependency.change(new Dependency.Details(null, null, null, null, null, LocalDate.parse("2027-03-15")),
						DependencyStatus.AT_RISK, "The carrier moved the date", PAT, NOW))
			.isTrue();
		assertThat(dependency.reportOverdue(LocalDate.parse("2027-03-10"), NOW)).as("the new date has not passed")
			.isFalse();
		assertThat(dependency.reportOverdue(LocalDate.parse("2027-03-16"), NOW)).as("the new date passed").isTrue();
		assertThat(Registered.events(dependency, DependencyOverdue.class))
			.extracting(DependencyOverdue::needBy, DependencyOverdue::daysOverdue, DependencyOverdue::status)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2027-03-01"), 3, DependencyStatus.OPEN),
					org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2027-03-15"), 1, DependencyStatus.AT_RISK));
		assertThat(dependency.overdueReportedFor()).isEqualTo(LocalDate.parse("2027-03-15"));

		Dependency delivered = Dependency.record(UUID.randomUUID(), UUID.randomUUID(), "D-3",
				new Dependency.Details("Power feed", null, DependencyKind.INTERNAL, "Facilities", null,
						LocalDate.parse("2027-03-01")),
				PAT, NOW);
		delivered.change(new Dependency.Details(null, null, null, null, null, null), DependencyStatus.DELIVERED,
				"Live since Friday", PAT, NOW);
		assertThat(delivered.reportOverdue(LocalDate.parse("2027-04-01"), NOW)).as("settled").isFalse();
	}

	@Test
	void anAssumptionIsValidatedOrInvalidatedOnceWithItsReason() {
		Assumption assumption = Assumption.record(UUID.randomUUID(), UUID.randomUUID(), "A-1",
				new Assumption.Details("Racks fit", null, null, null), PAT, NOW);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> Assumption.record(UUID.randomUUID(), UUID.randomUUID(), "A-2",
					new Assumption.Details(" ", null, null, null), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("title"));
		assertThat(assumption.change(new Assumption.Details(null, null, null, null), AssumptionStatus.VALIDATED,
				"Measured on site", PAT, NOW))
			.isTrue();
		assertThat(assumption.reason()).isEqualTo("Measured on site");
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> assumption
			.change(new Assumption.Details(null, null, null, null), AssumptionStatus.INVALIDATED, "no", PAT, NOW));
		assertThat(Registered.events(assumption, AssumptionChanged.class)).hasSize(2);
	}

}
