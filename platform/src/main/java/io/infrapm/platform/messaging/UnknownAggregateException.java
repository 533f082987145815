package io.infrapm.platform.messaging;

/**
 * An event is about something this service does not know yet (say, an update of a project
 * whose creation has not been applied here). It is never treated as a duplicate: the
 * record is retried a bounded number of times and then dead-lettered, so that it can be
 * re-driven once what it depends on has arrived.
 */
public class UnknownAggregateException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is not known
	 */
	public UnknownAggregateException(String message) {
		super(message);
	}

}
