package io.infrapm.notification.webhook;

import io.infrapm.platform.problem.RuleViolationException;

/**
 * A webhook URL the service refuses to call, because calling it could reach into the
 * service's own machine or network (SSRF) or expose the delivery: a scheme other than
 * {@code https}, credentials in the URL, or a host that resolves to an address that is
 * not public. A {@link RuleViolationException} on the field {@code url}, so that the web
 * edge answers 422 with {@code url: <reason>}; the reason names the address and its kind
 * so that the subscriber knows what to change.
 */
public class UnsafeWebhookAddressException extends RuleViolationException {

	/** The request field webhook URLs arrive in. */
	public static final String FIELD = "url";

	/**
	 * Creates the exception.
	 * @param reason why the URL is refused, phrased for the subscriber, e.g.
	 * {@code host hooks.example.com resolves to 10.0.0.1, a private network address}
	 */
	public UnsafeWebhookAddressException(String reason) {
		super(FIELD, reason);
	}

}
