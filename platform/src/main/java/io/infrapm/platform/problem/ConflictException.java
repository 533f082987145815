package io.infrapm.platform.problem;

/**
 * Answered with 409: the request conflicts with the current state, e.g. a unique code
 * already taken.
 */
public class ConflictException extends ProblemException {

	/**
	 * Creates the exception.
	 * @param field the request field at fault, or {@code null}
	 * @param message the reason, phrased for the client
	 */
	public ConflictException(String field, String message) {
		super(field, message);
	}

}
