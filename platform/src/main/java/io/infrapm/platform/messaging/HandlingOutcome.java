package io.infrapm.platform.messaging;

/**
 * What handling an event did, for metrics and logs.
 */
public enum HandlingOutcome {

	/** The event's effect was applied. */
	APPLIED,
	/**
	 * The effect had already been applied (a redelivery or a replay): nothing changed.
	 */
	DUPLICATE,
	/** The event is of a type this consumer does not handle. */
	IGNORED

}
