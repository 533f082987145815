package io.infrapm.embedded;

/**
 * Thrown when a piece of embedded infrastructure (Kafka, the MongoDB-wire server, the dev
 * mailbox) cannot start. The message says which one, where, and why, in words meant for
 * the developer who reads it in a terminal or a test report.
 */
public class EmbeddedInfrastructureException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message what failed, for a human
	 * @param cause the underlying failure
	 */
	public EmbeddedInfrastructureException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create a new exception without an underlying cause.
	 * @param message what failed, for a human
	 */
	public EmbeddedInfrastructureException(String message) {
		super(message);
	}

}
