package io.infrapm.embedded;

/**
 * The platform could not start. The message is written for the developer at the terminal:
 * it says what is wrong and what to do about it (stop the other InfraPM, free a port,
 * build the jars, read a service's log, whose last lines it includes).
 */
public class PlatformStartException extends EmbeddedInfrastructureException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message what is wrong and what to do
	 */
	public PlatformStartException(String message) {
		super(message);
	}

	/**
	 * Create a new exception with an underlying cause.
	 * @param message what is wrong and what to do
	 * @param cause the underlying failure
	 */
	public PlatformStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
