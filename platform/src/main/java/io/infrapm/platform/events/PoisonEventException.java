package io.infrapm.platform.events;

/**
 * An incoming event can never be handled (bad JSON, an unknown version of a known type, a
 * broken envelope). It is not retried: the binder sends it to the dead-letter topic at
 * once so it never blocks its partition.
 */
public class PoisonEventException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message why the event cannot be handled
	 */
	public PoisonEventException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message why the event cannot be handled
	 * @param cause the underlying failure
	 */
	public PoisonEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
