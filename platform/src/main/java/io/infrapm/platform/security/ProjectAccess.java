package io.infrapm.platform.security;

import java.util.UUID;

import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;

/**
 * What one caller may do on one project (DESIGN.md §7), decided from the token's platform
 * roles and the project's own stakeholder list:
 * <ul>
 * <li><b>read</b>: portfolio managers, executives, and the project's members (its
 * manager, its sponsor, every stakeholder);</li>
 * <li><b>manage</b> (change plans): portfolio managers and the project's manager;</li>
 * <li><b>decide</b> (approve gates and change requests): portfolio managers, the sponsor
 * and stakeholders in the {@code SPONSOR} or {@code STEERING_COMMITTEE} role;</li>
 * <li><b>budget</b> (see its money): portfolio managers, executives, the project's
 * manager and sponsor, and stakeholders in the {@code SPONSOR},
 * {@code STEERING_COMMITTEE}, {@code EXECUTIVE} or {@code FINANCE} role; a member who is
 * only a {@code VENDOR} learns that there is no budget at all (404), other members that
 * they may not see it (403).</li>
 * </ul>
 * A caller who may not read a project learns nothing about it: the {@code require}
 * methods answer them exactly as if the project did not exist. A reader who may not do
 * more gets 403.
 *
 * @param projectId the project
 * @param read whether the caller may see the project and its resources
 * @param manage whether the caller may change its plans
 * @param decide whether the caller may approve its gates and change requests
 * @param budget whether the caller may see its money
 * @param onlyVendor whether the caller's only tie to the project is being its vendor
 */
public record ProjectAccess(UUID projectId, boolean read, boolean manage, boolean decide, boolean budget,
		boolean onlyVendor) {

	/**
	 * No access at all, e.g. to a project this service does not know.
	 * @param projectId the project
	 * @return an access that allows nothing
	 */
	public static ProjectAccess none(UUID projectId) {
		return new ProjectAccess(projectId, false, false, false, false, false);
	}

	/**
	 * The answer to a project that does not exist, and to one the caller may not see.
	 * @param projectId the project
	 * @return the 404
	 */
	public static NotFoundException notFound(UUID projectId) {
		return new NotFoundException(null, "project " + projectId + " does not exist");
	}

	/**
	 * Lets a reader through.
	 * @return this access
	 * @throws NotFoundException if the caller may not see the project
	 */
	public ProjectAccess requireRead() {
		if (!this.read) {
			throw notFound(this.projectId);
		}
		return this;
	}

	/**
	 * Lets the project's manager (or a portfolio manager) through.
	 * @return this access
	 * @throws NotFoundException if the caller may not see the project
	 * @throws ForbiddenException if they may see it but not change it
	 */
	public ProjectAccess requireManage() {
		requireRead();
		if (!this.manage) {
			throw new ForbiddenException(null,
					"only the manager of project " + this.projectId + " (or a portfolio manager) may change it");
		}
		return this;
	}

	/**
	 * Lets a decider (sponsor, steering committee, portfolio manager) through.
	 * @return this access
	 * @throws NotFoundException if the caller may not see the project
	 * @throws ForbiddenException if they may see it but not decide on it
	 */
	public ProjectAccess requireDecide() {
		requireRead();
		if (!this.decide) {
			throw new ForbiddenException(null, "only the sponsor or a steering-committee member of project "
					+ this.projectId + " may decide this");
		}
		return this;
	}

	/**
	 * Lets a reader of the project's money through.
	 * @return this access
	 * @throws NotFoundException if the caller may not see the project, or is only its
	 * vendor
	 * @throws ForbiddenException if they see the project but not its budget
	 */
	public ProjectAccess requireBudget() {
		requireRead();
		if (this.onlyVendor) {
			throw notFound(this.projectId);
		}
		if (!this.budget) {
			throw new ForbiddenException(null, "only the manager, the sponsor, the steering committee, executives and "
					+ "finance see the budget of project " + this.projectId);
		}
		return this;
	}

	/**
	 * Lets the project's manager (or a portfolio manager) through to change its money.
	 * @return this access
	 * @throws NotFoundException if the caller may not see the project or its budget at
	 * all
	 * @throws ForbiddenException if they may not change it
	 */
	public ProjectAccess requireBudgetManage() {
		if (!this.manage) {
			requireBudget();
		}
		return requireManage();
	}

}
