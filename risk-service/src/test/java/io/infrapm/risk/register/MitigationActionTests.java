package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.ActionStatus;
import io.infrapm.contracts.risk.MitigationActionChanged;
import io.infrapm.contracts.risk.MitigationActionOverdue;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskReviewOverdue;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The actions of a risk's response, and the dates that pass: each overdue action and each
 * passed review date reported once per date, a new date reported again when it passes,
 * nothing of a done action or a closed risk.
 */
class MitigationActionTests {

	private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final Person SAM = new Person("Sam Engineer", "sam@example.com");

	private final Risk risk = Risk.identify(UUID.randomUUID(), UUID.randomUUID(), "R-3",
			new Risk.Statement("Optics delivered late", "The factory is at capacity", "The optics arrive late",
					"The cutover slips", RiskCategory.VENDOR, RiskType.THREAT, null, null,
					LocalDate.parse("2027-01-15")),
			PAT, NOW);

	@Test
	void anActionIsPlannedChangedAndThenDoneForGood() {
		MitigationAction action = this.risk.planAction(UUID.randomUUID(), " Order from a second supplier ", SAM,
				LocalDate.parse("2027-01-20"), PAT, NOW);
		assertThat(action.title()).isEqualTo("Order from a second supplier");
		assertThat(action.status()).isEqualTo(ActionStatus.OPEN);

		this.risk.changeAction(action.id(), new MitigationAction.Change(null, null, null, ActionStatus.IN_PROGRESS),
				PAT, NOW.plusSeconds(60));
		this.risk.changeAction(action.id(), new MitigationAction.Change(null, null, null, ActionStatus.IN_PROGRESS),
				PAT, NOW.plusSeconds(90));
		this.risk.changeAction(action.id(), new MitigationAction.Change(null, null, null, ActionStatus.DONE), PAT,
				NOW.plusSeconds(120));
		assertThat(events(MitigationActionChanged.class)).as("a change that changes nothing publishes nothing")
			.extracting(MitigationActionChanged::status, MitigationActionChanged::previousStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ActionStatus.OPEN, null),
					org.assertj.core.groups.Tuple.tuple(ActionStatus.IN_PROGRESS, ActionStatus.OPEN),
					org.assertj.core.groups.Tuple.tuple(ActionStatus.DONE, ActionStatus.IN_PROGRESS));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.changeAction(action.id(),
					new MitigationAction.Change(null, null, null, ActionStatus.OPEN), PAT, NOW))
			.withMessageContaining("changes no more");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.risk.action(UUID.randomUUID()));
	}

	@Test
	void anOverdueActionAndAPassedReviewAreReportedOncePerDate() {
		MitigationAction action = this.risk.planAction(UUID.randomUUID(), "Order from a second supplier", SAM,
				LocalDate.parse("2027-01-20"), PAT, NOW);
		MitigationAction done = this.risk.planAction(UUID.randomUUID(), "Ask the factory", null,
				LocalDate.parse("2027-01-12"), PAT, NOW);
		this.risk.changeAction(done.id(), new MitigationAction.Change(null, null, null, ActionStatus.DONE), PAT, NOW);

		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-01-15"), NOW)).as("the review is due today, not past")
			.isFalse();
		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-01-16"), NOW)).isTrue();
		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-01-17"), NOW)).as("reported already").isFalse();
		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-01-23"), NOW)).isTrue();
		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-01-24"), NOW)).isFalse();
		assertThat(events(RiskReviewOverdue.class)).singleElement().satisfies((e) -> {
			assertThat(e.reviewDate()).isEqualTo(LocalDate.parse("2027-01-15"));
			assertThat(e.daysOverdue()).isEqualTo(1);
		});
		assertThat(events(MitigationActionOverdue.class)).as("not the one that was done")
			.singleElement()
			.satisfies((e) -> {
				assertThat(e.actionId()).isEqualTo(action.id());
				assertThat(e.daysOverdue()).isEqualTo(3);
				assertThat(e.owner()).isEqualTo(SAM);
			});

		// Given another due date, it is reported again once that passes.
		this.risk.changeAction(action.id(),
				new MitigationAction.Change(null, null, LocalDate.parse("2027-02-01"), null), PAT, NOW);
		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-01-25"), NOW)).isFalse();
		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-02-02"), NOW)).isTrue();
		assertThat(events(MitigationActionOverdue.class)).hasSize(2);
	}

	@Test
	void aClosedRiskReportsNothing() {
		this.risk.planAction(UUID.randomUUID(), "Order from a second supplier", SAM, LocalDate.parse("2027-01-20"), PAT,
				NOW);
		this.risk.transition(RiskStatus.CLOSED, "The optics arrived", PAT, NOW);
		assertThat(this.risk.reportOverdue(LocalDate.parse("2027-03-01"), NOW)).isFalse();
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.risk.planAction(UUID.randomUUID(),
				"Too late", null, LocalDate.parse("2027-03-01"), PAT, NOW));
	}

	private <T extends Record> List<T> events(Class<T> type) {
		return Registered.events(this.risk, type);
	}

}
