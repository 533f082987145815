package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * An open risk passed its next review date without a review (a change that sets a later
 * date). Published once per risk and review date by risk-service's due watch.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param title what it is
 * @param owner who owns it, or {@code null}
 * @param band its band now, or {@code null} if not assessed
 * @param reviewDate the review date that passed
 * @param daysOverdue how many days past it on the day it was detected
 * @param detectedOn that day
 * @param detectedAt when
 */
@EventType("io.infrapm.risk.RiskReviewOverdue.v1")
public record RiskReviewOverdue(UUID projectId, UUID riskId, String number, String title, Person owner, RiskBand band,
		LocalDate reviewDate, int daysOverdue, LocalDate detectedOn, Instant detectedAt) {
}
