package io.infrapm.contracts.risk;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A risk climbed the escalation ladder. Its band reached the project's escalation band
 * (the manager), one band above it (the sponsor) or two (the steering committee), or its
 * response is to escalate it (the steering committee). Published once per level reached.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param title what it is
 * @param level who it is escalated to
 * @param band the risk's band now
 * @param score its score now
 * @param reason why, e.g. {@code band CRITICAL}
 * @param escalatedAt when
 * @param actor whose change escalated it
 */
@EventType("io.infrapm.risk.RiskEscalated.v1")
public record RiskEscalated(UUID projectId, UUID riskId, String number, String title, EscalationLevel level,
		RiskBand band, int score, String reason, Instant escalatedAt, Actor actor) {
}
