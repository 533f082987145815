package io.infrapm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests with a bearer token and JSON bodies, one at a time, for the portfolio probe:
 * the calls that make budget-service write a sample of each document, and the timed reads
 * of the summary. Numbers in answers are read as {@link java.math.BigDecimal}, so money
 * is compared exactly.
 */
final class JsonHttp {

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body as it came
	 * @param location the {@code Location} header, or {@code null}
	 * @param micros from sending the request to the last byte of the body
	 */
	record Answer(int status, String body, String location, long micros) {

		/**
		 * The id at the end of the {@code Location} header.
		 * @return the id
		 */
		UUID createdId() {
			if (this.location == null) {
				throw new IllegalStateException("No Location in the answer " + this.status + ": " + this.body);
			}
			return UUID.fromString(this.location.substring(this.location.lastIndexOf('/') + 1));
		}

	}

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * Sends a {@code POST} and expects {@code 201}.
	 * @param url where
	 * @param token the caller's access token
	 * @param json the body
	 * @return the answer
	 * @throws IOException if it fails or the answer is not 201
	 * @throws InterruptedException if interrupted
	 */
	Answer create(URI url, String token, String json) throws IOException, InterruptedException {
		Answer answer = send(HttpRequest.newBuilder(url)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), token);
		if (answer.status() != 201) {
			throw new IOException("POST " + url + " answered " + answer.status() + ": " + answer.body());
		}
		return answer;
	}

	/**
	 * Sends a {@code GET}.
	 * @param url where
	 * @param token the caller's access token
	 * @return the answer, whatever its status
	 * @throws IOException if it fails
	 * @throws InterruptedException if interrupted
	 */
	Answer get(URI url, String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(url).GET(), token);
	}

	private Answer send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
		HttpRequest built = request.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.build();
		long started = System.nanoTime();
		HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
		long micros = (System.nanoTime() - started) / 1000;
		return new Answer(response.statusCode(), response.body(),
				response.headers().firstValue("Location").orElse(null), micros);
	}

	/**
	 * Reads an answer's body.
	 * @param answer the answer
	 * @return its JSON
	 */
	static JsonNode tree(Answer answer) {
		return JSON.readTree(answer.body());
	}

}
