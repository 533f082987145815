package io.infrapm.platform.events;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of event data on the wire. Deliberately independent of the web mapper so
 * that tuning the REST API never changes the public event contract: dates are ISO-8601
 * strings, amounts are plain decimals, and readers ignore unknown fields and map unknown
 * enum values to {@code null} (additive changes within a version must not break them).
 */
public final class EventJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private EventJson() {
	}

	/**
	 * The shared, thread-safe mapper for event data.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
