package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An {@code OPERATIONS} stakeholder accepted a project's hand-over: operations own the
 * result from the go-live date.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param receivingTeam the team that takes over
 * @param supportModel how it is supported
 * @param goLiveDate when operations take over
 * @param runbookUrl where the runbook is
 * @param openItems what was still open, with its owners
 * @param revision the revision of the hand-over that was accepted
 * @param notes the acceptance notes, or {@code null}
 * @param acceptedAt when it was accepted
 * @param actor who accepted it
 */
@EventType("io.infrapm.project.HandoverAccepted.v1")
public record HandoverAccepted(UUID projectId, String receivingTeam, String supportModel, LocalDate goLiveDate,
		String runbookUrl, List<HandoverItem> openItems, int revision, String notes, Instant acceptedAt, Actor actor) {
}
