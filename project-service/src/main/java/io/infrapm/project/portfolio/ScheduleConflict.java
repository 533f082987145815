package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.project.ScheduleConflictKind;

/**
 * Why a milestone's date does not fit the schedule, kept on the milestone until it is
 * resolved.
 *
 * @param kind what kind of conflict
 * @param withMilestoneId the milestone it conflicts with, or {@code null}
 * @param detail the conflict in words
 * @param since when it was detected
 */
public record ScheduleConflict(ScheduleConflictKind kind, UUID withMilestoneId, String detail, Instant since,
		UUID windowId) {

	/**
	 * Whether this is the same conflict as another, detected at whatever time.
	 * @param other the other conflict
	 * @return {@code true} for the same kind with the same milestone and window
	 */
	boolean sameAs(ScheduleConflict other) {
		return this.kind == other.kind && java.util.Objects.equals(this.withMilestoneId, other.withMilestoneId)
				&& java.util.Objects.equals(this.windowId, other.windowId);
	}

}
