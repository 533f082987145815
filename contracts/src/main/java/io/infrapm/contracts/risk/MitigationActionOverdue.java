package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * A mitigation action still to be done passed its due date. Published once per action and
 * due date by risk-service's due watch; a new due date that passes is reported again.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param riskNumber its number within the project
 * @param riskTitle what the risk is
 * @param actionId the action's id
 * @param title what is to be done
 * @param owner who does it, or {@code null}
 * @param dueDate the day it was due
 * @param daysOverdue how many days past it on the day it was detected
 * @param detectedOn that day
 * @param detectedAt when
 */
@EventType("io.infrapm.risk.MitigationActionOverdue.v1")
public record MitigationActionOverdue(UUID projectId, UUID riskId, String riskNumber, String riskTitle, UUID actionId,
		String title, Person owner, LocalDate dueDate, int daysOverdue, LocalDate detectedOn, Instant detectedAt) {
}
