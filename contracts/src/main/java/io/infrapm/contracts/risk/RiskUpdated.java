package io.infrapm.contracts.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;
import io.infrapm.contracts.project.Person;

/**
 * A risk's statement, category, owner or dates changed. A state transfer, it carries them
 * all with the risk's revision.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param riskId the risk's id
 * @param number its number within the project
 * @param title what it is, in a line
 * @param cause what may make it happen
 * @param event what may happen
 * @param effect what it would do to the project
 * @param category what it threatens or promises
 * @param owner who owns it, or {@code null}
 * @param proximityDate when it may happen, or {@code null}
 * @param nextReviewDate when it is to be reviewed next, or {@code null}
 * @param revision the risk's revision after the change
 * @param updatedAt when it changed
 * @param actor who changed it
 */
@EventType("io.infrapm.risk.RiskUpdated.v1")
public record RiskUpdated(UUID projectId, UUID riskId, String number, String title, String cause, String event,
		String effect, RiskCategory category, Person owner, LocalDate proximityDate, LocalDate nextReviewDate,
		long revision, Instant updatedAt, Actor actor) {
}
