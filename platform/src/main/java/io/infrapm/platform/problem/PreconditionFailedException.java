package io.infrapm.platform.problem;

/**
 * Answered with 412: the {@code If-Match} version is not the current one.
 */
public class PreconditionFailedException extends ProblemException {

	/**
	 * Creates the exception.
	 * @param field the request field at fault, or {@code null}
	 * @param message the reason, phrased for the client
	 */
	public PreconditionFailedException(String field, String message) {
		super(field, message);
	}

}
