package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ChangeCategory;
import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of change requests on the aggregate: what a submission must state, numbering,
 * decisions that stay made, and an approved schedule change moving its milestones.
 */
class ChangeRequestRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final Actor SARA = new Actor("sara", "sara@example.com", "Sara Sponsor");

	private final Project project = Project.initiate(
			new ProjectPlan("SR-1", "Storage refresh", ProjectCategory.STORAGE_UPGRADE, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), new Person("Sara Sponsor", "sara@example.com"),
					LocalDate.parse("2027-01-04"), LocalDate.parse("2027-09-30"), null),
			new Money(new BigDecimal("400000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void aSubmissionStatesWhatItChangesAndIsNumberedInTurn() {
		Milestone migration = milestone("Data migrated", "2027-05-14");

		assertRefused(submission(ChangeCategory.COST, null, "EUR", 0, List.of()), "costImpact");
		assertRefused(submission(ChangeCategory.COST, "1000", "USD", 0, List.of()), "costImpact.currency");
		assertRefused(submission(ChangeCategory.COST, "10.005", "EUR", 0, List.of()), "costImpact.amount");
		assertRefused(submission(ChangeCategory.SCHEDULE, null, null, 0, List.of(migration.id())),
				"scheduleImpactDays");
		assertRefused(submission(ChangeCategory.SCHEDULE, null, null, 14, List.of()), "affectedMilestones");
		assertRefused(submission(ChangeCategory.SCHEDULE, null, null, 14, List.of(UUID.randomUUID())),
				"affectedMilestones[0]");
		assertThat(this.project.changeRequests()).isEmpty();

		ChangeRequest first = submit(submission(ChangeCategory.COST, "-2500.50", "EUR", 0, List.of()));
		ChangeRequest second = submit(submission(ChangeCategory.SCOPE, null, null, 0, List.of()));
		assertThat(first.number()).isEqualTo("CR-1");
		assertThat(first.costImpact()).isEqualByComparingTo("-2500.50");
		assertThat(second.number()).isEqualTo("CR-2");
		assertThat(second.open()).isTrue();
	}

	@Test
	void anApprovedScheduleChangeMovesItsOpenMilestonesWithTheChangeRequestAsReason() {
		Milestone migration = milestone("Data migrated", "2027-05-14");
		Milestone decommission = milestone("Old array decommissioned", "2027-06-01", migration.id());
		Milestone done = milestone("Racks installed", "2027-02-01");
		this.project.completeMilestone(done.id(), LocalDate.parse("2027-02-01"), PAT, NOW);
		ChangeRequest change = submit(
				submission(ChangeCategory.SCHEDULE, null, null, 21, List.of(migration.id(), done.id())));

		ChangeRequest approved = this.project.decideChangeRequest(change.id(), GateDecision.APPROVED,
				"Vendor delivery slipped", SARA, NOW);

		assertThat(approved.status()).isEqualTo(GateDecision.APPROVED);
		assertThat(approved.decidedBy()).isEqualTo(SARA);
		Milestone moved = this.project.milestone(migration.id());
		assertThat(moved.dueDate()).isEqualTo(LocalDate.parse("2027-06-04"));
		assertThat(moved.reschedules()).singleElement()
			.satisfies((r) -> assertThat(r.reason()).isEqualTo("CR-1 approved: Move the migration"));
		assertThat(this.project.milestone(done.id()).dueDate()).as("reached: not moved")
			.isEqualTo(LocalDate.parse("2027-02-01"));
		assertThat(this.project.milestone(decommission.id()).conflicts()).as("now due before what it waits for")
			.hasSize(1);
		assertThatExceptionOfType(ConflictException.class).isThrownBy(
				() -> this.project.decideChangeRequest(change.id(), GateDecision.REJECTED, "changed mind", SARA, NOW));
	}

	@Test
	void aDeferredChangeRequestIsDecidedAgainLater() {
		ChangeRequest change = submit(submission(ChangeCategory.RESOURCE, null, null, 0, List.of()));

		this.project.decideChangeRequest(change.id(), GateDecision.DEFERRED, "Next steering meeting", SARA, NOW);
		assertThat(this.project.changeRequest(change.id()).open()).isTrue();
		this.project.decideChangeRequest(change.id(), GateDecision.REJECTED, "No budget for contractors", SARA, NOW);

		assertThat(this.project.changeRequest(change.id()).open()).isFalse();
		assertThat(this.project.changeRequest(change.id()).decisionReason()).isEqualTo("No budget for contractors");
	}

	private Milestone milestone(String name, String due, UUID... dependsOn) {
		return this.project.planMilestone(
				new NewMilestone(name, null, LocalDate.parse(due), null, false, false, List.of(dependsOn)), null, PAT,
				NOW);
	}

	private static ChangeRequest.Submission submission(ChangeCategory category, String cost, String currency, int days,
			List<UUID> milestones) {
		return new ChangeRequest.Submission("Move the migration", category, "The vendor ships late",
				(cost != null) ? new BigDecimal(cost) : null, currency, days, milestones, null);
	}

	private ChangeRequest submit(ChangeRequest.Submission submission) {
		return this.project.submitChangeRequest(submission, null, PAT, NOW);
	}

	private void assertRefused(ChangeRequest.Submission submission, String field) {
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> submit(submission))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field));
	}

}
