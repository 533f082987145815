package io.infrapm.contracts.risk;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A risk no longer applies and was closed. It stays in the register, with its history.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param previousStatus the status it was closed from
 * @param reason why
 * @param closedAt when
 * @param actor who closed it
 */
@EventType("io.infrapm.risk.RiskClosed.v1")
public record RiskClosed(UUID projectId, UUID riskId, String number, RiskStatus previousStatus, String reason,
		Instant closedAt, Actor actor) {
}
