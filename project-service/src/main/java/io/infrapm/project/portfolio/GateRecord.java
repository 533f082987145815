package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.ProjectPhase;

/**
 * One decision at a phase gate, kept as the project's gate history.
 *
 * @param id the decision's id
 * @param fromPhase the phase the project was in
 * @param toPhase the phase the gate leads to
 * @param decision what was decided
 * @param notes the notes, or {@code null}
 * @param conditions conditions attached to it
 * @param decidedAt when
 * @param approver who decided
 * @param request the client's idempotency key with a fingerprint of its request, or
 * {@code null}
 */
public record GateRecord(UUID id, ProjectPhase fromPhase, ProjectPhase toPhase, GateDecision decision, String notes,
		List<String> conditions, Instant decidedAt, Actor approver, ClientRequest request) {
}
