package io.infrapm.project.portfolio;

import java.util.List;

import io.infrapm.contracts.project.StakeholderRole;

/**
 * The command to start a project.
 *
 * @param plan what the project is and when it runs
 * @param budget the approved budget
 * @param stakeholders who must be kept informed
 */
public record NewProject(ProjectPlan plan, Money budget, List<NewStakeholder> stakeholders) {

	/**
	 * A stakeholder named when the project starts.
	 *
	 * @param name the display name
	 * @param email the e-mail address
	 * @param role the role
	 * @param organisation the organisation they belong to, or {@code null}
	 * @param receivesReports whether status reports go to them; {@code null} for yes
	 */
	public record NewStakeholder(String name, String email, StakeholderRole role, String organisation,
			Boolean receivesReports) {
	}

}
