package io.infrapm.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The few HTTP calls the end-to-end scenarios and the probe make, with nothing but the
 * JDK's client, as any consumer of the public API would: with an access token the
 * platform's issuer gave after a login, by default that of {@value #MANAGER}, a project
 * manager.
 */
final class SkeletonHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** How long an effect may take to travel through Kafka to another service. */
	static final Duration PROPAGATION = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	/** The project manager who starts the scenarios' projects. */
	static final String MANAGER = "pat@example.com";

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	private final Platform platform;

	SkeletonHttp(Platform platform) {
		this.platform = platform;
	}

	/**
	 * An access token of a user, logged in once per instance.
	 * @param email the user
	 * @param roles the platform roles the user is given
	 * @return the token
	 */
	String tokenOf(String email, String... roles) {
		return this.tokens.computeIfAbsent(email + " " + String.join(",", roles),
				(key) -> this.platform.accessToken(email, roles));
	}

	private String managerToken() {
		return tokenOf(MANAGER, "PROJECT_MANAGER");
	}

	/**
	 * A creation request for a data-centre migration with the given stakeholders.
	 * @param code the project code
	 * @param stakeholderEmails one stakeholder per address
	 * @return the JSON body
	 */
	static String newProject(String code, List<String> stakeholderEmails) {
		String stakeholders = stakeholderEmails.stream()
			.map((email) -> "{\"name\":\"" + email.substring(0, email.indexOf('@')) + "\",\"email\":\"" + email
					+ "\",\"role\":\"ENGINEER\"}")
			.collect(Collectors.joining(","));
		return """
				{"code":"%s","name":"Migration %s","category":"DATA_CENTRE_MIGRATION",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "budget":{"amount":1250000.00,"currency":"EUR"},"stakeholders":[%s]}
				""".formatted(code, code, stakeholders);
	}

	/**
	 * A project code no other test uses.
	 * @return e.g. {@code E2E-1A2B3C4D}
	 */
	static String uniqueCode() {
		return "E2E-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
	}

	/**
	 * Create a project with one stakeholder and wait until budget-service, risk-service
	 * and the mailbox show its effects.
	 * @param code the project code
	 * @param email the stakeholder's address
	 * @return the project id
	 */
	String createAndAwaitEveryEffect(String code, String email) {
		HttpResponse<String> created = post("project-service", "/api/projects", newProject(code, List.of(email)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JsonPath.read(created.body(), "$.id");
		await().atMost(PROPAGATION).untilAsserted(() -> {
			assertThat(get("budget-service", "/api/projects/" + id + "/budget").statusCode()).isEqualTo(200);
			assertThat(get("risk-service", "/api/projects/" + id + "/risks").statusCode()).isEqualTo(200);
			assertThat(this.platform.mailbox().messagesTo(email)).hasSize(1);
		});
		return id;
	}

	/**
	 * How many e-mails notification-service's delivery log lists for an address.
	 * @param email the recipient
	 * @return the count
	 */
	int notificationsOf(String email) {
		HttpResponse<String> response = get("notification-service", "/api/deliveries?channel=EMAIL&recipient=" + email,
				tokenOf(email, "STAKEHOLDER"));
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.<Integer>read(response.body(), "$.totalItems");
	}

	HttpResponse<String> post(String service, String path, String json) {
		return send(HttpRequest.newBuilder(uri(service, path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + managerToken())
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	HttpResponse<String> get(String service, String path) {
		return get(service, path, managerToken());
	}

	/**
	 * A GET with a given token.
	 * @param service the service
	 * @param path the path and query
	 * @param token the access token, or {@code null} for none
	 * @return the response
	 */
	HttpResponse<String> get(String service, String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	private URI uri(String service, String path) {
		return URI.create(this.platform.serviceUrl(service) + path);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
