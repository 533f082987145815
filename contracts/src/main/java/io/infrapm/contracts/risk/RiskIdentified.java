package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * A risk was recorded in a project's register, stated as cause, event and effect.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project, e.g. {@code R-7}
 * @param title what it is, in a line
 * @param cause what may make it happen
 * @param event what may happen
 * @param effect what it would do to the project
 * @param category what it threatens or promises
 * @param type threat or opportunity
 * @param owner who owns it, or {@code null}
 * @param proximityDate when it may happen, or {@code null}
 * @param nextReviewDate when it is to be reviewed next, or {@code null}
 * @param origin who or what raised it
 * @param originReference what raised it: the milestone, the threshold in percent, the
 * milestone and window; or {@code null} for a person
 * @param identifiedAt when it was recorded
 * @param actor who recorded it
 */
@EventType("io.infrapm.risk.RiskIdentified.v1")
public record RiskIdentified(UUID projectId, UUID riskId, String number, String title, String cause, String event,
		String effect, RiskCategory category, RiskType type, Person owner, LocalDate proximityDate,
		LocalDate nextReviewDate, RiskOrigin origin, String originReference, Instant identifiedAt, Actor actor) {
}
