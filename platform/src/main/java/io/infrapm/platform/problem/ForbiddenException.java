package io.infrapm.platform.problem;

/**
 * Answered with 403: the caller may see the resource but not do this to it, e.g. a
 * project's member changing its plan without being its manager. A caller who may not even
 * see the project gets {@link NotFoundException} instead, so that nobody learns which
 * projects exist.
 */
public class ForbiddenException extends ProblemException {

	/**
	 * Creates the exception.
	 * @param field the request field at fault, or {@code null}
	 * @param message the reason, phrased for the client
	 */
	public ForbiddenException(String field, String message) {
		super(field, message);
	}

}
