package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.MilestoneDueSoon;
import io.infrapm.contracts.project.MilestoneMissed;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the date watch reports for a project's milestones day by day: a miss once per due
 * date, the nearest alert horizon once, nothing for milestones that are done, and nothing
 * while the project is on hold.
 */
class DateWatchRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private final DueDates dueDates = new DueDates(List.of(1, 7, 3));

	private final Project project = Project.initiate(
			new ProjectPlan("DC-1", "Data-centre move", ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
					LocalDate.parse("2027-06-30"), null),
			new Money(new BigDecimal("1000000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void aMilestoneWhoseDueDatePassedIsReportedMissedOnce() {
		Milestone cutover = plan("Cutover", "2027-03-10", true);

		assertThat(watch("2027-03-11")).isEqualTo(1);
		MilestoneMissed missed = onlyEvent(MilestoneMissed.class);
		assertThat(missed.milestoneId()).isEqualTo(cutover.id());
		assertThat(missed.dueDate()).isEqualTo(LocalDate.parse("2027-03-10"));
		assertThat(missed.daysLate()).isEqualTo(1);
		assertThat(missed.detectedOn()).isEqualTo(LocalDate.parse("2027-03-11"));
		assertThat(missed.critical()).isTrue();
		assertThat(missed.cutover()).isTrue();
		assertThat(missed.owner().email()).isEqualTo("olga@example.com");
		assertThat(missed.actor()).isEqualTo(Actor.service("project-service"));
		assertThat(this.project.milestone(cutover.id()).reportedMissed()).isTrue();
		assertThat(this.project.datesNextCheck()).as("nothing left to watch").isNull();

		assertThat(watch("2027-03-12")).isZero();
		assertThat(watch("2027-04-30")).isZero();
	}

	@Test
	void aMilestoneDueTodayIsNotYetMissed() {
		plan("Cutover", "2027-03-10", false);

		watch("2027-03-10");

		assertThat(newEvents()).extracting(OutboxEntry::type)
			.containsExactly(EventCatalog.typeOf(MilestoneDueSoon.class));
		assertThat(onlyEvent(MilestoneDueSoon.class).daysLeft()).isZero();
		assertThat(this.project.datesNextCheck()).isEqualTo(LocalDate.parse("2027-03-11"));
	}

	@Test
	void eachHorizonIsReportedOnceOnTheDayItIsReached() {
		Milestone go = plan("Go-live", "2027-03-20", false);

		assertThat(watch("2027-03-12")).isZero();
		assertThat(this.project.datesNextCheck()).isEqualTo(LocalDate.parse("2027-03-13"));
		assertThat(watch("2027-03-13")).isEqualTo(1);
		assertDueSoon(7, 7);
		assertThat(watch("2027-03-14")).isZero();
		assertThat(this.project.datesNextCheck()).isEqualTo(LocalDate.parse("2027-03-17"));
		assertThat(watch("2027-03-17")).isEqualTo(1);
		assertDueSoon(3, 3);
		assertThat(watch("2027-03-19")).isEqualTo(1);
		assertDueSoon(1, 1);
		assertThat(watch("2027-03-20")).as("due today is still within the 1-day horizon reported").isZero();
		assertThat(this.project.milestone(go.id()).alertsReported()).containsExactlyInAnyOrder(7, 3, 1);
		assertThat(this.project.datesNextCheck()).isEqualTo(LocalDate.parse("2027-03-21"));
		assertThat(watch("2027-03-21")).isEqualTo(1);
		onlyEvent(MilestoneMissed.class);
	}

	@Test
	void aWatchThatSleptThroughHorizonsReportsOnlyTheNearest() {
		Milestone go = plan("Go-live", "2027-03-20", false);

		assertThat(watch("2027-03-19")).isEqualTo(1);

		assertDueSoon(1, 1);
		assertThat(this.project.milestone(go.id()).alertsReported()).containsExactlyInAnyOrder(7, 3, 1);
		assertThat(watch("2027-03-22")).isEqualTo(1);
		assertThat(onlyEvent(MilestoneMissed.class).daysLate()).isEqualTo(2);
	}

	@Test
	void aRescheduledMilestoneIsWatchedAfreshForItsNewDate() {
		Milestone go = plan("Go-live", "2027-03-10", false);
		watch("2027-03-11");
		assertThat(this.project.milestone(go.id()).reportedMissed()).isTrue();

		this.project.rescheduleMilestone(go.id(), LocalDate.parse("2027-03-25"), "vendor late", PAT, NOW);

		assertThat(this.project.milestone(go.id()).reportedMissed()).isFalse();
		assertThat(this.project.milestone(go.id()).alertsReported()).isEmpty();
		assertThat(this.project.datesNextCheck()).as("a schedule change is looked at by the next run")
			.isEqualTo(DateWatchClaim.AT_ONCE);
		assertThat(watch("2027-03-18")).isEqualTo(1);
		assertDueSoon(7, 7);
		assertThat(watch("2027-03-26")).isEqualTo(1);
		assertThat(onlyEvent(MilestoneMissed.class).dueDate()).isEqualTo(LocalDate.parse("2027-03-25"));
	}

	@Test
	void completedAndWaivedMilestonesAreNotWatched() {
		Milestone done = plan("Design", "2027-02-20", false);
		Milestone waived = plan("Pilot", "2027-03-02", false);
		this.project.completeMilestone(done.id(), LocalDate.parse("2027-02-19"), PAT, NOW);
		this.project.waiveMilestone(waived.id(), "pilot skipped", PAT, NOW);

		assertThat(watch("2027-03-20")).isZero();
		assertThat(this.project.datesNextCheck()).isNull();
	}

	@Test
	void aProjectOnHoldIsLeftForWhenItResumes() {
		plan("Cutover", "2027-03-10", false);
		this.project.changeStatus(ProjectStatus.ON_HOLD, "funding review", PAT, NOW);

		assertThat(watch("2027-03-11")).isZero();
		assertThat(this.project.datesNextCheck()).isEqualTo(DateWatchClaim.AT_ONCE);

		this.project.changeStatus(ProjectStatus.ACTIVE, "funded", PAT, NOW);
		assertThat(watch("2027-03-12")).isEqualTo(1);
		assertThat(onlyEvent(MilestoneMissed.class).daysLate()).isEqualTo(2);
	}

	@Test
	void severalMilestonesAreReportedInOneRunAndTheEarliestNextDayIsKept() {
		plan("Cutover", "2027-03-10", false);
		plan("Decommission", "2027-03-15", false);
		plan("Hand-over", "2027-04-30", false);

		assertThat(watch("2027-03-12")).isEqualTo(2);

		assertThat(newEvents()).extracting(OutboxEntry::type)
			.containsExactlyInAnyOrder(EventCatalog.typeOf(MilestoneMissed.class),
					EventCatalog.typeOf(MilestoneDueSoon.class));
		assertThat(this.project.datesNextCheck()).isEqualTo(LocalDate.parse("2027-03-14"));
	}

	@Test
	void horizonsAreZeroToNinetyDaysAndNoHorizonsMeansMissesOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DueDates(List.of(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new DueDates(List.of(91)));
		assertThat(new DueDates(List.of(3, 7, 3)).horizons()).containsExactly(7, 3);

		Project quiet = this.project;
		plan("Cutover", "2027-03-10", false);
		assertThat(quiet.watchDates(new DueDates(List.of()), LocalDate.parse("2027-03-09"), NOW)).isZero();
		assertThat(quiet.datesNextCheck()).isEqualTo(LocalDate.parse("2027-03-11"));
	}

	/** Events registered before the last run of the watch. */
	private int seen;

	/** Runs the watch for a day. */
	private int watch(String today) {
		this.seen = this.project.registeredEvents().size();
		return this.project.watchDates(this.dueDates, LocalDate.parse(today), NOW);
	}

	private Milestone plan(String name, String due, boolean critical) {
		return this.project.planMilestone(new NewMilestone(name, null, LocalDate.parse(due),
				new Person("Olga Owner", "olga@example.com"), critical, critical, List.of()), null, PAT, NOW);
	}

	private void assertDueSoon(int alertDays, int daysLeft) {
		MilestoneDueSoon event = onlyEvent(MilestoneDueSoon.class);
		assertThat(event.alertDays()).isEqualTo(alertDays);
		assertThat(event.daysLeft()).isEqualTo(daysLeft);
		assertThat(event.actor()).isEqualTo(Actor.service("project-service"));
	}

	/** What the last run of the watch registered. */
	private List<OutboxEntry> newEvents() {
		List<OutboxEntry> events = this.project.registeredEvents();
		return events.subList(this.seen, events.size());
	}

	private <T extends Record> T onlyEvent(Class<T> type) {
		List<OutboxEntry> events = newEvents();
		assertThat(events).extracting(OutboxEntry::type).containsExactly(EventCatalog.typeOf(type));
		return EventJson.mapper().readValue(events.get(0).payload(), type);
	}

}
