package io.infrapm.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries as <a href="https://www.standardwebhooks.com">Standard
 * Webhooks</a> prescribes, so that a receiver can check with any of that specification's
 * libraries that a request comes from InfraPM, unchanged and recently: an HMAC-SHA256,
 * keyed with the subscription's secret, over {@code {id}.{timestamp}.{body}}, sent as
 * {@code webhook-signature: v1,<base64>} next to {@code webhook-id} and
 * {@code webhook-timestamp}. The id is the delivery's, the same on every retry, so a
 * receiver can drop duplicates; the timestamp is the attempt's, so a captured request
 * cannot be replayed later than the receiver's tolerance.
 * <p>
 * Secrets are {@code whsec_} followed by the base64 of the key bytes. An instance holds
 * one key and is immutable and thread-safe.
 */
public final class WebhookSignature {

	/** The header naming the delivery, stable across retries. */
	public static final String ID_HEADER = "webhook-id";

	/** The header carrying the attempt's time, in unix seconds. */
	public static final String TIMESTAMP_HEADER = "webhook-timestamp";

	/** The header carrying one or more space-separated {@code v1,<base64>} signatures. */
	public static final String SIGNATURE_HEADER = "webhook-signature";

	/** What every secret starts with, so that it is recognisable in logs and scanners. */
	public static final String SECRET_PREFIX = "whsec_";

	/**
	 * How far a timestamp may be from the receiver's clock, in either direction, as the
	 * specification recommends.
	 */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	/** Key length of generated secrets: that of the HMAC-SHA256 output. */
	static final int SECRET_BYTES = 32;

	private static final String VERSION = "v1";

	private static final String ALGORITHM = "HmacSHA256";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	private WebhookSignature(byte[] key) {
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	/**
	 * The signature of a secret.
	 * @param secret {@code whsec_<base64>}; the bare base64 is also taken, since other
	 * Standard Webhooks implementations accept it
	 * @return the signature
	 * @throws IllegalArgumentException if the secret is empty or not base64, since
	 * signing with a key other than the one the receiver holds would fail every delivery
	 */
	public static WebhookSignature of(String secret) {
		Objects.requireNonNull(secret, "secret");
		String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("a webhook secret must be " + SECRET_PREFIX + " and base64", ex);
		}
		if (key.length == 0) {
			throw new IllegalArgumentException("a webhook secret must not be empty");
		}
		return new WebhookSignature(key);
	}

	/**
	 * A new random secret for a subscription, shown to its owner once.
	 * @return {@code whsec_} and the base64 of 32 bytes from a {@link SecureRandom}
	 */
	public static String generateSecret() {
		byte[] key = new byte[SECRET_BYTES];
		RANDOM.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/**
	 * The signature of one attempt.
	 * @param id the delivery id ({@code webhook-id})
	 * @param timestamp the attempt's time, truncated to seconds
	 * ({@code webhook-timestamp})
	 * @param body the exact body sent, as UTF-8
	 * @return {@code v1,<base64 HMAC-SHA256>}, the value of {@code webhook-signature}
	 */
	public String sign(String id, Instant timestamp, String body) {
		return VERSION + "," + mac(id, Long.toString(timestamp.getEpochSecond()), body);
	}

	/**
	 * The three signature headers of one attempt, so that sender and tests cannot
	 * disagree on their names or on the timestamp they sign.
	 * @param id the delivery id
	 * @param timestamp the attempt's time
	 * @param body the exact body sent, as UTF-8
	 * @return {@code webhook-id}, {@code webhook-timestamp} and
	 * {@code webhook-signature}, in that order
	 */
	public Map<String, String> headers(String id, Instant timestamp, String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(ID_HEADER, id);
		headers.put(TIMESTAMP_HEADER, Long.toString(timestamp.getEpochSecond()));
		headers.put(SIGNATURE_HEADER, sign(id, timestamp, body));
		return headers;
	}

	/**
	 * Checks a received request with the {@linkplain #DEFAULT_TOLERANCE default
	 * tolerance}, as a receiver would.
	 * @param id the {@code webhook-id} header
	 * @param timestamp the {@code webhook-timestamp} header
	 * @param body the body received, as UTF-8
	 * @param signatures the {@code webhook-signature} header
	 * @param clock the receiver's clock
	 * @return whether the request is authentic and recent
	 * @see #verify(String, String, String, String, Clock, Duration)
	 */
	public boolean verify(String id, String timestamp, String body, String signatures, Clock clock) {
		return verify(id, timestamp, body, signatures, clock, DEFAULT_TOLERANCE);
	}

	/**
	 * Checks a received request, as a receiver would: its timestamp must be within the
	 * tolerance of the clock and one of its {@code v1} signatures (a sender rotating its
	 * secret sends one per key) must match. Signatures are compared in constant time, so
	 * that the time taken tells an attacker nothing about how much of a guess was right.
	 * @param id the {@code webhook-id} header
	 * @param timestamp the {@code webhook-timestamp} header, unix seconds
	 * @param body the body received, as UTF-8
	 * @param signatures the {@code webhook-signature} header: space-separated
	 * {@code version,signature} pairs; versions other than {@code v1} are ignored
	 * @param clock the receiver's clock
	 * @param tolerance how far the timestamp may be from the clock, either way
	 * @return whether the request is authentic and recent; {@code false} for any missing
	 * or malformed header
	 */
	public boolean verify(String id, String timestamp, String body, String signatures, Clock clock,
			Duration tolerance) {
		if (id == null || timestamp == null || body == null || signatures == null) {
			return false;
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return false;
		}
		long now = clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > tolerance.toSeconds()) {
			return false;
		}
		byte[] expected = mac(id, Long.toString(seconds), body).getBytes(StandardCharsets.US_ASCII);
		boolean matched = false;
		for (String candidate : signatures.strip().split(" +")) {
			int comma = candidate.indexOf(',');
			if (comma < 0 || !VERSION.equals(candidate.substring(0, comma))) {
				continue;
			}
			byte[] given = candidate.substring(comma + 1).getBytes(StandardCharsets.US_ASCII);
			// No early exit either: every candidate is compared.
			matched |= MessageDigest.isEqual(expected, given);
		}
		return matched;
	}

	private String mac(String id, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signed);
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA256 is required of every Java platform.
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		// Never the key: instances end up in log lines and exception messages.
		return "WebhookSignature[v1, HMAC-SHA256]";
	}

}
