package io.infrapm.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The examples of the OpenAPI document: each request body gets the one its service's
 * examples file gives, an example of no endpoint fails the document instead of going
 * stale, and every problem answer shows what such a problem looks like.
 */
class OpenApiExamplesTests {

	private final OpenApiAutoConfiguration configuration = new OpenApiAutoConfiguration();

	@Test
	void anExampleLandsOnItsEndpointsRequestBody() {
		OpenAPI openApi = document();

		this.configuration.infrapmRequestExamples(examples("""
				{"POST /api/projects/{projectId}/milestones": {"summary": "A cutover",
				  "request": {"name": "Core cutover", "dueDate": "2027-05-15", "weight": 1.50}}}
				""")).customise(openApi);

		MediaType json = openApi.getPaths()
			.get("/api/projects/{projectId}/milestones")
			.getPost()
			.getRequestBody()
			.getContent()
			.get("application/json");
		assertThat(json.getExamples().get("example").getSummary()).isEqualTo("A cutover");
		assertThat(json.getExamples().get("example").getValue()).isInstanceOfSatisfying(Map.class,
				(value) -> assertThat(value).containsEntry("dueDate", "2027-05-15")
					.containsEntry("weight", new java.math.BigDecimal("1.50")));
	}

	@Test
	void anExampleOfNoEndpointOrOfOneWithoutABodyFailsTheDocument() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration
				.infrapmRequestExamples(examples("{\"POST /api/gone\": {\"summary\": \"s\", \"request\": {}}}"))
				.customise(document()))
			.withMessageContaining("POST /api/gone");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration
				.infrapmRequestExamples(examples(
						"{\"GET /api/projects/{projectId}/milestones\": {\"summary\": \"s\", \"request\": {}}}"))
				.customise(document()))
			.withMessageContaining("no endpoint that takes a body");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.infrapmRequestExamples(examples("{\"POST /api/x\": {\"summary\": 1")))
			.withMessageContaining("not a valid examples file");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration
				.infrapmRequestExamples(examples("{\"POST /api/x\": {\"summary\": \"no request\"}}")))
			.withMessageContaining("request");
	}

	@Test
	void aServiceWithoutExamplesHasADocumentAllTheSame() {
		OpenAPI openApi = document();

		this.configuration.infrapmRequestExamples(new DefaultResourceLoader()).customise(openApi);

		assertThat(openApi.getPaths()
			.get("/api/projects/{projectId}/milestones")
			.getPost()
			.getRequestBody()
			.getContent()
			.get("application/json")
			.getExamples()).isNull();
	}

	@Test
	void everyProblemAnswerShowsAnExample() {
		OpenAPI openApi = this.configuration.infrapmOpenApi(new MockEnvironment());
		openApi.setPaths(document().getPaths());

		this.configuration.infrapmProblemResponses().customise(openApi);

		ApiResponses responses = openApi.getPaths()
			.get("/api/projects/{projectId}/milestones")
			.getPost()
			.getResponses();
		assertThat(responses.keySet()).contains("400", "401", "403", "404", "409", "412", "422", "428", "503");
		Map<?, ?> invalid = (Map<?, ?>) responses.get("400").getContent().get("application/problem+json").getExample();
		assertThat(invalid.get("status")).isEqualTo(400);
		assertThat(invalid.get("errors")).isEqualTo(List.of(Map.of("field", "dueDate", "reason", "must not be null")));
		Map<?, ?> unauthenticated = (Map<?, ?>) responses.get("401")
			.getContent()
			.get("application/problem+json")
			.getExample();
		assertThat(unauthenticated.get("type")).isEqualTo("about:blank");
		Map<?, ?> stale = (Map<?, ?>) responses.get("412").getContent().get("application/problem+json").getExample();
		assertThat(stale.get("title")).isEqualTo("Precondition Failed");
		assertThat(stale.get("type")).isEqualTo("urn:infrapm:problem:precondition-failed");
	}

	private static OpenAPI document() {
		Operation plan = new Operation()
			.requestBody(new RequestBody().content(new Content().addMediaType("application/json", new MediaType())));
		return new OpenAPI().paths(new Paths().addPathItem("/api/projects/{projectId}/milestones",
				new PathItem().post(plan).get(new Operation())));
	}

	private static ResourceLoader examples(String json) {
		return new DefaultResourceLoader() {

			@Override
			public Resource getResource(String location) {
				return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8), location);
			}

		};
	}

}
