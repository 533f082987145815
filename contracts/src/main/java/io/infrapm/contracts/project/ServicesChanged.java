package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * The services a project answers for, and their availability targets, were set or
 * replaced; carries them all.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param services every service with its target
 * @param revision the list's revision after the change
 * @param changedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.project.ServicesChanged.v1")
public record ServicesChanged(UUID projectId, List<ServiceTarget> services, int revision, Instant changedAt,
		Actor actor) {
}
