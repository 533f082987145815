package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ChangeCategory;
import io.infrapm.contracts.project.GateDecision;

/**
 * A request to change a project's scope, schedule, cost or resources, decided by its
 * sponsor or steering committee. Part of the {@link Project} aggregate, so that an
 * approved schedule change moves the milestones in the same write.
 *
 * @param id the change request's id
 * @param number its number within the project, e.g. {@code CR-3}
 * @param title what it asks for, in a line
 * @param category what it changes
 * @param justification why it is needed
 * @param costImpact what it adds to the cost (negative for a saving), in the project's
 * currency
 * @param scheduleImpactDays how many days it moves the affected milestones
 * @param affectedMilestones the milestones it moves or touches
 * @param impactIfNotApproved what happens without it, or {@code null}
 * @param status {@code null} while undecided, else the latest decision
 * @param decisionReason the reason of the latest decision, or {@code null}
 * @param decidedAt when it was last decided, or {@code null}
 * @param decidedBy who last decided it, or {@code null}
 * @param submittedAt when it was submitted
 * @param submittedBy who submitted it
 * @param request the client's idempotency key, or {@code null}
 */
public record ChangeRequest(UUID id, String number, String title, ChangeCategory category, String justification,
		BigDecimal costImpact, int scheduleImpactDays, List<UUID> affectedMilestones, String impactIfNotApproved,
		GateDecision status, String decisionReason, Instant decidedAt, Actor decidedBy, Instant submittedAt,
		Actor submittedBy, ClientRequest request) {

	/**
	 * Whether it still waits for a decision: submitted, or deferred.
	 * @return {@code true} until approved or rejected
	 */
	public boolean open() {
		return this.status == null || this.status == GateDecision.DEFERRED;
	}

	ChangeRequest decided(GateDecision decision, String reason, Actor actor, Instant now) {
		return new ChangeRequest(this.id, this.number, this.title, this.category, this.justification, this.costImpact,
				this.scheduleImpactDays, this.affectedMilestones, this.impactIfNotApproved, decision, reason, now,
				actor, this.submittedAt, this.submittedBy, this.request);
	}

	/**
	 * A change request asked for.
	 *
	 * @param title what it asks for
	 * @param category what it changes
	 * @param justification why
	 * @param costImpact the cost impact, or {@code null} for none
	 * @param costCurrency the currency of the cost impact, or {@code null}
	 * @param scheduleImpactDays the schedule impact in days
	 * @param affectedMilestones the milestones it moves or touches
	 * @param impactIfNotApproved what happens without it, or {@code null}
	 */
	public record Submission(String title, ChangeCategory category, String justification, BigDecimal costImpact,
			String costCurrency, int scheduleImpactDays, List<UUID> affectedMilestones, String impactIfNotApproved) {
	}

}
