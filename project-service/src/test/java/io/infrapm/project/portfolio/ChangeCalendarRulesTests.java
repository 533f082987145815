package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.ChangeWindowKind;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ScheduleConflictDetected;
import io.infrapm.contracts.project.ScheduleConflictKind;
import io.infrapm.contracts.project.ScheduleConflictResolved;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change calendar's rules: which days a window touches (weekly ones included, in
 * local time), and which cutovers conflict with freezes and maintenance windows, checked
 * in the same write as a schedule change and cleared when either moves.
 */
class ChangeCalendarRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final Project project = Project.initiate(
			new ProjectPlan("DC-1", "Data-centre move", ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
					LocalDate.parse("2027-12-31"), null),
			new Money(new BigDecimal("1000000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void aWindowTouchesTheDaysItOverlapsInItsOwnTime() {
		ChangeWindow freeze = window(ChangeWindowKind.CHANGE_FREEZE, "2027-12-15T00:00", "2028-01-04T00:00", null);

		assertThat(freeze.covers(LocalDate.parse("2027-12-14"))).isFalse();
		assertThat(freeze.covers(LocalDate.parse("2027-12-15"))).isTrue();
		assertThat(freeze.covers(LocalDate.parse("2028-01-03"))).isTrue();
		assertThat(freeze.covers(LocalDate.parse("2028-01-04"))).as("it ends at midnight").isFalse();
	}

	@Test
	void aWeeklyWindowRepeatsUntilItsLastDayAcrossDaylightSaving() {
		// Saturdays 22:00 to Sunday 04:00, from the Saturday before the clocks change.
		ChangeWindow saturdays = window(ChangeWindowKind.MAINTENANCE_WINDOW, "2027-03-20T22:00", "2027-03-21T04:00",
				LocalDate.parse("2027-04-30"));

		assertThat(saturdays.covers(LocalDate.parse("2027-03-27"))).isTrue();
		assertThat(saturdays.covers(LocalDate.parse("2027-03-28"))).as("the Sunday morning").isTrue();
		assertThat(saturdays.covers(LocalDate.parse("2027-03-30"))).as("a Tuesday").isFalse();
		assertThat(saturdays.covers(LocalDate.parse("2027-04-24"))).isTrue();
		assertThat(saturdays.covers(LocalDate.parse("2027-05-01"))).as("after its last repetition").isFalse();
		assertThat(saturdays.covers(LocalDate.parse("2027-03-13"))).as("before it begins").isFalse();
	}

	@Test
	void aCutoverInAFreezeConflictsInTheSameWriteAndClearsWhenMoved() {
		ChangeWindow freeze = window(ChangeWindowKind.CHANGE_FREEZE, "2027-12-15T00:00", "2028-01-04T00:00", null);
		this.project.calendar(() -> new ChangeCalendar(List.of(freeze)));

		Milestone cutover = plan("Core cutover", "2027-12-20", true);
		Milestone other = plan("Docs", "2027-12-20", false);

		assertThat(this.project.milestone(cutover.id()).conflicts()).singleElement().satisfies((c) -> {
			assertThat(c.kind()).isEqualTo(ScheduleConflictKind.CHANGE_FREEZE);
			assertThat(c.windowId()).isEqualTo(freeze.id());
			assertThat(c.detail()).contains("Europe/Berlin");
		});
		assertThat(this.project.milestone(other.id()).conflicts()).as("not a cutover").isEmpty();
		assertThat(events(ScheduleConflictDetected.class)).singleElement()
			.satisfies((e) -> assertThat(e.windowId()).isEqualTo(freeze.id()));

		this.project.rescheduleMilestone(cutover.id(), LocalDate.parse("2028-01-10"), "after the freeze", PAT, NOW);
		assertThat(this.project.milestone(cutover.id()).conflicts()).isEmpty();
		assertThat(events(ScheduleConflictResolved.class)).singleElement()
			.satisfies((e) -> assertThat(e.kind()).isEqualTo(ScheduleConflictKind.CHANGE_FREEZE));
	}

	@Test
	void onceAMaintenanceWindowAppliesACutoverOutsideEveryOneConflicts() {
		ChangeWindow saturdays = window(ChangeWindowKind.MAINTENANCE_WINDOW, "2027-03-20T22:00", "2027-03-21T04:00",
				LocalDate.parse("2027-12-31"));
		Milestone cutover = plan("Core cutover", "2027-05-05", true);
		assertThat(this.project.milestone(cutover.id()).conflicts()).as("no calendar known: none").isEmpty();

		this.project.calendar(() -> new ChangeCalendar(List.of(saturdays)));
		this.project.rescheduleMilestone(cutover.id(), LocalDate.parse("2027-05-06"), "vendor", PAT, NOW);
		assertThat(this.project.milestone(cutover.id()).conflicts()).extracting(ScheduleConflict::kind)
			.containsExactly(ScheduleConflictKind.OUTSIDE_MAINTENANCE_WINDOW);

		this.project.rescheduleMilestone(cutover.id(), LocalDate.parse("2027-05-08"), "into the window", PAT, NOW);
		assertThat(this.project.milestone(cutover.id()).conflicts()).isEmpty();
	}

	@Test
	void withoutTheCalendarAWriteKeepsTheCalendarConflictsAsTheyAre() {
		ChangeWindow freeze = window(ChangeWindowKind.CHANGE_FREEZE, "2027-12-15T00:00", "2028-01-04T00:00", null);
		this.project.calendar(() -> new ChangeCalendar(List.of(freeze)));
		Milestone cutover = plan("Core cutover", "2027-12-20", true);
		this.project.calendar(null);

		this.project.reviseMilestone(cutover.id(),
				new MilestoneChange("Core switch cutover", null, null, null, null, null), PAT, NOW);

		assertThat(this.project.milestone(cutover.id()).conflicts()).extracting(ScheduleConflict::kind)
			.containsExactly(ScheduleConflictKind.CHANGE_FREEZE);
	}

	@Test
	void aCancelledWindowNoLongerCounts() {
		ChangeWindow freeze = window(ChangeWindowKind.CHANGE_FREEZE, "2027-12-15T00:00", "2028-01-04T00:00", null);
		freeze.cancel("board lifted it", PAT, NOW);
		this.project.calendar(() -> new ChangeCalendar(List.of(freeze)));

		assertThat(plan("Core cutover", "2027-12-20", true).conflicts()).isEmpty();
	}

	private static ChangeWindow window(ChangeWindowKind kind, String start, String end, LocalDate weeklyUntil) {
		return ChangeWindow.schedule(UUID.randomUUID(), new ChangeWindow.Definition(kind, null, "Window", null,
				LocalDateTime.parse(start), LocalDateTime.parse(end), BERLIN, weeklyUntil), null, PAT, NOW);
	}

	private Milestone plan(String name, String due, boolean cutover) {
		return this.project.planMilestone(
				new NewMilestone(name, null, LocalDate.parse(due), null, cutover, cutover, List.of()), null, PAT, NOW);
	}

	private <T extends Record> List<T> events(Class<T> type) {
		return this.project.registeredEvents()
			.stream()
			.filter((e) -> e.type().equals(EventCatalog.typeOf(type)))
			.map(OutboxEntry::payload)
			.map((payload) -> EventJson.mapper().readValue(payload, type))
			.toList();
	}

}
