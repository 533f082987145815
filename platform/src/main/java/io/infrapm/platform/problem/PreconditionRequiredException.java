package io.infrapm.platform.problem;

/**
 * Answered with 428: an update was sent without {@code If-Match}.
 */
public class PreconditionRequiredException extends ProblemException {

	/**
	 * Creates the exception.
	 * @param field the request field at fault, or {@code null}
	 * @param message the reason, phrased for the client
	 */
	public PreconditionRequiredException(String field, String message) {
		super(field, message);
	}

}
