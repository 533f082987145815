package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's manager proposed (or revised) the operational hand-over, which an
 * {@code OPERATIONS} stakeholder is to accept.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param receivingTeam the team that takes over the result
 * @param supportModel how it is supported from go-live, e.g. 24x7 with a 30-minute
 * response
 * @param goLiveDate when operations take over
 * @param runbookUrl where the runbook is
 * @param openItems what is still open, with its owners
 * @param revision the hand-over's revision, 1 for the first proposal
 * @param proposedAt when it was proposed
 * @param actor who proposed it
 */
@EventType("io.infrapm.project.HandoverProposed.v1")
public record HandoverProposed(UUID projectId, String receivingTeam, String supportModel, LocalDate goLiveDate,
		String runbookUrl, List<HandoverItem> openItems, int revision, Instant proposedAt, Actor actor) {
}
