package io.infrapm.platform.problem;

/**
 * A request that cannot be carried out for a reason the client can act on. Thrown by
 * domain and application code; the web edge turns it into an RFC 9457 problem response
 * with the status of its subclass. Kept free of web types so the domain may throw it.
 */
public abstract class ProblemException extends RuntimeException {

	private final String field;

	/**
	 * Creates the exception.
	 * @param field the request field at fault, or {@code null}
	 * @param message the reason, phrased for the client
	 */
	protected ProblemException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The request field at fault.
	 * @return the field name (dotted path), or {@code null} if the problem is not about
	 * one field
	 */
	public String field() {
		return this.field;
	}

}
