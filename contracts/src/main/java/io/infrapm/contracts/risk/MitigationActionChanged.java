package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * A mitigation action of a risk's response was planned, or changed (title, owner, due
 * date or status).
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param riskNumber its number within the project
 * @param actionId the action's id
 * @param title what is to be done
 * @param owner who does it, or {@code null}
 * @param dueDate by when
 * @param status where it stands now
 * @param previousStatus where it stood before, or {@code null} for a new action
 * @param changedAt when
 * @param actor who planned or changed it
 */
@EventType("io.infrapm.risk.MitigationActionChanged.v1")
public record MitigationActionChanged(UUID projectId, UUID riskId, String riskNumber, UUID actionId, String title,
		Person owner, LocalDate dueDate, ActionStatus status, ActionStatus previousStatus, Instant changedAt,
		Actor actor) {
}
