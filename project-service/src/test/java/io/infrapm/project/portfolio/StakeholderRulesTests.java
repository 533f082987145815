package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.project.StakeholderAdded;
import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.contracts.project.StakeholderRoleChanged;
import io.infrapm.contracts.project.StakeholderUpdated;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.ConflictException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of a project's stakeholder list on the aggregate: each with an organisation
 * and a wish for status reports, revised field by field, each kind of change told by its
 * own event, and nothing published for a revision that changes nothing.
 */
class StakeholderRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-20T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private final Project project = Project.initiate(
			new ProjectPlan("DC-1", "Data-centre move", ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
					LocalDate.parse("2027-06-30"), null),
			new Money(new BigDecimal("1000000"), "EUR"),
			List.of(Stakeholder.of(new NewProject.NewStakeholder(" Sam Steer ", "sam@example.com",
					StakeholderRole.STEERING_COMMITTEE, " Finance board ", null))),
			null, PAT, NOW);

	@Test
	void stakeholdersReceiveReportsUnlessToldOtherwiseAndCarryTheirOrganisation() {
		Stakeholder sam = this.project.stakeholders().get(0);
		assertThat(sam.organisation()).isEqualTo("Finance board");
		assertThat(sam.receivesReports()).isTrue();
		assertThat(lastEvent(ProjectCreated.class).stakeholders().get(0))
			.satisfies((s) -> assertThat(s.organisation()).isEqualTo("Finance board"))
			.satisfies((s) -> assertThat(s.receivesReports()).isTrue());

		Stakeholder eve = this.project.addStakeholder(
				new NewProject.NewStakeholder("Eve Engineer", "eve@example.com", StakeholderRole.ENGINEER, " ", false),
				PAT, NOW);

		assertThat(eve.organisation()).as("a blank organisation is none").isNull();
		assertThat(eve.receivesReports()).isFalse();
		StakeholderAdded added = lastEvent(StakeholderAdded.class);
		assertThat(added.receivesReports()).isFalse();
		assertThat(added.organisation()).isNull();
		assertThat(added.actor()).isEqualTo(PAT);
	}

	@Test
	void aStoredStakeholderWithoutTheWishReceivesReports() {
		assertThat(
				new Stakeholder(null, "Old", "old@example.com", StakeholderRole.ENGINEER, null, null).receivesReports())
			.isTrue();
	}

	@Test
	void aRevisionKeepsWhatItDoesNotNameAndTellsEachKindOfChangeByItsEvent() {
		Stakeholder sam = this.project.stakeholders().get(0);
		int before = this.project.registeredEvents().size();

		Stakeholder muted = this.project.reviseStakeholder(sam.id(), new Stakeholder.Revision(null, null, null, false),
				PAT, NOW);

		assertThat(muted.receivesReports()).isFalse();
		assertThat(muted.organisation()).isEqualTo("Finance board");
		assertThat(muted.role()).isEqualTo(StakeholderRole.STEERING_COMMITTEE);
		assertThat(this.project.registeredEvents()).hasSize(before + 1);
		StakeholderUpdated updated = lastEvent(StakeholderUpdated.class);
		assertThat(updated.receivesReports()).isFalse();
		assertThat(updated.organisation()).isEqualTo("Finance board");
		assertThat(updated.email()).isEqualTo("sam@example.com");

		this.project.reviseStakeholder(sam.id(), new Stakeholder.Revision(null, StakeholderRole.SPONSOR, null, null),
				PAT, NOW);
		assertThat(this.project.registeredEvents()).as("a new role alone is only a role change").hasSize(before + 2);
		StakeholderRoleChanged role = lastEvent(StakeholderRoleChanged.class);
		assertThat(role.previousRole()).isEqualTo(StakeholderRole.STEERING_COMMITTEE);
		assertThat(role.role()).isEqualTo(StakeholderRole.SPONSOR);

		Stakeholder both = this.project.reviseStakeholder(sam.id(),
				new Stakeholder.Revision(" Sam Sponsor ", StakeholderRole.EXECUTIVE, "", null), PAT, NOW);
		assertThat(both.name()).isEqualTo("Sam Sponsor");
		assertThat(both.organisation()).as("a blank organisation removes it").isNull();
		List<OutboxEntry> events = this.project.registeredEvents();
		assertThat(events).hasSize(before + 4);
		assertThat(events.get(before + 2).type()).isEqualTo(EventCatalog.typeOf(StakeholderRoleChanged.class));
		assertThat(events.get(before + 3).type()).isEqualTo(EventCatalog.typeOf(StakeholderUpdated.class));
	}

	@Test
	void aRevisionThatChangesNothingPublishesNothing() {
		Stakeholder sam = this.project.stakeholders().get(0);
		int before = this.project.registeredEvents().size();

		Stakeholder same = this.project.reviseStakeholder(sam.id(),
				new Stakeholder.Revision("Sam Steer", StakeholderRole.STEERING_COMMITTEE, "Finance board", true), PAT,
				NOW);

		assertThat(same).isEqualTo(sam);
		assertThat(this.project.registeredEvents()).hasSize(before);
		assertThat(this.project.version()).isZero();
	}

	@Test
	void aFinishedProjectsStakeholdersNoLongerChange() {
		Stakeholder sam = this.project.stakeholders().get(0);
		this.project.changeStatus(ProjectStatus.CANCELLED, "merged into another programme", PAT, NOW);

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.project.reviseStakeholder(sam.id(),
				new Stakeholder.Revision(null, null, null, false), PAT, NOW));
	}

	private <T extends Record> T lastEvent(Class<T> type) {
		List<OutboxEntry> events = this.project.registeredEvents();
		OutboxEntry last = events.get(events.size() - 1);
		assertThat(last.type()).isEqualTo(EventCatalog.typeOf(type));
		return EventJson.mapper().readValue(last.payload(), type);
	}

}
