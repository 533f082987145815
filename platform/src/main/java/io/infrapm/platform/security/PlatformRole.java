package io.infrapm.platform.security;

/**
 * The platform roles a token's {@code roles} claim may hold (DESIGN.md §7). What a caller
 * may do on one project depends also on the project's own stakeholder list.
 */
public enum PlatformRole {

	/** Everything, on every project. */
	PORTFOLIO_MANAGER,

	/** May start projects; manages the projects that name them as manager. */
	PROJECT_MANAGER,

	/** Reads the whole portfolio; decides as sponsor where a project names them. */
	EXECUTIVE,

	/** Sees the projects whose stakeholder list names them: the default. */
	STAKEHOLDER

}
