package io.infrapm.contracts;

/**
 * Who caused a change: the authenticated principal of the command (from the access
 * token's {@code sub}, {@code email} and {@code name} claims), or a service acting on its
 * own (a scheduled job, a reaction to another event), whose subject is
 * {@code service:<name>}. Stored with the change and carried in its events.
 *
 * @param subject the token's subject, or {@code service:<name>}
 * @param email the e-mail address, or {@code null} (services and machine clients)
 * @param name the display name
 */
public record Actor(String subject, String email, String name) {

	/** Prefix of the subject of a service acting on its own. */
	public static final String SERVICE_PREFIX = "service:";

	/**
	 * A service acting on its own.
	 * @param service the service's name, e.g. {@code budget-service}
	 * @return the actor
	 */
	public static Actor service(String service) {
		return new Actor(SERVICE_PREFIX + service, null, service);
	}

}
