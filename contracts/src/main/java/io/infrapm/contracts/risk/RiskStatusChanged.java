package io.infrapm.contracts.risk;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A risk moved along its life cycle by a decision of its manager, into monitoring.
 * Assessing, responding, closing and occurring move it too, with their own events.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param from the status before
 * @param to the status after
 * @param reason why
 * @param changedAt when
 * @param actor who moved it
 */
@EventType("io.infrapm.risk.RiskStatusChanged.v1")
public record RiskStatusChanged(UUID projectId, UUID riskId, String number, RiskStatus from, RiskStatus to,
		String reason, Instant changedAt, Actor actor) {
}
