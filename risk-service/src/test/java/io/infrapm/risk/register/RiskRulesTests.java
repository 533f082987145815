package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.EscalationLevel;
import io.infrapm.contracts.risk.IssueRaised;
import io.infrapm.contracts.risk.IssueResolved;
import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.ResponseStrategy;
import io.infrapm.contracts.risk.RiskAssessed;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskClosed;
import io.infrapm.contracts.risk.RiskEscalated;
import io.infrapm.contracts.risk.RiskIdentified;
import io.infrapm.contracts.risk.RiskOccurred;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.contracts.risk.RiskStatusChanged;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.contracts.risk.RiskUpdated;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rules of a risk: its score and band, its assessments kept as history, the PMBOK
 * responses of each type, and the transitions of its life cycle, every illegal one
 * refused with a reason.
 */
class RiskRulesTests {

	private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private final Risk risk = Risk.identify(UUID.randomUUID(), UUID.randomUUID(), "R-1", statement(RiskType.THREAT),
			PAT, NOW);

	@ParameterizedTest(name = "{0} × {1} = {2}, {3}")
	@CsvSource({ "1, 1, 1, LOW", "2, 2, 4, LOW", "1, 5, 5, MEDIUM", "3, 3, 9, MEDIUM", "2, 5, 10, HIGH",
			"3, 5, 15, HIGH", "4, 4, 16, CRITICAL", "5, 5, 25, CRITICAL" })
	void scoresProbabilityTimesImpactIntoTheDefaultBands(int probability, int impact, int score, RiskBand band) {
		assertThat(RiskBands.score(probability, impact)).isEqualTo(score);
		assertThat(RiskBands.DEFAULTS.band(score)).isEqualTo(band);
	}

