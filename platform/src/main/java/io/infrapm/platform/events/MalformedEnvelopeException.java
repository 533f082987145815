package io.infrapm.platform.events;

/**
 * An incoming record does not carry a valid CloudEvents envelope. Retrying cannot help,
 * so the record goes straight to the dead-letter topic.
 */
public class MalformedEnvelopeException extends PoisonEventException {

	/**
	 * Creates the exception.
	 * @param message what is wrong with the envelope
	 */
	public MalformedEnvelopeException(String message) {
		super(message);
	}

}
