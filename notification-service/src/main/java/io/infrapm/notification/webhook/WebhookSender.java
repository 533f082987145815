package io.infrapm.notification.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed webhook attempt and reports its outcome; retries, backoff and the
 * delivery log are the caller's. The request is a POST of the given JSON with the
 * {@linkplain WebhookSignature Standard Webhooks headers}, {@code content-type:
 * application/json} and {@code user-agent: InfraPM-Webhooks/1}.
 * <p>
 * A receiver is somebody else's server, so nothing it does may hurt the service: the
 * sender connects only to addresses the {@link AddressGuard} vetted at connection time,
 * follows no redirect (a 3xx is a failure), bounds the connection, each wait for the
 * response and the whole attempt, and reads at most
 * {@linkplain WebhookSettings#maxResponseBytes() a few KiB} of the answer before dropping
 * the connection. No attempt throws: every failure is a {@link WebhookResult}.
 * <p>
 * Thread-safe; one instance serves all deliveries over a pool of connections, and is
 * {@linkplain #close() closed} with the application.
 */
public class WebhookSender implements AutoCloseable {

	/**
	 * The {@code user-agent} of every attempt, so receivers can recognise and allow it.
	 */
	public static final String USER_AGENT = "InfraPM-Webhooks/1";

	/** Without a charset parameter: JSON is UTF-8 by definition (RFC 8259). */
	private static final ContentType JSON = ContentType.create("application/json");

	private final WebhookSettings settings;

	private final AddressGuard guard;

	private final Clock clock;

	private final CloseableHttpClient client;

	/** Cancels attempts that outlive the total timeout; one daemon thread. */
	private final ScheduledThreadPoolExecutor deadlines;

	/**
	 * A sender that stamps attempts with the system clock.
	 * @param settings timeouts and limits
	 * @param guard which addresses may be called
	 */
	public WebhookSender(WebhookSettings settings, AddressGuard guard) {
		this(settings, guard, Clock.systemUTC());
	}

	/**
	 * A sender.
	 * @param settings timeouts and limits
	 * @param guard which addresses may be called
	 * @param clock the time put in {@code webhook-timestamp}
	 */
	public WebhookSender(WebhookSettings settings, AddressGuard guard, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.guard = Objects.requireNonNull(guard, "guard");
		this.clock = Objects.requireNonNull(clock, "clock");
		Timeout connect = Timeout.of(settings.connectTimeout());
		Timeout response = Timeout.of(settings.responseTimeout());
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(connect)
			.setSocketTimeout(response)
			// A kept connection goes back through the guard after a minute at most.
			.setTimeToLive(TimeValue.ofMinutes(1))
			.build();
		RequestConfig requests = RequestConfig.custom()
			.setConnectionRequestTimeout(connect)
			.setResponseTimeout(response)
			.setRedirectsEnabled(false)
			.setAuthenticationEnabled(false)
			.setExpectContinueEnabled(false)
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new VettedDnsResolver(guard))
				.setDefaultConnectionConfig(connections)
				.setMaxConnTotal(64)
				.setMaxConnPerRoute(8)
				.build())
			.setDefaultRequestConfig(requests)
			.setUserAgent(USER_AGENT)
			.disableRedirectHandling()
			// Retrying is the dispatcher's decision, with its backoff and its log.
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
		this.deadlines = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "webhook-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		this.deadlines.setRemoveOnCancelPolicy(true);
	}

	/**
	 * The longest one {@link #send} can take once the host is resolved, so that a
	 * dispatcher can claim a delivery for at least that long.
	 * @return the total timeout
	 */
	public Duration longestSend() {
		return this.settings.totalTimeout();
	}

	/**
	 * Makes one attempt.
	 * @param url the receiver; vetted by the guard before and again while connecting
	 * @param secret the subscription's {@code whsec_} secret
	 * @param webhookId the delivery id, the same on every attempt of one delivery
	 * @param body the JSON to send (the CloudEvent), signed and sent as UTF-8
	 * @return delivered on a 2xx answer, otherwise why not
	 * @throws IllegalArgumentException if the secret is malformed, which no retry mends
	 */
	public WebhookResult send(URI url, String secret, String webhookId, String body) {
		Objects.requireNonNull(webhookId, "webhookId");
		Objects.requireNonNull(body, "body");
		WebhookSignature signature = WebhookSignature.of(secret);
		long started = System.nanoTime();
		try {
			// Up front as well, for a clear refusal before any connection and for the
			// checks of scheme and credentials, which the resolver cannot make.
			this.guard.vet(url);
		}
		catch (UnsafeWebhookAddressException ex) {
			return WebhookResult.failed("refused: " + ex.getMessage(), since(started));
		}
		catch (UnknownHostException ex) {
			return WebhookResult.failed("unknown host " + url.getHost(), since(started));
		}
		HttpPost post = new HttpPost(url);
		signature.headers(webhookId, this.clock.instant(), body).forEach(post::setHeader);
		post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), JSON));
		AtomicBoolean expired = new AtomicBoolean();
		ScheduledFuture<?> deadline = this.deadlines.schedule(() -> {
			expired.set(true);
			post.cancel();
		}, this.settings.totalTimeout().toNanos(), TimeUnit.NANOSECONDS);
		try {
			ClassicHttpResponse response;
			try {
				response = this.client.executeOpen(null, post, HttpClientContext.create());
			}
			catch (IOException ex) {
				String reason = expired.get() ? "timed out after " + this.settings.totalTimeout().toMillis() + " ms"
						: reasonOf(ex);
				return WebhookResult.failed(reason, since(started));
			}
			try {
				int status = response.getCode();
				discardBody(response, post);
				return WebhookResult.answered(status, since(started));
			}
			finally {
				closeQuietly(response);
			}
		}
		finally {
			deadline.cancel(false);
		}
	}

	/**
	 * Reads the answer's body up to the limit, so that a short answer leaves the
	 * connection reusable, and drops the connection rather than read a longer one (the
	 * client would otherwise read it to the end when the response is closed).
	 */
	private void discardBody(ClassicHttpResponse response, HttpPost post) {
		HttpEntity entity = response.getEntity();
		if (entity == null) {
			return;
		}
		try {
			InputStream content = entity.getContent();
			byte[] buffer = new byte[8192];
			long left = this.settings.maxResponseBytes();
			while (left > 0) {
				int read = content.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read < 0) {
					return;
				}
				left -= read;
			}
			if (content.read() >= 0) {
				post.cancel();
			}
		}
		catch (IOException ex) {
			// The status is in; an answer broken off afterwards changes nothing.
			post.cancel();
		}
	}

	private static void closeQuietly(ClassicHttpResponse response) {
		try {
			response.close();
		}
		catch (IOException ex) {
			// The connection is discarded either way.
		}
	}

	private static String reasonOf(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnsafeWebhookAddressException refusal) {
				return "refused: " + refusal.getMessage();
			}
		}
		if (ex instanceof ConnectTimeoutException) {
			return "timed out connecting";
		}
		if (ex instanceof HttpHostConnectException || ex instanceof ConnectException) {
			String message = String.valueOf((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage());
			return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused"
					: "could not connect: " + message;
		}
		if (ex instanceof SocketTimeoutException) {
			return "timed out waiting for the response";
		}
		if (ex instanceof UnknownHostException) {
			return "unknown host " + ex.getMessage();
		}
		if (ex instanceof SSLException) {
			return "TLS failed: " + ex.getMessage();
		}
		if (ex instanceof NoHttpResponseException) {
			return "no response";
		}
		return "failed: " + ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
	}

	private static Duration since(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/**
	 * Closes the connections and stops the deadline thread; attempts in flight fail.
	 */
	@Override
	public void close() {
		this.deadlines.shutdownNow();
		this.client.close(CloseMode.IMMEDIATE);
	}

}
