package io.infrapm.platform.problem;

/**
 * Answered with 422: the request is well-formed but breaks a business rule.
 */
public class RuleViolationException extends ProblemException {

	/**
	 * Creates the exception.
	 * @param field the request field at fault, or {@code null}
	 * @param message the reason, phrased for the client
	 */
	public RuleViolationException(String field, String message) {
		super(field, message);
	}

}
