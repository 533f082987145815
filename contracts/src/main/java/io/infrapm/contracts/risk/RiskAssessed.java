package io.infrapm.contracts.risk;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A risk's probability and impact were assessed, before (inherent) or after (residual)
 * its response.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param kind inherent or residual
 * @param probability from 1 (rare) to 5 (almost certain)
 * @param impact from 1 (negligible) to 5 (severe)
 * @param score probability × impact, 1 to 25
 * @param band the band of the score
 * @param previousBand the band of the previous assessment of that kind, or {@code null}
 * for the first
 * @param rationale why, or {@code null}
 * @param status the risk's status after it
 * @param assessedAt when it was assessed
 * @param actor who assessed it
 */
@EventType("io.infrapm.risk.RiskAssessed.v1")
public record RiskAssessed(UUID projectId, UUID riskId, String number, AssessmentKind kind, int probability, int impact,
		int score, RiskBand band, RiskBand previousBand, String rationale, RiskStatus status, Instant assessedAt,
		Actor actor) {
}
