package io.infrapm.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary mode: the event's attributes
 * travel as {@code ce_*} headers, the value is the JSON data. Header values are written
 * as raw UTF-8 bytes so that a plain Kafka client in any language reads them as they are.
 */
public final class CloudEventHeaders {

	/** CloudEvents spec version header. */
	public static final String SPEC_VERSION = "ce_specversion";

	/** Event id header: a UUID, stable across retries. */
	public static final String ID = "ce_id";

	/** Producing service header, e.g. {@code /infrapm/project-service}. */
	public static final String SOURCE = "ce_source";

	/**
	 * Logical, versioned type header, e.g. {@code io.infrapm.project.ProjectCreated.v1}.
	 */
	public static final String TYPE = "ce_type";

	/** Occurrence time header, RFC 3339. */
	public static final String TIME = "ce_time";

	/** Aggregate id header. */
	public static final String SUBJECT = "ce_subject";

	/**
	 * The event's position in its subject's stream (the CloudEvents {@code sequence}
	 * extension), zero-padded to {@value #SEQUENCE_DIGITS} digits so that, as the
	 * extension asks, comparing the strings orders them like the numbers.
	 */
	public static final String SEQUENCE = "ce_sequence";

	static final int SEQUENCE_DIGITS = 19;

	/** Content type header of the binary mode. */
	public static final String CONTENT_TYPE = "content-type";

	/** The only spec version produced and accepted. */
	public static final String SPEC_VERSION_1_0 = "1.0";

	/** The content type of every event value. */
	public static final String JSON = "application/json";

	private CloudEventHeaders() {
	}

	/**
	 * The envelope headers of one event, as raw bytes ready for a Kafka record.
	 * @param metadata the event's attributes
	 * @return header name to UTF-8 value
	 */
	public static Map<String, Object> of(EventMetadata metadata) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(SPEC_VERSION, bytes(SPEC_VERSION_1_0));
		headers.put(ID, bytes(metadata.id().toString()));
		headers.put(SOURCE, bytes(metadata.source()));
		headers.put(TYPE, bytes(metadata.type()));
		headers.put(TIME, bytes(metadata.time().toString()));
		headers.put(SUBJECT, bytes(metadata.subject()));
		if (metadata.isSequenced()) {
			headers.put(SEQUENCE, bytes(String.format("%0" + SEQUENCE_DIGITS + "d", metadata.sequence())));
		}
		headers.put(CONTENT_TYPE, bytes(JSON));
		return Collections.unmodifiableMap(headers);
	}

	/**
	 * Reads the envelope of an incoming message.
	 * @param headers the message headers (values as {@code byte[]} or {@code String})
	 * @return the attributes
	 * @throws MalformedEnvelopeException if a required attribute is missing or invalid
	 */
	public static EventMetadata read(Map<String, Object> headers) {
		String specVersion = required(headers, SPEC_VERSION);
		if (!SPEC_VERSION_1_0.equals(specVersion)) {
			throw new MalformedEnvelopeException(
					SPEC_VERSION + " '" + specVersion + "' is not supported, expected 1.0");
		}
		UUID id;
		try {
			id = UUID.fromString(required(headers, ID));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedEnvelopeException(ID + " is not a UUID");
		}
		Instant time;
		try {
			time = Instant.parse(required(headers, TIME));
		}
		catch (DateTimeParseException ex) {
			throw new MalformedEnvelopeException(TIME + " is not an RFC 3339 timestamp");
		}
		String contentType = text(headers.get(CONTENT_TYPE));
		if (contentType != null && !contentType.startsWith(JSON)) {
			throw new MalformedEnvelopeException(CONTENT_TYPE + " '" + contentType + "' is not " + JSON);
		}
		return new EventMetadata(id, required(headers, SOURCE), required(headers, TYPE), time,
				required(headers, SUBJECT), sequence(text(headers.get(SEQUENCE))));
	}

	private static long sequence(String value) {
		if (value == null) {
			return 0;
		}
		try {
			long sequence = Long.parseLong(value.strip());
			if (sequence < 1) {
				throw new MalformedEnvelopeException(SEQUENCE + " must be 1 or more");
			}
			return sequence;
		}
		catch (NumberFormatException ex) {
			throw new MalformedEnvelopeException(SEQUENCE + " is not a decimal number");
		}
	}

	private static String required(Map<String, Object> headers, String name) {
		String value = text(headers.get(name));
		if (value == null || value.isBlank()) {
			throw new MalformedEnvelopeException("header " + name + " is missing");
		}
		return value;
	}

	/**
	 * A header value as text, whichever way the binder mapped it.
	 * @param value a header value
	 * @return the text, or {@code null}
	 */
	public static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] raw) {
			return new String(raw, StandardCharsets.UTF_8);
		}
		return value.toString();
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
