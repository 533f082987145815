package io.infrapm.contracts.project;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A sponsor or steering-committee member decided at a phase gate. An approval is followed
 * by {@code ProjectPhaseChanged}.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param gateId the decision's id within the project
 * @param fromPhase the phase the project was in
 * @param toPhase the phase the gate leads to
 * @param decision what was decided
 * @param notes the decision's notes, or {@code null}
 * @param conditions conditions attached to the decision
 * @param decidedAt when it was decided
 * @param actor who decided: the approver
 */
@EventType("io.infrapm.project.PhaseGateDecided.v1")
public record PhaseGateDecided(UUID projectId, UUID gateId, ProjectPhase fromPhase, ProjectPhase toPhase,
		GateDecision decision, String notes, List<String> conditions, Instant decidedAt, Actor actor) {
}