	@Test
	void bandsAreConfigurableButMustRise() {
		RiskBands strict = new RiskBands(2, 5, 9);

		assertThat(strict.band(3)).isEqualTo(RiskBand.MEDIUM);
		assertThat(strict.band(10)).isEqualTo(RiskBand.CRITICAL);
		assertThatIllegalArgumentException().isThrownBy(() -> new RiskBands(9, 5, 15)).withMessageContaining("rise");
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> RiskBands.score(0, 3))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("probability"));
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> RiskBands.score(3, 6))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("impact"));
	}

	@Test
	void aNewRiskIsIdentifiedAndItsFirstInherentAssessmentMakesItAssessed() {
		assertThat(this.risk.status()).isEqualTo(RiskStatus.IDENTIFIED);
		assertThat(this.risk.currentBand()).isNull();
		assertThat(events(RiskIdentified.class)).singleElement()
			.satisfies((e) -> assertThat(e.number()).isEqualTo("R-1"))
			.satisfies((e) -> assertThat(e.actor()).isEqualTo(PAT));

		this.risk.assess(AssessmentKind.INHERENT, 4, 4, " Two of three orders late ", RiskBands.DEFAULTS, PAT, NOW);
		this.risk.assess(AssessmentKind.INHERENT, 3, 4, null, RiskBands.DEFAULTS, PAT, NOW.plusSeconds(60));

		assertThat(this.risk.status()).isEqualTo(RiskStatus.ASSESSED);
		assertThat(this.risk.inherent().score()).isEqualTo(12);
		assertThat(this.risk.currentBand()).isEqualTo(RiskBand.HIGH);
		assertThat(this.risk.assessments()).as("every assessment kept, with who and when")
			.extracting(Assessment::score, Assessment::by)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(16, PAT),
					org.assertj.core.groups.Tuple.tuple(12, PAT));
		assertThat(this.risk.assessments().get(0).rationale()).isEqualTo("Two of three orders late");
		List<RiskAssessed> assessed = events(RiskAssessed.class);
		assertThat(assessed).extracting(RiskAssessed::band).containsExactly(RiskBand.CRITICAL, RiskBand.HIGH);
		assertThat(assessed.get(1).previousBand()).isEqualTo(RiskBand.CRITICAL);
	}

	@Test
	void aResidualScoreNeedsAResponseAndThenGivesTheRiskItsBand() {
		this.risk.assess(AssessmentKind.INHERENT, 4, 5, null, RiskBands.DEFAULTS, PAT, NOW);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.assess(AssessmentKind.RESIDUAL, 2, 3, null, RiskBands.DEFAULTS, PAT, NOW))
			.withMessageContaining("plan the response first");

		this.risk.respond(ResponseStrategy.MITIGATE, "Second supplier", "Cut over on 100G", PAT, NOW);
		this.risk.assess(AssessmentKind.RESIDUAL, 2, 3, null, RiskBands.DEFAULTS, PAT, NOW);

		assertThat(this.risk.status()).isEqualTo(RiskStatus.RESPONSE_PLANNED);
		assertThat(this.risk.inherent().band()).isEqualTo(RiskBand.CRITICAL);
		assertThat(this.risk.currentBand()).as("the residual band once there is one").isEqualTo(RiskBand.MEDIUM);
	}

	@Test
	void eachTypeTakesOnlyItsOwnResponses() {
		Risk opportunity = Risk.identify(UUID.randomUUID(), UUID.randomUUID(), "R-2", statement(RiskType.OPPORTUNITY),
				PAT, NOW);
		opportunity.assess(AssessmentKind.INHERENT, 3, 3, null, RiskBands.DEFAULTS, PAT, NOW);
		this.risk.assess(AssessmentKind.INHERENT, 3, 3, null, RiskBands.DEFAULTS, PAT, NOW);

		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> opportunity.respond(ResponseStrategy.MITIGATE, "x", null, PAT, NOW))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("strategy"))
			.withMessageContaining("does not answer an opportunity");
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.risk.respond(ResponseStrategy.EXPLOIT, "x", null, PAT, NOW))
			.withMessageContaining("ESCALATE, AVOID, TRANSFER, MITIGATE or ACCEPT");
		opportunity.respond(ResponseStrategy.ENHANCE, "Bundle the licences", null, PAT, NOW);
		this.risk.respond(ResponseStrategy.ACCEPT, "Within the reserve", null, PAT, NOW);
		assertThat(opportunity.response().strategy()).isEqualTo(ResponseStrategy.ENHANCE);
	}

	@Test
	void theLifeCycleRefusesEveryIllegalStepWithItsReason() {
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.respond(ResponseStrategy.MITIGATE, "x", null, PAT, NOW))
			.withMessageContaining("not assessed yet");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.transition(RiskStatus.MONITORING, "now", PAT, NOW))
			.withMessageContaining("only a risk with a planned response moves into monitoring");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.transition(RiskStatus.ASSESSED, "now", PAT, NOW))
			.withMessageContaining("by being assessed");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.transition(RiskStatus.OCCURRED, "now", PAT, NOW))
			.withMessageContaining("occurrence");

		this.risk.assess(AssessmentKind.INHERENT, 3, 4, null, RiskBands.DEFAULTS, PAT, NOW);
		this.risk.respond(ResponseStrategy.TRANSFER, "Penalty clause", null, PAT, NOW);
		this.risk.transition(RiskStatus.MONITORING, " Clause signed ", PAT, NOW);
		this.risk.transition(RiskStatus.CLOSED, "Optics delivered", PAT, NOW);

		assertThat(events(RiskStatusChanged.class)).singleElement()
			.satisfies((e) -> assertThat(e.from()).isEqualTo(RiskStatus.RESPONSE_PLANNED))
			.satisfies((e) -> assertThat(e.reason()).isEqualTo("Clause signed"));
		assertThat(events(RiskClosed.class)).singleElement()
			.satisfies((e) -> assertThat(e.previousStatus()).isEqualTo(RiskStatus.MONITORING));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.assess(AssessmentKind.INHERENT, 1, 1, null, RiskBands.DEFAULTS, PAT, NOW))
			.withMessageContaining("changes no more");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.transition(RiskStatus.CLOSED, "again", PAT, NOW));
	}

	@Test
	void aRevisionChangesOnlyWhatItNamesAndNeverTheType() {
		Person ada = new Person("Ada Lovelace", "ada@example.com");
		boolean changed = this.risk.revise(new Risk.Statement(null, null, null, null, RiskCategory.SCHEDULE, null, ada,
				null, LocalDate.parse("2027-02-01")), PAT, NOW);
		boolean again = this.risk
			.revise(new Risk.Statement(null, null, null, null, RiskCategory.SCHEDULE, null, ada, null, null), PAT, NOW);

		assertThat(changed).isTrue();
		assertThat(again).as("nothing new").isFalse();
		assertThat(this.risk.title()).isEqualTo("Optics delivered late");
		assertThat(this.risk.owner()).isEqualTo(ada);
		assertThat(events(RiskUpdated.class)).singleElement()
			.satisfies((e) -> assertThat(e.revision()).isEqualTo(2))
			.satisfies((e) -> assertThat(e.category()).isEqualTo(RiskCategory.SCHEDULE));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.risk.revise(
					new Risk.Statement(null, null, null, null, null, RiskType.OPPORTUNITY, null, null, null), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("type"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(
					() -> Risk.identify(UUID.randomUUID(), UUID.randomUUID(), "R-3",
							new Risk.Statement("Title", "Cause", " ", "Effect", RiskCategory.COST, RiskType.THREAT,
									null, null, null),
							PAT, NOW))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("event"));
	}

	@Test
	void aRiskClimbsTheLadderOnceALevelAsItsBandRisesOrItsResponseEscalates() {
		this.risk.assess(AssessmentKind.INHERENT, 2, 3, null, RiskBands.DEFAULTS, PAT, NOW);
		this.risk.escalate(RiskBand.HIGH, PAT, NOW);
		assertThat(events(RiskEscalated.class)).as("MEDIUM is below the escalation band").isEmpty();

		this.risk.assess(AssessmentKind.INHERENT, 3, 4, null, RiskBands.DEFAULTS, PAT, NOW);
		this.risk.escalate(RiskBand.HIGH, PAT, NOW);
		this.risk.escalate(RiskBand.HIGH, PAT, NOW);
		this.risk.assess(AssessmentKind.INHERENT, 4, 5, null, RiskBands.DEFAULTS, PAT, NOW);
		this.risk.escalate(RiskBand.HIGH, PAT, NOW);
		this.risk.respond(ResponseStrategy.ESCALATE, "Beyond the project", null, PAT, NOW);
		this.risk.escalate(RiskBand.HIGH, PAT, NOW);
		this.risk.assess(AssessmentKind.RESIDUAL, 1, 1, null, RiskBands.DEFAULTS, PAT, NOW);
		this.risk.escalate(RiskBand.HIGH, PAT, NOW);

		assertThat(events(RiskEscalated.class)).extracting(RiskEscalated::level)
			.as("HIGH to the manager, CRITICAL to the sponsor, ESCALATE to the steering committee, never down")
			.containsExactly(EscalationLevel.PROJECT_MANAGER, EscalationLevel.SPONSOR,
					EscalationLevel.STEERING_COMMITTEE);
		assertThat(events(RiskEscalated.class).get(1).score()).isEqualTo(20);
		Risk medium = Risk.identify(UUID.randomUUID(), UUID.randomUUID(), "R-9", statement(RiskType.THREAT), PAT, NOW);
		medium.assess(AssessmentKind.INHERENT, 5, 5, null, RiskBands.DEFAULTS, PAT, NOW);
		medium.escalate(RiskBand.MEDIUM, PAT, NOW);
		assertThat(medium.escalatedTo()).as("two bands above MEDIUM").isEqualTo(EscalationLevel.STEERING_COMMITTEE);
	}

	@Test
	void anOccurredRiskRaisesItsIssueInTheSameWriteAndChangesNoMore() {
		this.risk.assess(AssessmentKind.INHERENT, 4, 4, null, RiskBands.DEFAULTS, PAT, NOW);
		UUID issueId = UUID.randomUUID();
		Risk.PendingIssue pending = this.risk.occur(
				issueId, "I-1", new Issue.Details("R-1 occurred: Optics delivered late", "Arrived on 20 April",
						RiskCategory.VENDOR, IssueSeverity.HIGH, null, LocalDate.parse("2027-05-01")),
				" Arrived on 20 April ", PAT, NOW);

		assertThat(this.risk.status()).isEqualTo(RiskStatus.OCCURRED);
		assertThat(this.risk.issueId()).isEqualTo(issueId);
		assertThat(pending.toIssue(this.risk.projectId(), this.risk.id()).riskId()).isEqualTo(this.risk.id());
		assertThat(events(RiskOccurred.class)).singleElement()
			.satisfies((e) -> assertThat(e.issueId()).isEqualTo(issueId))
			.satisfies((e) -> assertThat(e.description()).isEqualTo("Arrived on 20 April"));
		assertThat(events(IssueRaised.class)).singleElement()
			.satisfies((e) -> assertThat(e.riskId()).isEqualTo(this.risk.id()))
			.satisfies((e) -> assertThat(e.number()).isEqualTo("I-1"));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.risk.occur(UUID.randomUUID(), "I-2", pending.details(), "again", PAT, NOW));
		this.risk.escalate(RiskBand.LOW, PAT, NOW);
		assertThat(events(RiskEscalated.class)).as("an occurred risk climbs no more").isEmpty();
	}

	@Test
	void anIssueIsResolvedOnce() {
		Issue issue = Issue.raise(UUID.randomUUID(), UUID.randomUUID(), "I-1",
				new Issue.Details("Feed B trips", null, RiskCategory.OPERATIONAL, IssueSeverity.MEDIUM, null, null),
				PAT, NOW);
		issue.resolve(" Breaker replaced ", PAT, NOW);

		assertThat(issue.resolved()).isTrue();
		assertThat(issue.resolution()).isEqualTo("Breaker replaced");
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> issue.resolve("again", PAT, NOW))
			.withMessageContaining("resolved already");
		assertThat(issue.registeredEvents()).extracting(OutboxEntry::type)
			.containsExactly(EventCatalog.typeOf(IssueRaised.class), EventCatalog.typeOf(IssueResolved.class));
	}

	private static Risk.Statement statement(RiskType type) {
		return new Risk.Statement("Optics delivered late", "The vendor's factory is at capacity",
				"The optics arrive after the racking window", "The cutover slips into the freeze", RiskCategory.VENDOR,
				type, null, LocalDate.parse("2027-04-15"), LocalDate.parse("2027-01-15"));
	}

	private <T extends Record> List<T> events(Class<T> type) {
		return Registered.events(this.risk, type);
	}

}
