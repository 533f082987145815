package io.infrapm.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.ContractRecords.Javadoc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the published AsyncAPI document in step with the contract records: the same
 * topics, one message per catalogued event under its {@code ce_type}, payload schemas
 * that name, type and require exactly the record components (nested records included),
 * the CloudEvents headers on every message and the project id as the Kafka key. Adding a
 * component, an enum constant or an event without updating the document fails here.
 */
class AsyncApiDocumentTests {

	private static final String LOCATION = "/asyncapi/infrapm.asyncapi.yaml";

	private static final List<String> CLOUD_EVENT_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type",
			"ce_time", "ce_subject", "content-type");

	/** JSON Schema type and format of each scalar Java type, as EventJson writes it. */
	private static final Map<Class<?>, Scalar> SCALARS = Map.ofEntries(
			Map.entry(String.class, new Scalar("string", null)), Map.entry(UUID.class, new Scalar("string", "uuid")),
			Map.entry(LocalDate.class, new Scalar("string", "date")),
			Map.entry(Instant.class, new Scalar("string", "date-time")),
			Map.entry(BigDecimal.class, new Scalar("number", null)),
			Map.entry(double.class, new Scalar("number", null)), Map.entry(int.class, new Scalar("integer", "int32")),
			// Whole numbers in a list are boxed.
			Map.entry(Integer.class, new Scalar("integer", "int32")),
			Map.entry(long.class, new Scalar("integer", "int64")),
			Map.entry(boolean.class, new Scalar("boolean", null)),
			Map.entry(Boolean.class, new Scalar("boolean", null)));

	private static Map<String, Object> document;

	@BeforeAll
	static void load() throws IOException {
		try (InputStream yaml = AsyncApiDocumentTests.class.getResourceAsStream(LOCATION)) {
			assertThat(yaml).as("%s on the classpath", LOCATION).isNotNull();
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
	}

	@Test
	void isAnAsyncApi3Document() {
		assertThat(document.get("asyncapi")).asString().startsWith("3.0.");
		Map<String, Object> info = map(document.get("info"), "info");
		assertThat(info).containsKeys("title", "version");
		assertThat(info.get("description")).asString().contains("DESIGN.md §2");
	}

	@Test
	void describesEveryTopicAsAKafkaChannel() {
		List<String> addresses = new ArrayList<>();
		channels().forEach((key, channel) -> {
			String address = (String) channel.get("address");
			addresses.add(address);
			Map<String, Object> kafka = map(map(channel.get("bindings"), key + ".bindings").get("kafka"),
					key + ".bindings.kafka");
			assertThat(kafka.get("topic")).as("Kafka topic of channel %s", key).isEqualTo(address);
		});
		assertThat(addresses).containsExactlyInAnyOrderElementsOf(EventCatalog.topics());
	}

	@Test
	void listsOnEveryChannelTheEventsOfItsTopic() {
		channels().forEach((key, channel) -> {
			String topic = (String) channel.get("address");
			List<String> names = map(channel.get("messages"), key + ".messages").values()
				.stream()
				.map((message) -> (String) resolve(message).get("name"))
				.toList();
			assertThat(names).as("messages of %s", topic)
				.containsExactlyInAnyOrderElementsOf(
						EventCatalog.eventsOn(topic).stream().map(EventCatalog::typeOf).toList());
		});
	}

	@Test
	void publishesEveryEventThroughTheSendOperationOfItsTopic() {
		Map<String, List<String>> sentByTopic = new LinkedHashMap<>();
		map(document.get("operations"), "operations").forEach((key, value) -> {
			Map<String, Object> operation = resolve(value);
			assertThat(operation.get("action")).as("action of %s", key).isEqualTo("send");
			Map<String, Object> channelReference = map(operation.get("channel"), key + ".channel");
			String topic = (String) resolve(channelReference).get("address");
			List<String> sent = sentByTopic.computeIfAbsent(topic, (t) -> new ArrayList<>());
			for (Object message : list(operation.get("messages"), key + ".messages")) {
				assertThat((String) map(message, key + ".messages[]").get("$ref"))
					.as("%s sends messages of its own channel", key)
					.startsWith(channelReference.get("$ref") + "/messages/");
				sent.add((String) resolve(message).get("name"));
			}
		});
		assertThat(sentByTopic.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalog.topics());
		sentByTopic.forEach((topic, sent) -> assertThat(sent).as("sent on %s", topic)
			.containsExactlyInAnyOrderElementsOf(
					EventCatalog.eventsOn(topic).stream().map(EventCatalog::typeOf).toList()));
	}

	@Test
	void describesEveryCataloguedEventAsOneMessage() {
		List<String> names = new ArrayList<>();
		messages().forEach((key, message) -> {
			names.add((String) message.get("name"));
			assertThat(message.get("description")).as("description of %s", key).asString().isNotBlank();
			assertThat(message.get("contentType")).as("contentType of %s", key).isEqualTo("application/json");
		});
		assertThat(names)
			.containsExactlyInAnyOrderElementsOf(ContractRecords.events().stream().map(EventCatalog::typeOf).toList());
		for (Class<? extends Record> event : ContractRecords.events()) {
			assertThat(message(event).get("title")).as("title of %s", EventCatalog.typeOf(event))
				.isEqualTo(event.getSimpleName());
		}
	}

	@Test
	void describesThePayloadOfEveryEventComponentByComponent() {
		for (Class<? extends Record> event : ContractRecords.events()) {
			assertSchema(EventCatalog.typeOf(event), event, message(event).get("payload"), false);
		}
	}

	@Test
	void sendsTheCloudEventsHeadersWithEveryMessage() {
		messages().forEach((key, message) -> {
			Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
			Set<String> required = new LinkedHashSet<>();
			collectHeaders(message.get("headers"), properties, required);
			assertThat(properties).as("headers of %s", key).containsKeys(CLOUD_EVENT_HEADERS.toArray(String[]::new));
			assertThat(properties).as("optional sequence header of %s", key).containsKey("ce_sequence");
			assertThat(required).as("required headers of %s", key).containsAll(CLOUD_EVENT_HEADERS);
			assertThat(properties.get("ce_specversion")).as("ce_specversion of %s", key).containsEntry("const", "1.0");
			assertThat(properties.get("ce_type")).as("ce_type of %s", key).containsEntry("const", message.get("name"));
			assertThat(properties.get("ce_source").get("const")).as("ce_source of %s", key)
				.asString()
				.startsWith("/infrapm/");
			assertThat(properties.get("content-type")).as("content-type of %s", key)
				.containsEntry("const", "application/json");
		});
	}

	@Test
	void keysEveryMessageByTheProjectId() {
		for (Class<? extends Record> event : ContractRecords.events()) {
			String type = EventCatalog.typeOf(event);
			assertThat(Arrays.stream(event.getRecordComponents())).as("%s has a projectId", type)
				.anySatisfy((component) -> {
					assertThat(component.getName()).isEqualTo("projectId");
					assertThat(component.getType()).isEqualTo(UUID.class);
				});
			Map<String, Object> bindings = resolve(message(event).get("bindings"));
			Map<String, Object> key = resolve(map(bindings.get("kafka"), type + ".bindings.kafka").get("key"));
			assertThat(key).as("Kafka key of %s", type).containsEntry("type", "string").containsEntry("format", "uuid");
		}
	}

	private void assertSchema(String where, Type javaType, Object node, boolean nullable) {
		Map<String, Object> schema = withoutNull(where, resolve(node), nullable);
		if (javaType instanceof ParameterizedType parameterized) {
			assertThat(parameterized.getRawType()).as(where).isEqualTo(List.class);
			assertThat(schema.get("type")).as("type of %s", where).isEqualTo("array");
			assertSchema(where + "[]", parameterized.getActualTypeArguments()[0], schema.get("items"), false);
			return;
		}
		Class<?> type = (Class<?>) javaType;
		if (type.isEnum()) {
			assertThat(schema.get("type")).as("type of %s", where).isEqualTo("string");
			assertThat(list(schema.get("enum"), where + ".enum")).as("constants of %s", where)
				.containsExactlyElementsOf(
						Arrays.stream(type.getEnumConstants()).map((c) -> ((Enum<?>) c).name()).toList());
		}
		else if (type.isRecord()) {
			assertRecordSchema(where, type, schema);
		}
		else {
			Scalar scalar = SCALARS.get(type);
			assertThat(scalar).as("%s: a JSON Schema mapping for %s", where, type.getName()).isNotNull();
			assertThat(schema.get("type")).as("type of %s", where).isEqualTo(scalar.type());
			assertThat(schema.get("format")).as("format of %s", where).isEqualTo(scalar.format());
		}
	}

	private void assertRecordSchema(String where, Class<?> record, Map<String, Object> schema) {
		List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
		assertThat(schema.get("type")).as("type of %s", where).isEqualTo("object");
		Map<String, Object> properties = map(schema.get("properties"), where + ".properties");
		assertThat(properties.keySet()).as("properties of %s (record %s)", where, record.getName())
			.containsExactlyInAnyOrderElementsOf(components);
		assertThat(list(schema.get("required"), where + ".required"))
			.as("required properties of %s (record %s)", where, record.getName())
			.containsExactlyInAnyOrderElementsOf(components);
		Javadoc javadoc = ContractRecords.javadocOf(record);
		for (RecordComponent component : record.getRecordComponents()) {
			boolean nullable = !component.getType().isPrimitive() && javadoc.allowsNull(component.getName());
			assertSchema(where + "." + component.getName(), component.getGenericType(),
					properties.get(component.getName()), nullable);
		}
	}

	/**
	 * The schema of the non-null values, after checking that {@code null} is allowed
	 * exactly when the record's Javadoc says so ({@code oneOf} with {@code type: 'null'},
	 * or a type list containing {@code 'null'}).
	 */
	private Map<String, Object> withoutNull(String where, Map<String, Object> schema, boolean nullable) {
		Object oneOf = schema.get("oneOf");
		if (oneOf != null) {
			List<Map<String, Object>> alternatives = list(oneOf, where + ".oneOf").stream().map(this::resolve).toList();
			assertThat(nullable)
				.as("%s allows null in its schema (oneOf) but its Javadoc does not say \"or {@code null}\"", where)
				.isTrue();
			assertThat(alternatives).as("%s: oneOf of a value and null", where)
				.hasSize(2)
				.filteredOn((alternative) -> "null".equals(alternative.get("type")))
				.hasSize(1);
			return alternatives.stream()
				.filter((alternative) -> !"null".equals(alternative.get("type")))
				.findFirst()
				.get();
		}
		Object type = schema.get("type");
		if (type instanceof List<?> types) {
			assertThat(types.contains("null"))
				.as("%s allows null in its schema exactly when its Javadoc says \"or {@code null}\"", where)
				.isEqualTo(nullable);
			List<?> nonNull = types.stream().filter((t) -> !"null".equals(t)).toList();
			assertThat(nonNull).as("%s has one type besides null", where).hasSize(1);
			Map<String, Object> single = new LinkedHashMap<>(schema);
			single.put("type", nonNull.get(0));
			return single;
		}
		assertThat(nullable)
			.as("%s may be null (its Javadoc says \"or {@code null}\") but its schema does not allow null", where)
			.isFalse();
		return schema;
	}

	private void collectHeaders(Object node, Map<String, Map<String, Object>> properties, Set<String> required) {
		Map<String, Object> schema = resolve(node);
		Object allOf = schema.get("allOf");
		if (allOf != null) {
			list(allOf, "allOf").forEach((part) -> collectHeaders(part, properties, required));
		}
		Object own = schema.get("properties");
		if (own != null) {
			map(own, "properties")
				.forEach((name, property) -> properties.computeIfAbsent(name, (n) -> new LinkedHashMap<>())
					.putAll(resolve(property)));
		}
		Object requiredHere = schema.get("required");
		if (requiredHere != null) {
			list(requiredHere, "required").forEach((name) -> required.add((String) name));
		}
	}

	private Map<String, Map<String, Object>> channels() {
		Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
		map(document.get("channels"), "channels").forEach((key, channel) -> channels.put(key, resolve(channel)));
		return channels;
	}

	private Map<String, Map<String, Object>> messages() {
		Map<String, Object> components = map(document.get("components"), "components");
		Map<String, Map<String, Object>> messages = new LinkedHashMap<>();
		map(components.get("messages"), "components.messages")
			.forEach((key, message) -> messages.put(key, resolve(message)));
		return messages;
	}

	private Map<String, Object> message(Class<? extends Record> event) {
		String type = EventCatalog.typeOf(event);
		return messages().values()
			.stream()
			.filter((message) -> type.equals(message.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No message named " + type));
	}

	/**
	 * Follows a local {@code $ref} (a JSON pointer into this document) to what it names.
	 */
	private Map<String, Object> resolve(Object node) {
		Map<String, Object> map = map(node, "a schema or reference");
		Object reference = map.get("$ref");
		if (reference == null) {
			return map;
		}
		assertThat(map).as("%s: a reference has no other fields", reference).hasSize(1);
		assertThat(reference).as("a local reference").asString().startsWith("#/");
		Object target = document;
		for (String token : ((String) reference).substring(2).split("/")) {
			String key = token.replace("~1", "/").replace("~0", "~");
			target = map(target, reference.toString()).get(key);
			assertThat(target).as("%s resolves", reference).isNotNull();
		}
		return resolve(target);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node, String what) {
		assertThat(node).as("%s is a mapping", what).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object node, String what) {
		assertThat(node).as("%s is a list", what).isInstanceOf(List.class);
		return (List<T>) node;
	}

	private record Scalar(String type, String format) {
	}

}
