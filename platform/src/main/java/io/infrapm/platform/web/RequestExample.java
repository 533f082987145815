package io.infrapm.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;

/**
 * The example of one endpoint's request body in the OpenAPI document.
 *
 * @param summary what the example shows, e.g. "A data-centre migration with its sponsor"
 * @param request the body, as JSON values
 */
record RequestExample(String summary, Object request) {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	RequestExample {
		Objects.requireNonNull(request, "request");
	}

	/**
	 * Reads a service's examples.
	 * @param resource the file, which a service without examples does not have
	 * @return the examples by endpoint ({@code "POST /api/projects"}), in file order
	 * @throws IllegalStateException if the file is not a valid examples file
	 */
	static Map<String, RequestExample> load(Resource resource) {
		if (!resource.exists()) {
			return Map.of();
		}
		try (InputStream in = resource.getInputStream()) {
			return JSON.readValue(in, new TypeReference<LinkedHashMap<String, RequestExample>>() {
			});
		}
		catch (IOException | JacksonException | NullPointerException ex) {
			throw new IllegalStateException(
					resource.getDescription() + " is not a valid examples file: " + ex.getMessage(), ex);
		}
	}

}
