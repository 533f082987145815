package io.infrapm.embedded;

/**
 * What a failure that came wrapped in layers is about. The broker wraps one in several
 * ("fatal error while waiting for the acceptors"), as Spring does ("Failed to start bean
 * 'webServerStartStop'"); the innermost one says what is actually wrong ("Address already
 * in use").
 */
final class Causes {

	private Causes() {
	}

	/**
	 * The innermost cause's message, or the cause itself where it has none.
	 * @param failure the failure as it was thrown
	 * @return what went wrong, in the innermost cause's words
	 */
	static String innermostMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
	}

}
