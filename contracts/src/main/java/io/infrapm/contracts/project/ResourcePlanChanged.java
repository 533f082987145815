package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A project's resource plan was set or replaced; carries the whole plan as it now is.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param allocations every line of the plan
 * @param revision the plan's revision after the change
 * @param changedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.project.ResourcePlanChanged.v1")
public record ResourcePlanChanged(UUID projectId, List<ResourceAllocation> allocations, int revision, Instant changedAt,
		Actor actor) {
}
