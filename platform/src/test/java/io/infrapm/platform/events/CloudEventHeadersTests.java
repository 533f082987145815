package io.infrapm.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The CloudEvents 1.0 Kafka binding in binary mode, as a plain Kafka client sees it.
 */
class CloudEventHeadersTests {

	private static final UUID EVENT_ID = UUID.fromString("3f6c1c1e-6a55-4f5e-9d0e-2b1f2f7d9a01");

	private static final Instant OCCURRED = Instant.parse("2025-03-14T09:26:53.589Z");

	private final EventMetadata metadata = new EventMetadata(EVENT_ID, "/infrapm/risk-service",
			"io.infrapm.risk.RiskAssessed.v1", OCCURRED, "risk-42");

	@Test
	void writesEveryAttributeAsRawUtf8Bytes() {
		Map<String, Object> headers = CloudEventHeaders.of(this.metadata);

		assertThat(headers).containsOnlyKeys("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
				"content-type");
		assertThat(headers.values()).allSatisfy((value) -> assertThat(value).isInstanceOf(byte[].class));
		assertThat(utf8(headers, "ce_specversion")).isEqualTo("1.0");
		assertThat(utf8(headers, "ce_id")).isEqualTo("3f6c1c1e-6a55-4f5e-9d0e-2b1f2f7d9a01");
		assertThat(utf8(headers, "ce_source")).isEqualTo("/infrapm/risk-service");
		assertThat(utf8(headers, "ce_type")).isEqualTo("io.infrapm.risk.RiskAssessed.v1");
		assertThat(utf8(headers, "ce_time")).isEqualTo("2025-03-14T09:26:53.589Z");
		assertThat(utf8(headers, "ce_subject")).isEqualTo("risk-42");
		assertThat(utf8(headers, "content-type")).isEqualTo("application/json");
	}

	@Test
	void writesTimeAsRfc3339EvenOnAWholeMinute() {
		EventMetadata onTheMinute = new EventMetadata(EVENT_ID, "/infrapm/risk-service",
				"io.infrapm.risk.RiskAssessed.v1", Instant.parse("2025-03-14T09:26:00Z"), "risk-42");

		String time = utf8(CloudEventHeaders.of(onTheMinute), "ce_time");

		// RFC 3339 requires seconds; a non-Java reader parses it with a strict offset
		// pattern.
		assertThat(time).isEqualTo("2025-03-14T09:26:00Z");
		assertThat(OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant())
			.isEqualTo(Instant.parse("2025-03-14T09:26:00Z"));
	}

	@Test
	void readsBackWhatItWrote() {
		assertThat(CloudEventHeaders.read(CloudEventHeaders.of(this.metadata))).isEqualTo(this.metadata);
	}

	@Test
	void readsHeadersThatTheBinderMappedToStrings() {
		Map<String, Object> headers = new HashMap<>();
		CloudEventHeaders.of(this.metadata)
			.forEach((name, value) -> headers.put(name, new String((byte[]) value, StandardCharsets.UTF_8)));

		assertThat(CloudEventHeaders.read(headers)).isEqualTo(this.metadata);
	}

	@Test
	void readsATimeWithAnOffsetFromAProducerInAnotherLanguage() {
		Map<String, Object> headers = headersWith("ce_time", "2025-03-14T11:26:53.589+02:00");

		assertThat(CloudEventHeaders.read(headers).time()).isEqualTo(OCCURRED);
	}

	@Test
	void acceptsJsonWithACharsetAndAMissingContentType() {
		assertThat(CloudEventHeaders.read(headersWith("content-type", "application/json; charset=utf-8")))
			.isEqualTo(this.metadata);
		Map<String, Object> withoutContentType = headersWith("content-type", null);
		assertThat(CloudEventHeaders.read(withoutContentType)).isEqualTo(this.metadata);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject" })
	void rejectsAMissingRequiredHeaderNamingIt(String header) {
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headersWith(header, null)))
			.withMessageContaining(header);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject" })
	void rejectsABlankRequiredHeaderNamingIt(String header) {
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headersWith(header, "  ")))
			.withMessageContaining(header);
	}

	@Test
	void rejectsAnotherSpecVersion() {
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headersWith("ce_specversion", "0.3")))
			.withMessageContaining("ce_specversion")
			.withMessageContaining("0.3");
	}

	@Test
	void rejectsAnIdThatIsNotAUuid() {
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headersWith("ce_id", "event-17")))
			.withMessageContaining("ce_id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yesterday", "2025-03-14", "2025-03-14T09:26:53", "1710408413589" })
	void rejectsATimeThatIsNotRfc3339(String time) {
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headersWith("ce_time", time)))
			.withMessageContaining("ce_time");
	}

	@Test
	void rejectsAContentTypeOtherThanJson() {
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> CloudEventHeaders.read(headersWith("content-type", "application/avro")))
			.withMessageContaining("content-type");
	}

	@Test
	void treatsAMalformedEnvelopeAsPoison() {
		assertThat(new MalformedEnvelopeException("header ce_id is missing")).isInstanceOf(PoisonEventException.class);
	}

	private Map<String, Object> headersWith(String name, String value) {
		Map<String, Object> headers = new HashMap<>(CloudEventHeaders.of(this.metadata));
		if (value == null) {
			headers.remove(name);
		}
		else {
			headers.put(name, value.getBytes(StandardCharsets.UTF_8));
		}
		return headers;
	}

	private static String utf8(Map<String, Object> headers, String name) {
		return new String((byte[]) headers.get(name), StandardCharsets.UTF_8);
	}

}
