package io.infrapm.platform.web;

import io.infrapm.platform.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;

/**
 * Every service's OpenAPI 3 document at {@code /v3/api-docs} (springdoc, from the request
 * mappings), open to read like the discovery document of an issuer: it names the service,
 * and says that every operation needs a bearer JWT of the platform's issuer. The
 * {@link Caller} a controller method takes is not a request parameter, so the document
 * leaves it out.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

	private static final String PROBLEM = "Problem";

	private static final Map<String, String> ALWAYS = new LinkedHashMap<>(Map.of("400",
			"invalid input, naming each field and the reason", "401",
			"no valid access token (WWW-Authenticate says why)", "403",
			"the caller sees the project but may not do this", "404", "no such resource, or one the caller may not see",
			"503", "the database is unavailable; nothing was changed (Retry-After)"));

	private static final Map<String, String> CHANGES = Map.of("409", "in conflict with what exists", "412",
			"If-Match names an older version", "422", "breaks a business rule", "428",
			"If-Match is required and missing");

	/** A typical detail of each problem answer, for its example. */
	private static final Map<String, String> DETAILS = Map.of("400", "dueDate: must not be null", "401",
			"This resource needs a bearer token (Authorization: Bearer <access token>).", "403",
			"only the project's manager or a portfolio manager may do this", "404",
			"no project 3f0c6a52-1b7e-4c39-9d0a-2a7f5e9b8c41", "409",
			"'ana.ruiz@example.org' is already a stakeholder of this project", "412",
			"the resource is at version 7, not 6; fetch it again and reapply your change", "422",
			"entering EXECUTING needs at least one milestone", "428",
			"this change needs If-Match with the ETag last read", "503",
			"the database is unavailable, so the request was not carried out and nothing was changed; retry in 5 seconds");

	/** Where a service keeps the examples of its request bodies. */
	public static final String EXAMPLES = "openapi/examples.json";

	/** The name of the security scheme every operation requires. */
	public static final String BEARER = "bearer-jwt";

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAPI infrapmOpenApi(Environment environment) {
		String service = environment.getProperty("spring.application.name", "InfraPM service");
		return new OpenAPI()
			.info(new Info().title("InfraPM " + service)
				.version("v1")
				.description("The HTTP API of " + service + ". Every operation needs an access token of the "
						+ "platform's issuer (Authorization: Bearer); errors are RFC 9457 problem details; "
						+ "lists are paged (?page=, from 0, and ?size=, at most " + PageView.MAX_SIZE + ")."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/**
	 * The problem answers every operation can give, as the platform gives them (the
	 * handlers are shared, so springdoc cannot see them per operation): 400, 401, 403,
	 * 404 and 503 for all, and 409, 412, 422 and 428 for those that change something.
	 * @return the customizer
	 */
	@Bean
	OpenApiCustomizer infrapmProblemResponses() {
		return (openApi) -> {
			openApi.getComponents()
				.addSchemas(PROBLEM, new ObjectSchema()
					.description("RFC 9457 problem details; invalid input also " + "lists errors[] of {field, reason}")
					.addProperty("type", new StringSchema())
					.addProperty("title", new StringSchema())
					.addProperty("status", new IntegerSchema())
					.addProperty("detail", new StringSchema())
					.addProperty("instance", new StringSchema()));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().values().forEach((path) -> path.readOperationsMap().forEach((method, operation) -> {
				ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses()
						: new ApiResponses();
				ALWAYS.forEach((status, reason) -> responses.putIfAbsent(status, problem(status, reason)));
				if (method != PathItem.HttpMethod.GET) {
					CHANGES.forEach((status, reason) -> responses.putIfAbsent(status, problem(status, reason)));
				}
				operation.setResponses(responses);
			}));
		};
	}

	/**
	 * The example of each request body, from the service's {@value #EXAMPLES}: an object
	 * whose keys name the endpoint as {@code "POST /api/projects"} and whose values hold
	 * a {@code summary} and the {@code request}. An example of an endpoint that does not
	 * exist or takes no body fails the document, so that none goes stale.
	 * @param resources where the service's resources are
	 * @return the customizer
	 */
	@Bean
	OpenApiCustomizer infrapmRequestExamples(ResourceLoader resources) {
		Map<String, RequestExample> examples = RequestExample.load(resources.getResource("classpath:" + EXAMPLES));
		return (openApi) -> examples.forEach((endpoint, example) -> {
			String[] methodAndPath = endpoint.split(" ", 2);
			PathItem path = (openApi.getPaths() != null && methodAndPath.length == 2)
					? openApi.getPaths().get(methodAndPath[1]) : null;
			Operation operation = (path != null) ? path.readOperationsMap()
				.get(PathItem.HttpMethod.valueOf(methodAndPath[0].toUpperCase(Locale.ROOT))) : null;
			if (operation == null || operation.getRequestBody() == null
					|| operation.getRequestBody().getContent() == null) {
				throw new IllegalStateException(
						EXAMPLES + " has an example for " + endpoint + ", which is no endpoint that takes a body");
			}
			operation.getRequestBody()
				.getContent()
				.values()
				.forEach((media) -> media.addExamples("example",
						new Example().summary(example.summary()).value(example.request())));
		});
	}

	private static ApiResponse problem(String status, String reason) {
		int code = Integer.parseInt(status);
		String title = (code == 400) ? "Invalid request" : HttpStatus.valueOf(code).getReasonPhrase();
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", (code == 401) ? "about:blank"
				: "urn:infrapm:problem:" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
		example.put("title", title);
		example.put("status", code);
		example.put("detail", DETAILS.get(status));
		example.put("instance", "/api/projects/3f0c6a52-1b7e-4c39-9d0a-2a7f5e9b8c41/milestones");
		if (code == 400) {
			example.put("errors", List.of(Map.of("field", "dueDate", "reason", "must not be null")));
		}
		return new ApiResponse().description(reason)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)).example(example)));
	}

}
