package io.infrapm.contracts.risk;

/**
 * Where a mitigation action stands: {@code OPEN} and {@code IN_PROGRESS} are still to be
 * done (and can be overdue), {@code DONE} and {@code CANCELLED} are final.
 */
public enum ActionStatus {

	/** Planned, not started. */
	OPEN,

	/** Under way. */
	IN_PROGRESS,

	/** Done. */
	DONE,

	/** No longer to be done. */
	CANCELLED;

	/**
	 * Whether the action is still to be done.
	 * @return {@code true} for {@code OPEN} and {@code IN_PROGRESS}
	 */
	public boolean pending() {
		return this == OPEN || this == IN_PROGRESS;
	}

}
