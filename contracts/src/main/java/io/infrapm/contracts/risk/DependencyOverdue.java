package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * A dependency still awaited passed the date it was needed by. Published once per
 * dependency and need-by date by risk-service's due watch; a later need-by date is
 * reported again once it passes.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param dependencyId the dependency's id
 * @param number its number within the project
 * @param title what is needed
 * @param kind whom it is needed from
 * @param counterpart who that is
 * @param owner who follows it up, or {@code null}
 * @param status where it stands ({@code OPEN} or {@code AT_RISK})
 * @param needBy the need-by date that passed
 * @param daysOverdue how many days past it on the day it was detected
 * @param detectedOn that day
 * @param detectedAt when
 */
@EventType("io.infrapm.risk.DependencyOverdue.v1")
public record DependencyOverdue(UUID projectId, UUID dependencyId, String number, String title, DependencyKind kind,
		String counterpart, Person owner, DependencyStatus status, LocalDate needBy, int daysOverdue,
		LocalDate detectedOn, Instant detectedAt) {
}
