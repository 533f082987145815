package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * An issue was raised in a project's register, a problem that is happening. It is raised
 * directly or by a risk that occurred.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param issueId the issue's id
 * @param number its number within the project, e.g. {@code I-3}
 * @param title what happens, in a line
 * @param description what, in full, or {@code null}
 * @param category what it hurts
 * @param severity how much
 * @param owner who resolves it, or {@code null}
 * @param dueDate by when it is to be resolved, or {@code null}
 * @param riskId the risk it came from, or {@code null}
 * @param raisedAt when it was raised
 * @param actor who raised it
 */
@EventType("io.infrapm.risk.IssueRaised.v1")
public record IssueRaised(UUID projectId, UUID issueId, String number, String title, String description,
		RiskCategory category, IssueSeverity severity, Person owner, LocalDate dueDate, UUID riskId, Instant raisedAt,
		Actor actor) {
}
