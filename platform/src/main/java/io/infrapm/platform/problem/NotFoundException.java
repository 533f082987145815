package io.infrapm.platform.problem;

/**
 * Answered with 404: the resource does not exist.
 */
public class NotFoundException extends ProblemException {

	/**
	 * Creates the exception.
	 * @param field the request field at fault, or {@code null}
	 * @param message the reason, phrased for the client
	 */
	public NotFoundException(String field, String message) {
		super(field, message);
	}

}
