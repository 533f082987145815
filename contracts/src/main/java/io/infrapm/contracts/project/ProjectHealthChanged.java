package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.EventType;

/**
 * A project's computed health changed colour in at least one dimension. Published once
 * per change, also when the facts behind it are replayed; a manual override never causes
 * it.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param code the project's code
 * @param name the project's name
 * @param overall the overall colour now
 * @param schedule the schedule colour now
 * @param cost the cost colour now
 * @param scope the scope colour now
 * @param risk the risk colour now
 * @param previousOverall the overall colour before, or {@code null} for the first
 * assessment
 * @param changed the dimensions whose colour changed, the overall one included if it did
 * @param reasons why each dimension has its colour: what every rule that coloured it
 * found, or what was looked at for a green one
 * @param rulesVersion the version of the health rules that judged it
 * @param causeType the logical type of the event whose facts changed it, e.g.
 * {@code BudgetThresholdCrossed}
 * @param causeId the id of that event
 * @param changedAt when it was recomputed
 */
@EventType("io.infrapm.project.ProjectHealthChanged.v1")
public record ProjectHealthChanged(UUID projectId, String code, String name, HealthColour overall,
		HealthColour schedule, HealthColour cost, HealthColour scope, HealthColour risk, HealthColour previousOverall,
		List<HealthDimension> changed, List<HealthReason> reasons, String rulesVersion, String causeType, UUID causeId,
		Instant changedAt) {
}
