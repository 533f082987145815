package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * What is known of an outage changed (its end, impact, cause or response); carries it all
 * as it now is.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param outageId the outage's id within the project
 * @param service the service that was out
 * @param planned whether it was planned (a maintenance) or not (an incident)
 * @param impact how badly it hit the service
 * @param start when it began
 * @param end when it ended, or {@code null} while it lasts
 * @param respondedAt when someone responsible responded, or {@code null}
 * @param cause what caused it, or {@code null} while unknown
 * @param changeRequestId the change request it belongs to, or {@code null}
 * @param milestoneId the milestone it belongs to (a cutover), or {@code null}
 * @param revision the outage's revision
 * @param updatedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.project.OutageUpdated.v1")
public record OutageUpdated(UUID projectId, UUID outageId, String service, boolean planned, OutageImpact impact,
		Instant start, Instant end, Instant respondedAt, String cause, UUID changeRequestId, UUID milestoneId,
		int revision, Instant updatedAt, Actor actor) {
}
