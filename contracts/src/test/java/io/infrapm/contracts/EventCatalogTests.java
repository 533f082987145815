package io.infrapm.contracts;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.infrapm.contracts.ContractRecords.Javadoc;
import io.infrapm.contracts.project.Person;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The catalogue is the contract consumers resolve {@code ce_type} headers against: every
 * event record is in it under a logical, versioned type on the topic of its bounded
 * context, and every field a consumer reads is documented.
 */
class EventCatalogTests {

	private static final Pattern EVENT_TYPE = Pattern.compile("io\\.infrapm\\.([a-z]+)\\.([A-Z][A-Za-z0-9]*)\\.v1");

	/** What DESIGN.md §2 allows in an event besides enums and nested contract records. */
	/**
	 * Boolean is boxed only for a flag added to a v1 type after its first release: a
	 * primitive missing from an older payload fails the read, a boxed one reads as null
	 * and its record decides the default.
	 */
	private static final Set<Class<?>> WIRE_TYPES = Set.of(boolean.class, Boolean.class, int.class, long.class,
			double.class, String.class, UUID.class, Instant.class, LocalDate.class, BigDecimal.class);

	@Test
	void cataloguesEveryRecordThatDeclaresAnEventType() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
		List<String> annotated = scanner.findCandidateComponents(EventType.class.getPackageName())
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.toList();
		assertThat(annotated).as("records with @EventType").isNotEmpty();
		assertThat(ContractRecords.events()).extracting(Class::getName)
			.as("the catalogue")
			.containsExactlyInAnyOrderElementsOf(annotated);
	}

	@Test
	void namesEveryEventAfterItsContextAndRecordInVersionOne() {
		for (Class<? extends Record> event : ContractRecords.events()) {
			assertThat(event.isAnnotationPresent(EventType.class)).as("%s has @EventType", event.getName()).isTrue();
			String type = EventCatalog.typeOf(event);
			Matcher parts = EVENT_TYPE.matcher(type);
			assertThat(parts.matches()).as("%s is io.infrapm.<context>.<Event>.v1", type).isTrue();
			assertThat(parts.group(1)).as("context of %s", type).isEqualTo(contextOf(event));
			assertThat(parts.group(2)).as("event name of %s", type).isEqualTo(event.getSimpleName());
		}
	}

	@Test
	void givesEveryEventItsOwnType() {
		List<String> types = ContractRecords.events().stream().map(EventCatalog::typeOf).toList();
		assertThat(types).doesNotHaveDuplicates();
	}

	@Test
	void cataloguesExactlyTheTopicsOfTopics() {
		assertThat(EventCatalog.topics()).containsExactlyInAnyOrderElementsOf(topicConstants());
	}

	@Test
	void publishesEveryEventOnTheTopicOfItsContext() {
		for (String topic : EventCatalog.topics()) {
			for (Class<? extends Record> event : EventCatalog.eventsOn(topic)) {
				String context = contextOf(event);
				assertThat(topic).as("topic of %s", event.getSimpleName())
					.isEqualTo(topicConstant(context.toUpperCase()))
					.isEqualTo("infrapm." + context + ".v1");
			}
		}
	}

	@Test
	void resolvesTypesAndRecordsBothWays() {
		for (Class<? extends Record> event : ContractRecords.events()) {
			String type = EventCatalog.typeOf(event);
			assertThat(EventCatalog.recordFor(type)).as(type).contains(event);
			assertThat(EventCatalog.recordFor(type).map(EventCatalog::typeOf)).as(type).contains(type);
		}
	}

	@Test
	void resolvesNothingOutsideTheContract() {
		assertThat(EventCatalog.recordFor("io.infrapm.project.ProjectCreated.v2")).isEmpty();
		assertThat(EventCatalog.recordFor("io.infrapm.contracts.project.ProjectCreated")).isEmpty();
		assertThat(EventCatalog.eventsOn("infrapm.unknown.v1")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> EventCatalog.typeOf(Person.class))
			.withMessageContaining(Person.class.getName());
	}

	@Test
	void namesTheDeadLetterTopicAfterTheTopicAndTheConsumerGroup() {
		assertThat(Topics.deadLetter(Topics.PROJECT, "budget-service"))
			.isEqualTo("infrapm.project.v1.budget-service.dlq");
		assertThat(Topics.deadLetter(Topics.NOTIFICATION, "notification-service"))
			.isEqualTo("infrapm.notification.v1.notification-service.dlq");
	}

	@Test
	void carriesOnlyTypesThatAnyConsumerCanRead() {
		for (Class<?> record : ContractRecords.eventsAndNestedRecords()) {
			for (RecordComponent component : record.getRecordComponents()) {
				assertReadable(record.getSimpleName() + "." + component.getName(), component.getGenericType());
			}
		}
	}

	@Test
	void documentsEveryFieldOfEveryEvent() {
		for (Class<?> record : ContractRecords.eventsAndNestedRecords()) {
			Javadoc javadoc = ContractRecords.javadocOf(record);
			assertThat(javadoc.description()).as("Javadoc of %s", record.getName()).isNotBlank();
			List<String> components = Arrays.stream(record.getRecordComponents())
				.map(RecordComponent::getName)
				.toList();
			assertThat(javadoc.params().keySet()).as("@param tags of %s", record.getName())
				.containsExactlyInAnyOrderElementsOf(components);
			javadoc.params()
				.forEach((name, text) -> assertThat(text).as("@param %s of %s", name, record.getName()).isNotBlank());
		}
	}

	private static void assertReadable(String where, Type type) {
		if (type instanceof ParameterizedType parameterized) {
			assertThat(parameterized.getRawType()).as("%s: the only generic type is List", where).isEqualTo(List.class);
			Type element = parameterized.getActualTypeArguments()[0];
			// A list cannot hold primitives: its whole numbers are boxed, and never null.
			if (element != Integer.class) {
				assertReadable(where + "[]", element);
			}
			return;
		}
		assertThat(type).as("%s is a plain type", where).isInstanceOf(Class.class);
		Class<?> plain = (Class<?>) type;
		boolean contractType = (plain.isEnum() || plain.isRecord()) && ContractRecords.isInContracts(plain);
		assertThat(WIRE_TYPES.contains(plain) || contractType)
			.as("%s is a %s; events carry primitives (Boolean for a flag added later), String, UUID, Instant, "
					+ "LocalDate, BigDecimal, " + "and enums, records and lists of the contracts module only", where,
					plain.getName())
			.isTrue();
	}

	private static String contextOf(Class<?> event) {
		String packageName = event.getPackageName();
		return packageName.substring(packageName.lastIndexOf('.') + 1);
	}

	private static List<String> topicConstants() {
		return Arrays.stream(Topics.class.getFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.map(EventCatalogTests::valueOf)
			.toList();
	}

	private static String topicConstant(String name) {
		try {
			return valueOf(Topics.class.getField(name));
		}
		catch (NoSuchFieldException ex) {
			throw new AssertionError("Topics has no constant " + name, ex);
		}
	}

	private static String valueOf(Field field) {
		try {
			return (String) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
