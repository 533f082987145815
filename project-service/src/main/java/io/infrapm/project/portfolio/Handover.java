package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.Actor;

/**
 * The hand-over of a project's result to operations: proposed, and revised, by the
 * manager; accepted by an {@code OPERATIONS} stakeholder, after which it no longer
 * changes.
 *
 * @param receivingTeam the team that takes over
 * @param supportModel how the result is supported from go-live
 * @param goLiveDate when operations take over
 * @param runbookUrl where the runbook is
 * @param openItems what is still open, with owners
 * @param revision 1 for the first proposal, one more for each revision
 * @param proposedAt when this revision was proposed
 * @param proposedBy who proposed it
 * @param acceptedAt when it was accepted, or {@code null}
 * @param acceptedBy who accepted it, or {@code null}
 * @param acceptanceNotes the acceptance notes, or {@code null}
 */
public record Handover(String receivingTeam, String supportModel, LocalDate goLiveDate, String runbookUrl,
		List<OpenItem> openItems, int revision, Instant proposedAt, Actor proposedBy, Instant acceptedAt,
		Actor acceptedBy, String acceptanceNotes) {

	/**
	 * Whether operations accepted it.
	 * @return {@code true} once accepted
	 */
	public boolean accepted() {
		return this.acceptedAt != null;
	}

	Handover acceptedBy(Actor actor, String notes, Instant now) {
		return new Handover(this.receivingTeam, this.supportModel, this.goLiveDate, this.runbookUrl, this.openItems,
				this.revision, this.proposedAt, this.proposedBy, now, actor, notes);
	}

	/**
	 * An item still open at hand-over.
	 *
	 * @param description what is left to do
	 * @param owner who does it
	 * @param dueDate by when, or {@code null}
	 */
	public record OpenItem(String description, Person owner, LocalDate dueDate) {
	}

	/**
	 * What the manager proposes.
	 *
	 * @param receivingTeam the team that takes over
	 * @param supportModel how it is supported
	 * @param goLiveDate when operations take over
	 * @param runbookUrl where the runbook is
	 * @param openItems what is still open
	 */
	public record Proposal(String receivingTeam, String supportModel, LocalDate goLiveDate, String runbookUrl,
			List<OpenItem> openItems) {
	}

}
