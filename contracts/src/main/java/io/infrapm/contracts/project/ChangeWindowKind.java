package io.infrapm.contracts.project;

/**
 * What a window of the change calendar says about changes to live systems.
 */
public enum ChangeWindowKind {

	/** Changes may be made inside it (and, once a project has any, only inside one). */
	MAINTENANCE_WINDOW,

	/** No changes may be made inside it. */
	CHANGE_FREEZE

}
