package io.infrapm.notification.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Keeps webhooks from being aimed at the service's own machine or network (server-side
 * request forgery): whoever registers a webhook chooses the URL, and without this guard
 * could have the service POST to its database, its actuator or the cloud provider's
 * metadata endpoint, and read the outcome in the delivery log.
 * <p>
 * A URL must use {@code https} ({@code http} only where
 * {@linkplain WebhookSettings#allowHttp() configured}), carry no credentials, and name a
 * host whose addresses are all public. A host with one public and one private address is
 * refused, since which one a connection uses is not up to the guard. Loopback and private
 * network addresses are accepted only where configured; link-local, cloud metadata,
 * unspecified, multicast, broadcast and reserved addresses never are, nor are IPv6 forms
 * that embed such an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 * <p>
 * A check at registration does not protect a later delivery: the host's DNS may then
 * answer differently. {@link WebhookSender} therefore vets again when it connects and
 * connects only to the addresses vetted then.
 */
public final class AddressGuard {

	/**
	 * Resolves a host name to its addresses; a port, so that tests can make any name
	 * resolve to any address.
	 */
	@FunctionalInterface
	public interface Resolver {

		/**
		 * The addresses of a host.
		 * @param host a host name or an IP literal (IPv6 without brackets)
		 * @return its addresses, at least one
		 * @throws UnknownHostException if it has none
		 */
		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	private final WebhookSettings settings;

	private final Resolver resolver;

	/**
	 * A guard that resolves with the system's resolver
	 * ({@link InetAddress#getAllByName}).
	 * @param settings which schemes and address kinds are allowed
	 */
	public AddressGuard(WebhookSettings settings) {
		this(settings, InetAddress::getAllByName);
	}

	/**
	 * A guard that resolves with the given resolver.
	 * @param settings which schemes and address kinds are allowed
	 * @param resolver how host names are resolved
	 */
	public AddressGuard(WebhookSettings settings, Resolver resolver) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.resolver = Objects.requireNonNull(resolver, "resolver");
	}

	/**
	 * Vets a webhook URL: its scheme, the absence of credentials, and every address its
	 * host resolves to now.
	 * @param url the webhook URL
	 * @return the host's addresses, all allowed, in the resolver's order
	 * @throws UnsafeWebhookAddressException if the URL or any address is refused
	 * @throws UnknownHostException if the host does not resolve, which may pass (a caller
	 * registering a webhook may want to refuse it, one delivering may retry)
	 */
	public List<InetAddress> vet(URI url) throws UnknownHostException {
		return vetHost(hostOf(url));
	}

	/**
	 * Vets a host: every address it resolves to now must be allowed. This is the check
	 * made at connection time, when the URL itself was vetted already.
	 * @param host a host name or an IP literal (IPv6 with or without brackets)
	 * @return the host's addresses, all allowed, in the resolver's order
	 * @throws UnsafeWebhookAddressException if any address is refused
	 * @throws UnknownHostException if the host does not resolve
	 */
	public List<InetAddress> vetHost(String host) throws UnknownHostException {
		String name = unbracketed(Objects.requireNonNull(host, "host"));
		InetAddress[] addresses = this.resolver.resolve(name);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException(name);
		}
		for (InetAddress address : addresses) {
			Kind kind = classify(address);
			if (!allows(kind)) {
				String literal = address.getHostAddress();
				throw new UnsafeWebhookAddressException(literal.equalsIgnoreCase(name) ? literal + " is " + kind.phrase
						: "host " + name + " resolves to " + literal + ", " + kind.phrase);
			}
		}
		return List.copyOf(Arrays.asList(addresses));
	}

	/**
	 * The host of a URL whose scheme and authority are acceptable.
	 * @param url the webhook URL
	 * @return its host, IPv6 literals without brackets
	 * @throws UnsafeWebhookAddressException if the scheme is not allowed, the URL carries
	 * credentials or has no host
	 */
	String hostOf(URI url) {
		Objects.requireNonNull(url, "url");
		if (!url.isAbsolute() || url.isOpaque()) {
			throw new UnsafeWebhookAddressException("must be an absolute " + schemes() + " URL");
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(scheme.equals("http") && this.settings.allowHttp())) {
			throw new UnsafeWebhookAddressException("must use " + schemes() + ", not " + url.getScheme());
		}
		String authority = url.getRawAuthority();
		if (url.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
			// Credentials in a URL end up in logs and in the delivery log shown to users.
			throw new UnsafeWebhookAddressException("must not contain a user name or password");
		}
		String host = url.getHost();
		if (host == null || host.isBlank()) {
			throw new UnsafeWebhookAddressException("must name a valid host");
		}
		return unbracketed(host);
	}

	private String schemes() {
		return this.settings.allowHttp() ? "https or http" : "https";
	}

	private boolean allows(Kind kind) {
		return switch (kind) {
			case PUBLIC -> true;
			case LOOPBACK -> this.settings.allowLoopback();
			case PRIVATE, SHARED -> this.settings.allowPrivateNetworks();
			default -> false;
		};
	}

	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * What kind of address this is, as far as reaching it from the service is concerned.
	 * @param address an IPv4 or IPv6 address
	 * @return its kind
	 */
	static Kind classify(InetAddress address) {
		byte[] bytes = address.getAddress();
		return (address instanceof Inet4Address) ? classify4(bytes, 0) : classify6(bytes);
	}

	private static Kind classify4(byte[] bytes, int offset) {
		int a = bytes[offset] & 0xFF;
		int b = bytes[offset + 1] & 0xFF;
		int c = bytes[offset + 2] & 0xFF;
		int d = bytes[offset + 3] & 0xFF;
		if ((a == 169 && b == 254 && c == 169 && d == 254) || (a == 100 && b == 100 && c == 100 && d == 200)
				|| (a == 192 && b == 0 && c == 0 && d == 192)) {
			// AWS, GCP, Azure; Alibaba Cloud; Oracle Cloud.
			return Kind.METADATA;
		}
		if (a == 0) {
			// 0.0.0.0/8, "this network": Linux connects 0.0.0.0 to the local machine.
			return Kind.UNSPECIFIED;
		}
		if (a == 127) {
			return Kind.LOOPBACK;
		}
		if (a == 10 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168)) {
			return Kind.PRIVATE;
		}
		if (a == 100 && (b & 0xC0) == 64) {
			return Kind.SHARED;
		}
		if (a == 169 && b == 254) {
			return Kind.LINK_LOCAL;
		}
		if (a >= 224 && a <= 239) {
			return Kind.MULTICAST;
		}
		if (a >= 240) {
			// 240.0.0.0/4 is reserved; 255.255.255.255 is the limited broadcast.
			return Kind.BROADCAST;
		}
		return Kind.PUBLIC;
	}

	private static Kind classify6(byte[] bytes) {
		if (zero(bytes, 0, 15)) {
			return ((bytes[15] & 0xFF) == 0) ? Kind.UNSPECIFIED
					: ((bytes[15] & 0xFF) == 1) ? Kind.LOOPBACK : classify4(bytes, 12);
		}
		if (zero(bytes, 0, 10) && (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF) {
			// ::ffff:a.b.c.d, IPv4-mapped: the socket connects to a.b.c.d.
			return classify4(bytes, 12);
		}
		if (zero(bytes, 0, 12)) {
			// ::a.b.c.d, the deprecated IPv4-compatible form.
			return classify4(bytes, 12);
		}
		if ((bytes[0] & 0xFF) == 0x00 && (bytes[1] & 0xFF) == 0x64 && (bytes[2] & 0xFF) == 0xFF
				&& (bytes[3] & 0xFF) == 0x9B && zero(bytes, 4, 12)) {
			// 64:ff9b::/96, NAT64: a gateway translates it to the embedded IPv4 address.
			return classify4(bytes, 12);
		}
		if ((bytes[0] & 0xFF) == 0x20 && (bytes[1] & 0xFF) == 0x02) {
			// 2002::/16, 6to4: the embedded IPv4 address is the tunnel's end.
			return classify4(bytes, 2);
		}
		if ((bytes[0] & 0xFF) == 0xFD && bytes[1] == 0 && (bytes[2] & 0xFF) == 0x0E && (bytes[3] & 0xFF) == 0xC2
				&& zero(bytes, 4, 14) && (bytes[14] & 0xFF) == 0x02 && (bytes[15] & 0xFF) == 0x54) {
			// fd00:ec2::254, the AWS metadata endpoint over IPv6.
			return Kind.METADATA;
		}
		if ((bytes[0] & 0xFE) == 0xFC) {
			// fc00::/7, unique local.
			return Kind.PRIVATE;
		}
		if ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xC0) == 0x80) {
			return Kind.LINK_LOCAL;
		}
		if ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xC0) == 0xC0) {
			// fec0::/10, the deprecated site-local addresses.
			return Kind.PRIVATE;
		}
		if ((bytes[0] & 0xFF) == 0xFF) {
			return Kind.MULTICAST;
		}
		return Kind.PUBLIC;
	}

	private static boolean zero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Kinds of address, each with how a refusal names it.
	 */
	enum Kind {

		/** Reachable on the internet: always allowed. */
		PUBLIC("a public address"),

		/** This machine: allowed where configured. */
		LOOPBACK("a loopback address"),

		/** RFC 1918 and RFC 4193 networks: allowed where configured. */
		PRIVATE("a private network address"),

		/** RFC 6598 carrier-grade NAT space: allowed with private networks. */
		SHARED("a carrier-grade NAT address"),

		/** RFC 3927 and fe80::/10: never allowed, where cloud agents listen. */
		LINK_LOCAL("a link-local address"),

		/** A cloud provider's instance metadata endpoint: never allowed. */
		METADATA("a cloud metadata address"),

		/** 0.0.0.0/8 and {@code ::}: never allowed. */
		UNSPECIFIED("an unspecified address"),

		/** Never allowed: a webhook has one receiver. */
		MULTICAST("a multicast address"),

		/** 240.0.0.0/4 with 255.255.255.255: never allowed. */
		BROADCAST("a broadcast or reserved address");

		private final String phrase;

		Kind(String phrase) {
			this.phrase = phrase;
		}

	}

}
