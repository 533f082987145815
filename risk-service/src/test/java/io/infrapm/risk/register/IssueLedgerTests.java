package io.infrapm.risk.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.platform.outbox.Aggregates;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An issue that a risk's occurrence raised, left in the risk by a request that died
 * before storing it, is stored by the sweep, once.
 */
@SpringBootTest
class IssueLedgerTests {

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private Aggregates aggregates;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("risk-ledger-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void anIssueLeftInItsRiskByACrashIsStoredOnce() {
		Instant now = Instant.now();
		Risk risk = this.aggregates.insert(Risk.identify(
				UUID.randomUUID(), UUID.randomUUID(), "R-1", new Risk.Statement("Optics late", "Factory full",
						"Late optics", "Cutover slips", RiskCategory.VENDOR, RiskType.THREAT, null, null, null),
				PAT, now));
		risk.assess(AssessmentKind.INHERENT, 4, 4, null, RiskBands.DEFAULTS, PAT, now);
		risk = this.aggregates.update(risk);
		UUID issueId = UUID.randomUUID();
		risk.occur(issueId, "I-1", new Issue.Details("R-1 occurred: Optics late", null, RiskCategory.VENDOR,
				IssueSeverity.HIGH, null, LocalDate.parse("2027-05-01")), "Arrived late", PAT, now);
		// Occurred, and then the request died before the issue was stored.
		this.aggregates.update(risk);
		assertThat(stored(issueId)).isZero();

		IssueLedger early = new IssueLedger(this.mongo, Clock.systemUTC());
		assertThat(early.sweep()).as("within its grace the request may still store it").isZero();
		IssueLedger later = new IssueLedger(this.mongo, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(6)));
		assertThat(later.sweep()).isPositive();
		assertThat(stored(issueId)).isEqualTo(1);
		assertThat(this.mongo.findById(risk.id(), Risk.class).pendingIssue()).isNull();
		assertThat(this.mongo.findById(issueId, Issue.class).riskId()).isEqualTo(risk.id());
		assertThat(later.flush(risk.id())).as("nothing left to store").isFalse();
		assertThat(stored(issueId)).isEqualTo(1);
	}

	private long stored(UUID issueId) {
		return this.mongo.count(Query.query(Criteria.where("_id").is(issueId)), Issue.class);
	}

}
