package io.infrapm.project.portfolio;

import java.util.UUID;

import io.infrapm.contracts.project.StakeholderRole;

/**
 * Someone the project must keep informed.
 *
 * @param id the stakeholder's id within the project
 * @param name the display name
 * @param email the e-mail address, unique within the project (compared
 * case-insensitively)
 * @param role the role, which decides what the stakeholder is told
 * @param organisation the organisation they belong to (a department, a vendor, a
 * customer), or {@code null}
 * @param receivesReports whether the project's status reports go to them; stakeholders
 * stored before it existed receive them
 */
public record Stakeholder(UUID id, String name, String email, StakeholderRole role, String organisation,
		Boolean receivesReports) {

	public Stakeholder {
		receivesReports = (receivesReports == null) || receivesReports;
	}

	/**
	 * A new stakeholder, with its own id.
	 * @param added who, from the command
	 * @return the stakeholder
	 */
	static Stakeholder of(NewProject.NewStakeholder added) {
		return new Stakeholder(UUID.randomUUID(), added.name().strip(), added.email().strip(), added.role(),
				Texts.blankToNull(added.organisation()), added.receivesReports());
	}

	/**
	 * This stakeholder after a revision.
	 * @param revision what changes; {@code null} fields stay as they are, a blank
	 * organisation is removed
	 * @return the revised stakeholder, equal to this one if nothing changes
	 */
	Stakeholder revisedBy(Revision revision) {
		return new Stakeholder(this.id, (revision.name() != null) ? revision.name().strip() : this.name, this.email,
				(revision.role() != null) ? revision.role() : this.role,
				(revision.organisation() != null) ? Texts.blankToNull(revision.organisation()) : this.organisation,
				(revision.receivesReports() != null) ? revision.receivesReports() : this.receivesReports);
	}

	/**
	 * A change of a stakeholder; {@code null} leaves a field as it is.
	 *
	 * @param name the new display name
	 * @param role the new role
	 * @param organisation the new organisation, blank to remove it
	 * @param receivesReports whether status reports go to them
	 */
	public record Revision(String name, StakeholderRole role, String organisation, Boolean receivesReports) {
	}

}
