package io.infrapm.contracts.risk;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A response to a risk was planned or revised.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param strategy how it is responded to
 * @param description what is done
 * @param contingencyPlan what is done if it happens all the same, or {@code null}
 * @param status the risk's status after it
 * @param plannedAt when
 * @param actor who planned it
 */
@EventType("io.infrapm.risk.RiskResponsePlanned.v1")
public record RiskResponsePlanned(UUID projectId, UUID riskId, String number, ResponseStrategy strategy,
		String description, String contingencyPlan, RiskStatus status, Instant plannedAt, Actor actor) {
}
