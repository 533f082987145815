package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.HandoverAccepted;
import io.infrapm.contracts.project.HandoverProposed;
import io.infrapm.contracts.project.LessonLearnedRecorded;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.PhaseGateDecided;
import io.infrapm.contracts.project.ProjectCancelled;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectClosed;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectPhaseChanged;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.project.ProjectStatusChanged;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of a project's life cycle on the aggregate: gates one phase at a time, what
 * entering a phase needs, rejected and deferred decisions kept, hold, resume and
 * cancellation, and nothing changing once a project is cancelled.
 */
class LifecycleRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final Actor SARA = new Actor("sara", "sara@example.com", "Sara Sponsor");

	private static final Actor OLIVER = new Actor("oliver", "oliver@example.com", "Oliver Ops");

	private final Project project = Project.initiate(
			new ProjectPlan("NW-1", "Campus network refresh", ProjectCategory.NETWORK_ROLLOUT, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), new Person("Sara Sponsor", "sara@example.com"),
					LocalDate.parse("2027-01-04"), LocalDate.parse("2027-06-30"), "Replace the campus core"),
			new Money(new BigDecimal("250000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void aNewProjectIsActiveInItsInitiatingPhase() {
		assertThat(this.project.phase()).isEqualTo(ProjectPhase.INITIATING);
		assertThat(this.project.status()).isEqualTo(ProjectStatus.ACTIVE);
		assertThat(this.project.description()).isEqualTo("Replace the campus core");
	}

	@Test
	void anApprovedGateMovesTheProjectOnOnePhaseAtATime() {
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> gate(ProjectPhase.EXECUTING, GateDecision.APPROVED))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("leads to PLANNING"));

		GateRecord gate = gate(ProjectPhase.PLANNING, GateDecision.APPROVED);

		assertThat(this.project.phase()).isEqualTo(ProjectPhase.PLANNING);
		assertThat(gate.fromPhase()).isEqualTo(ProjectPhase.INITIATING);
		assertThat(gate.approver()).isEqualTo(SARA);
		assertThat(types()).containsSubsequence(PhaseGateDecided.class, ProjectPhaseChanged.class);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> gate(ProjectPhase.INITIATING, GateDecision.APPROVED))
			.as("no going back");
	}

	@Test
	void rejectedAndDeferredDecisionsAreKeptAndLeaveThePhase() {
		gate(ProjectPhase.PLANNING, GateDecision.REJECTED);
		gate(ProjectPhase.PLANNING, GateDecision.DEFERRED);

		assertThat(this.project.phase()).isEqualTo(ProjectPhase.INITIATING);
		assertThat(this.project.gates()).extracting(GateRecord::decision)
			.containsExactly(GateDecision.REJECTED, GateDecision.DEFERRED);
		assertThat(types()).doesNotContain(ProjectPhaseChanged.class);
	}

	@Test
	void executingNeedsAMilestoneAndClosingNeedsEveryMilestoneDone() {
		gate(ProjectPhase.PLANNING, GateDecision.APPROVED);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> gate(ProjectPhase.EXECUTING, GateDecision.APPROVED))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("at least one milestone"));
		assertThat(this.project.gates()).as("a refused approval records nothing").hasSize(1);

		Milestone cutover = this.project.planMilestone(
				new NewMilestone("Core cutover", null, LocalDate.parse("2027-02-20"), null, true, true, List.of()),
				null, PAT, NOW);
		gate(ProjectPhase.EXECUTING, GateDecision.APPROVED);
		gate(ProjectPhase.MONITORING_CONTROLLING, GateDecision.APPROVED);
		gate(ProjectPhase.CLOSING, GateDecision.APPROVED);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> gate(ProjectPhase.CLOSED, GateDecision.APPROVED))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("still open: Core cutover"));

		this.project.completeMilestone(cutover.id(), LocalDate.parse("2027-02-21"), PAT, NOW);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> gate(ProjectPhase.CLOSED, GateDecision.APPROVED))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("lesson learned"));
		this.project.recordLesson("Book cutover windows early", "The change board meets monthly.", null, PAT, NOW);
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> gate(ProjectPhase.CLOSED, GateDecision.APPROVED))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("hand-over"));

		this.project.proposeHandover(proposal(), PAT, NOW);
		this.project.acceptHandover("Runbook reviewed", OLIVER, NOW);
		gate(ProjectPhase.CLOSED, GateDecision.APPROVED);

		assertThat(this.project.phase()).isEqualTo(ProjectPhase.CLOSED);
		assertThat(this.project.status()).isEqualTo(ProjectStatus.CLOSED);
		assertThat(types()).containsSubsequence(HandoverAccepted.class, PhaseGateDecided.class,
				ProjectPhaseChanged.class, ProjectClosed.class);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.recordLesson("Too late", "After closure", null, PAT, NOW));
	}

	@Test
	void theHandOverIsProposedFromExecutingOnRevisedUntilAcceptedAndAcceptedInClosing() {
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.proposeHandover(proposal(), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("EXECUTING"));
		gate(ProjectPhase.PLANNING, GateDecision.APPROVED);
		this.project.planMilestone(
				new NewMilestone("Go-live", null, LocalDate.parse("2027-02-20"), null, true, false, List.of()), null,
				PAT, NOW);
		gate(ProjectPhase.EXECUTING, GateDecision.APPROVED);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.acceptHandover(null, OLIVER, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("no hand-over"));

		assertThat(this.project.proposeHandover(proposal(), PAT, NOW).revision()).isEqualTo(1);
		Handover revised = this.project.proposeHandover(proposal(), PAT, NOW);
		assertThat(revised.revision()).isEqualTo(2);
		assertThat(lastEvent(HandoverProposed.class).openItems()).singleElement()
			.satisfies((item) -> assertThat(item.owner().email()).isEqualTo("oliver@example.com"));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.acceptHandover(null, OLIVER, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("CLOSING"));

		gate(ProjectPhase.MONITORING_CONTROLLING, GateDecision.APPROVED);
		gate(ProjectPhase.CLOSING, GateDecision.APPROVED);
		Handover accepted = this.project.acceptHandover("Runbook reviewed", OLIVER, NOW);
		assertThat(accepted.accepted()).isTrue();
		assertThat(lastEvent(HandoverAccepted.class).revision()).isEqualTo(2);
		int events = this.project.registeredEvents().size();
		assertThat(this.project.acceptHandover("again", OLIVER, NOW).acceptanceNotes()).isEqualTo("Runbook reviewed");
		assertThat(this.project.registeredEvents()).as("accepted once").hasSize(events);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.proposeHandover(proposal(), PAT, NOW));
	}

	@Test
	void aLessonIsRecordedOncePerTitle() {
		this.project.recordLesson("Book cutover windows early", "The change board meets monthly.", "Ask in week 1", PAT,
				NOW);
		assertThat(lastEvent(LessonLearnedRecorded.class).recommendation()).isEqualTo("Ask in week 1");
		assertThatExceptionOfType(ConflictException.class).isThrownBy(
				() -> this.project.recordLesson("book cutover windows EARLY", "Same lesson again", null, PAT, NOW));
		assertThat(this.project.lessons()).hasSize(1);
	}

	private static Handover.Proposal proposal() {
		return new Handover.Proposal("Network operations", "24x7, 30-minute response", LocalDate.parse("2027-03-01"),
				"https://wiki.example.com/runbooks/campus-core", List.of(new Handover.OpenItem("Label the spare optics",
						new Person("Oliver Ops", "oliver@example.com"), LocalDate.parse("2027-03-15"))));
	}

	@Test
	void aProjectOnHoldDecidesNoGateUntilResumed() {
		StatusChange hold = this.project.changeStatus(ProjectStatus.ON_HOLD, "Vendor insolvency", PAT, NOW);
		assertThat(hold.from()).isEqualTo(ProjectStatus.ACTIVE);
		assertThat(lastEvent(ProjectStatusChanged.class).status()).isEqualTo(ProjectStatus.ON_HOLD);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> gate(ProjectPhase.PLANNING, GateDecision.APPROVED))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("on hold"));
		assertThat(this.project.changeStatus(ProjectStatus.ON_HOLD, "again", PAT, NOW)).as("no change").isNull();

		this.project.changeStatus(ProjectStatus.ACTIVE, "New vendor signed", PAT, NOW);
		gate(ProjectPhase.PLANNING, GateDecision.APPROVED);
		assertThat(this.project.statusHistory()).extracting(StatusChange::to)
			.containsExactly(ProjectStatus.ON_HOLD, ProjectStatus.ACTIVE);
	}

	@Test
	void aCancelledProjectChangesNoMoreAndIsNotClosedByAStatusChange() {
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.project.changeStatus(ProjectStatus.CLOSED, "done", PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("last gate"));

		this.project.changeStatus(ProjectStatus.CANCELLED, "Superseded by the cloud move", SARA, NOW);
		assertThat(lastEvent(ProjectCancelled.class).reason()).isEqualTo("Superseded by the cloud move");
		assertThat(lastEvent(ProjectCancelled.class).phase()).isEqualTo(ProjectPhase.INITIATING);

		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.changeStatus(ProjectStatus.ACTIVE, "revive", PAT, NOW));
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.project.planMilestone(
				new NewMilestone("Late", null, LocalDate.parse("2027-04-01"), null, false, false, List.of()), null, PAT,
				NOW));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.revise(this.project.plan(), PAT, NOW));
	}

	private GateRecord gate(ProjectPhase to, GateDecision decision) {
		return this.project.decideGate(to, decision, "notes", List.of("Budget review in Q3"), null, SARA, NOW);
	}

	private List<Class<? extends Record>> types() {
		return this.project.registeredEvents()
			.stream()
			.<Class<? extends Record>>map((entry) -> EventCatalog.recordFor(entry.type()).orElseThrow())
			.toList();
	}

	private <T extends Record> T lastEvent(Class<T> type) {
		List<OutboxEntry> events = this.project.registeredEvents();
		OutboxEntry last = events.get(events.size() - 1);
		assertThat(last.type()).isEqualTo(EventCatalog.typeOf(type));
		return io.infrapm.platform.events.EventJson.mapper().readValue(last.payload(), type);
	}

}
