package io.infrapm.notification.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered. The defaults are those of a public deployment: only
 * {@code https}, and only to public addresses, so that a subscriber cannot make the
 * service call into its own network (SSRF). The local platform loosens them.
 *
 * @param allowHttp whether plain {@code http} URLs are accepted; off, a receiver's
 * traffic and the signature headers cannot be read on the way
 * @param allowLoopback whether addresses of this machine ({@code 127.0.0.0/8},
 * {@code ::1}) are accepted, as they are when the whole platform runs on one machine
 * @param allowPrivateNetworks whether private network addresses ({@code 10/8},
 * {@code 172.16/12}, {@code 192.168/16}, {@code 100.64/10}, {@code fc00::/7}) are
 * accepted, for receivers inside the same network; link-local, cloud metadata, multicast,
 * broadcast and unspecified addresses are refused whatever this says
 * @param connectTimeout the longest wait for a TCP connection (and for a free pooled one)
 * @param responseTimeout the longest silence while waiting for the response (HTTP
 * client's socket timeout: between two packets, not in total)
 * @param totalTimeout the longest one delivery may take from the first connection attempt
 * to the response headers, however the receiver trickles its bytes; a dispatcher's claim
 * on a delivery must last at least this long
 * @param maxResponseBytes how much of a response body is read before the connection is
 * dropped; a receiver's answer is not used, so more is ignored, never an error
 */
@ConfigurationProperties("infrapm.notification.webhooks")
public record WebhookSettings(@DefaultValue("false") boolean allowHttp, @DefaultValue("false") boolean allowLoopback,
		@DefaultValue("false") boolean allowPrivateNetworks, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration responseTimeout, @DefaultValue("20s") Duration totalTimeout,
		@DefaultValue("65536") int maxResponseBytes) {

	public WebhookSettings {
		requirePositive("connect-timeout", connectTimeout);
		requirePositive("response-timeout", responseTimeout);
		requirePositive("total-timeout", totalTimeout);
		if (maxResponseBytes < 0) {
			throw new IllegalArgumentException(
					"infrapm.notification.webhooks.max-response-bytes must not be negative, not " + maxResponseBytes);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					"infrapm.notification.webhooks." + name + " must be a positive duration, not " + value
							+ ": without it a receiver could hold a sender forever");
		}
	}

}
