package io.infrapm.contracts.project;

/**
 * Why a milestone's date does not fit the schedule.
 */
public enum ScheduleConflictKind {

	/** It is due before a milestone it depends on (finish-to-start) is. */
	DEPENDENCY,

	/** It is a cutover inside a change freeze. */
	CHANGE_FREEZE,

	/** It is a cutover outside every maintenance window. */
	OUTSIDE_MAINTENANCE_WINDOW

}
