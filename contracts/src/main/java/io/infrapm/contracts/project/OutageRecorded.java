package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An outage of one of the project's services was recorded, planned or not.
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
 * @param recordedAt when it was recorded
 * @param actor who recorded it
 */
@EventType("io.infrapm.project.OutageRecorded.v1")
public record OutageRecorded(UUID projectId, UUID outageId, String service, boolean planned, OutageImpact impact,
		Instant start, Instant end, Instant respondedAt, String cause, UUID changeRequestId, UUID milestoneId,
		int revision, Instant recordedAt, Actor actor) {
}
