package io.infrapm.contracts.risk;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A risk happened. It changes no more, and the issue it raised is followed instead.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param previousStatus the status it had
 * @param issueId the issue it raised
 * @param description what happened
 * @param occurredAt when it was recorded
 * @param actor who recorded it
 */
@EventType("io.infrapm.risk.RiskOccurred.v1")
public record RiskOccurred(UUID projectId, UUID riskId, String number, RiskStatus previousStatus, UUID issueId,
		String description, Instant occurredAt, Actor actor) {
}
