package io.infrapm.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's resolver: resolves through the {@link AddressGuard} at the moment of
 * connecting and hands the client only the addresses the guard vetted, so that a host
 * whose DNS answers differently between an earlier check and the connection (DNS
 * rebinding) cannot slip a private address in. TLS still checks the certificate against
 * the host name, which the client keeps.
 */
class VettedDnsResolver implements DnsResolver {

	private final AddressGuard guard;

	VettedDnsResolver(AddressGuard guard) {
		this.guard = guard;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		List<InetAddress> vetted;
		try {
			vetted = this.guard.vetHost(host);
		}
		catch (UnsafeWebhookAddressException ex) {
			// The client expects an I/O failure here; the sender finds the cause.
			throw new RefusedHostException(host, ex);
		}
		return vetted.toArray(InetAddress[]::new);
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		// Only used for Kerberos; a reverse lookup would be one more query an attacker
		// controls, for nothing.
		return host;
	}

	/**
	 * A host the guard refused at connection time, carrying the refusal.
	 */
	static final class RefusedHostException extends UnknownHostException {

		private static final long serialVersionUID = 1L;

		RefusedHostException(String host, UnsafeWebhookAddressException refusal) {
			super(host + ": " + refusal.getMessage());
			initCause(refusal);
		}

		UnsafeWebhookAddressException refusal() {
			return (UnsafeWebhookAddressException) getCause();
		}

	}

}
