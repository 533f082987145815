package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A manager set or withdrew a manual colour for one health dimension. The override shows
 * beside the computed colour, never instead of it, and lapses after its last day.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param dimension the dimension it is about
 * @param colour the colour the manager gives, or {@code null} when withdrawn
 * @param computed the computed colour at that moment
 * @param reason why, or {@code null} when withdrawn
 * @param expiresOn the last day it holds, or {@code null} when withdrawn
 * @param at when it was set or withdrawn
 * @param actor who did it
 */
@EventType("io.infrapm.project.ProjectHealthOverridden.v1")
public record ProjectHealthOverridden(UUID projectId, HealthDimension dimension, HealthColour colour,
		HealthColour computed, String reason, LocalDate expiresOn, Instant at, Actor actor) {
}
