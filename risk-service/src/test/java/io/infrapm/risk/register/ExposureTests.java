package io.infrapm.risk.register;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.contracts.risk.RiskType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a project's open risks add up to: counted per band with their current assessment,
 * the top one the earliest numbered of equals, and the expected monetary value rounded
 * once.
 */
class ExposureTests {

	private static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");

	@Test
	void countsOnlyOpenThreatsEachWithItsCurrentAssessment() {
		Exposure exposure = Exposure.of(List.of(threat("R-1", RiskStatus.ASSESSED, inherent(4, 4, "100000"), null),
				// Its residual assessment counts, not its inherent one.
				threat("R-2", RiskStatus.MONITORING, inherent(5, 5, null), residual(2, 3, "50000")),
				threat("R-3", RiskStatus.IDENTIFIED, null, null),
				threat("R-4", RiskStatus.CLOSED, inherent(5, 5, "900000"), null),
				threat("R-5", RiskStatus.OCCURRED, inherent(5, 5, "900000"), null),
				counted("R-6", RiskType.OPPORTUNITY, RiskStatus.ASSESSED, inherent(5, 5, "1000000"), null)));

		assertThat(exposure.openThreats()).isEqualTo(3);
		assertThat(exposure.critical()).isEqualTo(1);
		assertThat(exposure.medium()).as("R-2 at 2 × 3").isEqualTo(1);
		assertThat(exposure.high()).isZero();
		assertThat(exposure.low()).isZero();
		assertThat(exposure.unassessed()).isEqualTo(1);
		assertThat(exposure.openOpportunities()).isEqualTo(1);
		assertThat(exposure.topScore()).isEqualTo(16);
		assertThat(exposure.topRiskNumber()).isEqualTo("R-1");
		assertThat(exposure.totalScore()).isEqualTo(16 + 6);
		// 100,000 at 70 % and 50,000 at 30 %.
		assertThat(exposure.expectedExposure()).isEqualByComparingTo("85000.00");
	}

	@Test
	void theTopOfEqualScoresIsTheEarliestNumberedAndTheValueIsRoundedOnce() {
		Exposure exposure = Exposure.of(List.of(threat("R-10", RiskStatus.ASSESSED, inherent(1, 3, "333.33"), null),
				threat("R-9", RiskStatus.ASSESSED, inherent(3, 1, "0.05"), null),
				threat("R-2", RiskStatus.ASSESSED, inherent(1, 1, "0.05"), null)));
		assertThat(exposure.topRiskNumber()).as("R-9 before R-10, not by text").isEqualTo("R-9");
		// 33.333 + 0.025 + 0.005 = 33.363, rounded once at the end.
		assertThat(exposure.expectedExposure()).isEqualByComparingTo("33.36");
		assertThat(exposure.expectedExposure().scale()).isEqualTo(2);
	}

	@Test
	void aRegisterWithoutOpenThreatsIsTheEmptyExposure() {
		assertThat(Exposure.of(List.of())).isEqualTo(Exposure.NONE);
		assertThat(Exposure.of(List.of(threat("R-1", RiskStatus.CLOSED, inherent(5, 5, "1"), null))))
			.isEqualTo(Exposure.NONE);
		assertThat(Exposure.percentOf(1)).isEqualTo(10);
		assertThat(Exposure.percentOf(5)).isEqualTo(90);
	}

	private static Exposure.Counted threat(String number, RiskStatus status, Assessment inherent, Assessment residual) {
		return counted(number, RiskType.THREAT, status, inherent, residual);
	}

	private static Exposure.Counted counted(String number, RiskType type, RiskStatus status, Assessment inherent,
			Assessment residual) {
		Assessment current = (residual != null) ? residual : inherent;
		return new Exposure.Counted(UUID.randomUUID(), 1L, number, status, type,
				(current != null) ? current.band() : null, (current != null) ? current.score() : 0, inherent, residual,
				null);
	}

	private static Assessment inherent(int probability, int impact, String cost) {
		return assessment(AssessmentKind.INHERENT, probability, impact, cost);
	}

	private static Assessment residual(int probability, int impact, String cost) {
		return assessment(AssessmentKind.RESIDUAL, probability, impact, cost);
	}

	private static Assessment assessment(AssessmentKind kind, int probability, int impact, String cost) {
		int score = probability * impact;
		RiskBand band = RiskBands.DEFAULTS.band(score);
		return new Assessment(kind, probability, impact, score, band, null,
				(cost != null) ? new BigDecimal(cost) : null, NOW, null);
	}

}
