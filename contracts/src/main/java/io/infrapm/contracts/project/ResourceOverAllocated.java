package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A change of this project's resource plan allocated a person above 100 % of their
 * working time in weeks where they were not over-allocated before, counting every open
 * project. Published by the project whose change caused it.
 *
 * @param projectId the project whose plan changed (also the Kafka key)
 * @param email the person's address
 * @param name the person's name
 * @param periods the weeks newly above 100 %, with the load in each
 * @param projects how many open projects allocate the person in those weeks
 * @param detectedAt when the change was made
 * @param actor who made it
 */
@EventType("io.infrapm.project.ResourceOverAllocated.v1")
public record ResourceOverAllocated(UUID projectId, String email, String name, List<AllocationPeriod> periods,
		int projects, Instant detectedAt, Actor actor) {
}
