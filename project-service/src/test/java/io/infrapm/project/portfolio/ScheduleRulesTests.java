package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.MilestoneCompleted;
import io.infrapm.contracts.project.MilestonePlanned;
import io.infrapm.contracts.project.MilestoneRescheduled;
import io.infrapm.contracts.project.MilestoneWaived;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ScheduleConflictDetected;
import io.infrapm.contracts.project.ScheduleConflictKind;
import io.infrapm.contracts.project.ScheduleConflictResolved;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of a project's schedule, on the aggregate itself: dependencies, cycles,
 * conflicts and their events, completion, waivers, reschedules, slack and the critical
 * path.
 */
class ScheduleRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private final Project project = Project.initiate(
			new ProjectPlan("DC-1", "Data-centre move", ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
					LocalDate.parse("2027-06-30"), null),
			new Money(new BigDecimal("1000000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void aNewMilestoneIsPlannedWithRevisionOneAndPublished() {
		Milestone design = plan("Design signed off", "2027-02-15");

		assertThat(design.status()).isEqualTo(MilestoneStatus.PLANNED);
		assertThat(design.revision()).isEqualTo(1);
		assertThat(design.plannedBy()).isEqualTo(PAT);
		MilestonePlanned event = lastEvent(MilestonePlanned.class);
		assertThat(event.milestoneId()).isEqualTo(design.id());
		assertThat(event.dueDate()).isEqualTo(LocalDate.parse("2027-02-15"));
		assertThat(event.revision()).isEqualTo(1);
		assertThat(event.actor()).isEqualTo(PAT);
	}

	@Test
	void dependenciesMustNameOtherMilestonesOfTheProjectOnceEach() {
		Milestone design = plan("Design", "2027-02-15");

		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> plan("Build", "2027-03-15", UUID.randomUUID()))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("has no milestone"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> plan("Build", "2027-03-15", design.id(), design.id()))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("twice"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> revise(design, change(List.of(design.id()))))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("itself"));
		assertThat(this.project.milestones()).hasSize(1);
	}

	@Test
	void aDependencyThatWouldCloseACycleIsRefusedWithTheCycleNamed() {
		Milestone design = plan("Design", "2027-02-15");
		Milestone build = plan("Build", "2027-03-15", design.id());
		Milestone cutover = plan("Cutover", "2027-04-15", build.id());

		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> revise(design, change(List.of(cutover.id()))))
			.satisfies((ex) -> assertThat(ex.getMessage())
				.contains("would close the cycle 'Design' → 'Cutover' → 'Build' → 'Design'"));
		assertThat(this.project.milestone(design.id()).dependsOn()).isEmpty();
	}

	@Test
	void reschedulingAPredecessorPastItsDependantReportsTheConflictOnceAndClearsIt() {
		Milestone design = plan("Design", "2027-02-15");
		Milestone build = plan("Build", "2027-03-15", design.id());
		int before = this.project.registeredEvents().size();

		this.project.rescheduleMilestone(design.id(), LocalDate.parse("2027-03-20"), "vendor late", PAT, NOW);
		assertThat(this.project.milestone(build.id()).conflicts()).singleElement().satisfies((conflict) -> {
			assertThat(conflict.kind()).isEqualTo(ScheduleConflictKind.DEPENDENCY);
			assertThat(conflict.withMilestoneId()).isEqualTo(design.id());
			assertThat(conflict.detail()).contains("'Design'").contains("2027-03-20");
		});
		assertThat(eventsSince(before)).containsExactly(MilestoneRescheduled.class, ScheduleConflictDetected.class);

		// Moving it further keeps the one conflict: no second detection.
		int moved = this.project.registeredEvents().size();
		this.project.rescheduleMilestone(design.id(), LocalDate.parse("2027-03-25"), "still late", PAT, NOW);
		assertThat(eventsSince(moved)).containsExactly(MilestoneRescheduled.class);
		assertThat(this.project.milestone(build.id()).conflicts().get(0).detail()).contains("2027-03-25");

		int resolved = this.project.registeredEvents().size();
		this.project.rescheduleMilestone(build.id(), LocalDate.parse("2027-04-01"), "follows design", PAT, NOW);
		assertThat(this.project.milestone(build.id()).conflicts()).isEmpty();
		assertThat(eventsSince(resolved)).containsExactly(MilestoneRescheduled.class, ScheduleConflictResolved.class);
		assertThat(this.project.milestone(build.id()).reschedules()).singleElement()
			.satisfies((r) -> assertThat(r.previousDueDate()).isEqualTo(LocalDate.parse("2027-03-15")));
		assertThat(this.project.milestone(design.id()).reschedules()).hasSize(2);
	}

	@Test
	void aMilestoneIsCompletedOnlyAfterWhatItDependsOnAndNotInTheFuture() {
		Milestone design = plan("Design", "2027-02-15");
		Milestone build = plan("Build", "2027-03-15", design.id());

		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.completeMilestone(build.id(), LocalDate.parse("2027-02-28"), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("depends on 'Design'"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.project.completeMilestone(design.id(), LocalDate.parse("2027-03-05"), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("future"));

		this.project.completeMilestone(design.id(), LocalDate.parse("2027-02-20"), PAT, NOW);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.project.completeMilestone(build.id(), LocalDate.parse("2027-02-18"), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("2027-02-20"));
		this.project.completeMilestone(build.id(), LocalDate.parse("2027-02-28"), PAT, NOW);

		Milestone done = this.project.milestone(build.id());
		assertThat(done.status()).isEqualTo(MilestoneStatus.COMPLETED);
		assertThat(done.revision()).isEqualTo(2);
		assertThat(lastEvent(MilestoneCompleted.class).completedOn()).isEqualTo(LocalDate.parse("2027-02-28"));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.waiveMilestone(build.id(), "no longer needed", PAT, NOW));
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.project.rescheduleMilestone(build.id(),
				LocalDate.parse("2027-05-01"), "too late for that", PAT, NOW));
	}

	@Test
	void aWaivedMilestonePassesItsPredecessorsOnToItsDependants() {
		Milestone design = plan("Design", "2027-02-15");
		Milestone review = plan("Review", "2027-02-20", design.id());
		Milestone build = plan("Build", "2027-03-15", review.id());

		this.project.waiveMilestone(review.id(), "merged into the design sign-off", PAT, NOW);
		assertThat(lastEvent(MilestoneWaived.class).reason()).isEqualTo("merged into the design sign-off");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.completeMilestone(build.id(), LocalDate.parse("2027-03-01"), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("depends on 'Design'"));

		this.project.rescheduleMilestone(design.id(), LocalDate.parse("2027-03-20"), "late", PAT, NOW);
		assertThat(this.project.milestone(build.id()).conflicts()).singleElement()
			.satisfies((c) -> assertThat(c.withMilestoneId()).isEqualTo(design.id()));
		ScheduleAnalysis.Plan plan = ScheduleAnalysis.of(this.project.milestones())
			.plan(this.project.plannedStart(), this.project.plannedFinish());
		assertThat(plan.entries()).extracting((e) -> e.milestone().name()).containsExactly("Design", "Build");
	}

	@Test
	void theCriticalPathIsTheChainWithTheLeastSlackToThePlannedFinish() {
		// Planned finish 2027-06-30. Design → Build → Cutover drives it; Training runs
		// beside them.
		Milestone design = plan("Design", "2027-02-15");
		Milestone build = plan("Build", "2027-04-15", design.id());
		Milestone cutover = plan("Cutover", "2027-06-20", build.id());
		Milestone training = plan("Training", "2027-03-01");

		ScheduleAnalysis.Plan plan = ScheduleAnalysis.of(this.project.milestones())
			.plan(this.project.plannedStart(), this.project.plannedFinish());

		assertThat(plan.entries()).extracting((e) -> e.milestone().name())
			.containsExactly("Design", "Training", "Build", "Cutover");
		assertThat(plan.criticalPath()).containsExactly(design.id(), build.id(), cutover.id());
		assertThat(plan.entries()).filteredOn((e) -> e.onCriticalPath())
			.allSatisfy((e) -> assertThat(e.slackDays()).isEqualTo(10));
		assertThat(plan.entries()).filteredOn((e) -> e.milestone().id().equals(training.id()))
			.singleElement()
			.satisfies((e) -> {
				assertThat(e.slackDays()).isEqualTo(121);
				assertThat(e.latestDate()).isEqualTo(LocalDate.parse("2027-06-30"));
			});
		assertThat(plan.forecastFinish()).isEqualTo(LocalDate.parse("2027-06-30"));

		this.project.rescheduleMilestone(cutover.id(), LocalDate.parse("2027-07-10"), "freeze", PAT, NOW);
		ScheduleAnalysis.Plan late = ScheduleAnalysis.of(this.project.milestones())
			.plan(this.project.plannedStart(), this.project.plannedFinish());
		assertThat(late.forecastFinish()).isEqualTo(LocalDate.parse("2027-07-10"));
		assertThat(late.entries()).filteredOn((e) -> e.onCriticalPath())
			.allSatisfy((e) -> assertThat(e.slackDays()).as("runs late").isEqualTo(-10));
	}

	@Test
	void aCompletedMilestoneHasNoSlackAndLeavesTheCriticalPathToWhatIsOpen() {
		Milestone design = plan("Design", "2027-02-15");
		Milestone build = plan("Build", "2027-04-15", design.id());
		this.project.completeMilestone(design.id(), LocalDate.parse("2027-02-25"), PAT, NOW);

		ScheduleAnalysis.Plan plan = ScheduleAnalysis.of(this.project.milestones())
			.plan(this.project.plannedStart(), this.project.plannedFinish());
		assertThat(plan.criticalPath()).containsExactly(build.id());
		assertThat(plan.entries().get(0).slackDays()).isNull();
	}

	@Test
	void revisingChangesOnlyWhatIsSentAndRaisesTheRevisionOnlyIfSomethingChanged() {
		Milestone design = plan("Design", "2027-02-15");
		int before = this.project.registeredEvents().size();

		revise(design, new MilestoneChange("Design", null, null, null, null, null));
		assertThat(this.project.milestone(design.id()).revision()).isEqualTo(1);
		assertThat(eventsSince(before)).isEmpty();

		revise(design, new MilestoneChange(null, null, new Person("Tess Lead", "tess@example.com"), true, null, null));
		Milestone revised = this.project.milestone(design.id());
		assertThat(revised.revision()).isEqualTo(2);
		assertThat(revised.critical()).isTrue();
		assertThat(revised.name()).isEqualTo("Design");
		assertThat(revised.owner().email()).isEqualTo("tess@example.com");
	}

	@Test
	void anUnknownMilestoneIsNotFound() {
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.project.milestone(UUID.randomUUID()));
	}

	private Milestone plan(String name, String due, UUID... dependsOn) {
		return this.project.planMilestone(
				new NewMilestone(name, null, LocalDate.parse(due), null, false, false, List.of(dependsOn)), null, PAT,
				NOW);
	}

	private void revise(Milestone milestone, MilestoneChange change) {
		this.project.reviseMilestone(milestone.id(), change, PAT, NOW);
	}

	private static MilestoneChange change(List<UUID> dependsOn) {
		return new MilestoneChange(null, null, null, null, null, dependsOn);
	}

	/** The contract records of the events registered since the index, by their type. */
	private List<Class<? extends Record>> eventsSince(int index) {
		List<OutboxEntry> events = this.project.registeredEvents();
		return events.subList(index, events.size())
			.stream()
			.<Class<? extends Record>>map((entry) -> EventCatalog.recordFor(entry.type()).orElseThrow())
			.toList();
	}

	private <T extends Record> T lastEvent(Class<T> type) {
		List<OutboxEntry> events = this.project.registeredEvents();
		OutboxEntry last = events.get(events.size() - 1);
		assertThat(last.type()).isEqualTo(EventCatalog.typeOf(type));
		return EventJson.mapper().readValue(last.payload(), type);
	}

}
