package io.infrapm.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls of a service's API as a client makes them, with the JDK's client and a bearer
 * token, for tests that look at status, headers and body as sent.
 */
public final class TestHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The body as a string, except of a live stream (server-sent events), which never
	 * ends: its answer is taken as soon as its headers came, with an empty body.
	 */
	private static final HttpResponse.BodyHandler<String> BODY = (info) -> info.headers()
		.firstValue("Content-Type")
		.filter((type) -> type.startsWith("text/event-stream"))
		.isPresent()
				? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), TestHttp::closed)
				: HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final String baseUrl;

	/**
	 * A client of one service.
	 * @param baseUrl e.g. {@code http://localhost:41234}
	 */
	public TestHttp(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * A GET.
	 * @param path the path and query
	 * @param token the access token, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> get(String path, String token) {
		return send("GET", path, null, token, null);
	}

	/**
	 * A request with a JSON body.
	 * @param method the method
	 * @param path the path and query
	 * @param json the body, or {@code null} for none
	 * @param token the access token, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, String json, String token) {
		return send(method, path, json, token, null);
	}

	/**
	 * A request with a JSON body and a precondition.
	 * @param method the method
	 * @param path the path and query
	 * @param json the body, or {@code null} for none
	 * @param token the access token, or {@code null} for none
	 * @param ifMatch the {@code If-Match} value, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, String json, String token, String ifMatch) {
		return send(method, path, json, token, ifMatch, null);
	}

	/**
	 * A request with a JSON body, a precondition and an idempotency key.
	 * @param method the method
	 * @param path the path and query
	 * @param json the body, or {@code null} for none
	 * @param token the access token, or {@code null} for none
	 * @param ifMatch the {@code If-Match} value, or {@code null} for none
	 * @param idempotencyKey the {@code Idempotency-Key} value, or {@code null} for none
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, String json, String token, String ifMatch,
			String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(TIMEOUT)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		try {
			return this.http.send(request.build(), BODY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String closed(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// Closing is all that is wanted of it.
		}
		return "";
	}

}
