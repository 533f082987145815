package io.infrapm.project;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.infrapm.embedded.MalformedBodies;
import io.infrapm.embedded.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/projects} with generated malformed bodies, through the running server:
 * none gets a 5xx, every refusal is a problem that says why and names no Java type, and a
 * refused request stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedProjectRequestsTests {

	/** Fixed, so that a failure names a case that the next run generates again. */
	private static final long SEED = 20_260_101L;

	private static final int CASES = 1_400;

	/** What would tell a client about the implementation. */
	private static final List<String> INTERNALS = List.of("java.", "io.infrapm", "tools.jackson", "org.springframework",
			"com.mongodb", "$", "Exception", "ProjectRequests", "CreateProject", "ReviseProject", "MoneyBody",
			"PersonBody", "StakeholderBody", "LocalDate", "BigDecimal", "ArrayList", "LinkedHashMap");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private MongoTemplate mongo;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("project-service-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void answersEveryMalformedCreationWithAProblemAndStoresNothing() throws Exception {
		String run = "fz" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(send("application/json", MalformedBodies.write(validProject(run + "-valid"))).statusCode())
			.as("the body the cases are made from is valid")
			.isEqualTo(201);
		long before = projects();

		List<String> failures = new ArrayList<>();
		List<String> refusedCodes = new ArrayList<>();
		int accepted = 0;
		for (MalformedBodies.Body body : MalformedBodies.generate((i) -> validProject(run + "-" + i), SEED, CASES)) {
			HttpResponse<String> response = send(body.contentType(), body.content());
			String problem = problemIn(response);
			if (problem != null) {
				failures.add(body + " -> " + response.statusCode() + ": " + problem + " "
						+ response.body().substring(0, Math.min(300, response.body().length())));
			}
			if (response.statusCode() == 201) {
				accepted++;
			}
			else {
				refusedCodes.add(codeOf(body.description()));
			}
		}

		assertThat(failures).as("cases answered wrongly, seed %d", SEED).isEmpty();
		assertThat(refusedCodes).as("at least 1,000 bodies refused").hasSizeGreaterThanOrEqualTo(1_000);
		assertThat(projects()).as("only accepted requests stored a project").isEqualTo(before + accepted);
		assertThat(this.mongo.getCollection("projects")
			.countDocuments(new Document("code", new Document("$in",
					refusedCodes.stream().map((code) -> (run + "-" + code).toUpperCase(Locale.ROOT)).toList()))))
			.as("projects stored by refused requests")
			.isZero();
	}

	/**
	 * What is wrong with an answer, or {@code null} if it is a 2xx or a proper problem.
	 */
	private String problemIn(HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return null;
		}
		if (status < 400 || status >= 500) {
			return "not a 2xx or 4xx";
		}
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (!type.startsWith("application/problem+json")) {
			return "content type '" + type + "'";
		}
		JsonNode problem;
		try {
			problem = this.json.readTree(response.body());
		}
		catch (RuntimeException ex) {
			return "not JSON";
		}
		if (!problem.path("detail").isString() || problem.path("detail").asString().isBlank()) {
			return "no detail";
		}
		for (String internal : INTERNALS) {
			if (response.body().contains(internal)) {
				return "names '" + internal + "'";
			}
		}
		return null;
	}

	/** The case number of a description such as {@code #17 budget.amount := 1E+10000}. */
	private static String codeOf(String description) {
		return description.substring(1, description.indexOf(' '));
	}

	private static Map<String, Object> validProject(String code) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("name", "Frankfurt DC exit");
		body.put("category", "DATA_CENTRE_MIGRATION");
		body.put("methodology", "WATERFALL");
		body.put("plannedStart", "2027-01-04");
		body.put("plannedFinish", "2027-09-30");
		body.put("budget", new LinkedHashMap<>(Map.of("amount", MalformedBodies.raw("1250000.50"), "currency", "EUR")));
		body.put("manager", person("Pat Manager", "pat@example.com"));
		body.put("sponsor", person("Sam Sponsor", "sam@example.com"));
		Map<String, Object> stakeholder = person("Ada Lovelace", "ada@example.com");
		stakeholder.put("role", "ENGINEER");
		body.put("stakeholders", new ArrayList<>(List.of(stakeholder)));
		return body;
	}

	private static Map<String, Object> person(String name, String email) {
		Map<String, Object> person = new LinkedHashMap<>();
		person.put("name", name);
		person.put("email", email);
		return person;
	}

	private long projects() {
		return this.mongo.getCollection("projects").countDocuments();
	}

	private HttpResponse<String> send(String contentType, String body) throws IOException, InterruptedException {
		return send(contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(String contentType, byte[] body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/projects"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", TestInfrastructure.get().issuer().bearer("pat@example.com", "PROJECT_MANAGER"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
