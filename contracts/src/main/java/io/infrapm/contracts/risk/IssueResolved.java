package io.infrapm.contracts.risk;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An issue was resolved.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param issueId the issue's id
 * @param number its number within the project
 * @param resolution how it was resolved
 * @param resolvedAt when
 * @param actor who resolved it
 */
@EventType("io.infrapm.risk.IssueResolved.v1")
public record IssueResolved(UUID projectId, UUID issueId, String number, String resolution, Instant resolvedAt,
		Actor actor) {
}
