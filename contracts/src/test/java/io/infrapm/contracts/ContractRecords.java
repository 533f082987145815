package io.infrapm.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The records of the event contract and their Javadoc. The Javadoc is read from the
 * module's sources because it is not kept in the class files.
 */
final class ContractRecords {

	/** The module's sources: Surefire runs in the module, an IDE may run in the root. */
	private static final Path SOURCES = Stream
		.of(Path.of("src", "main", "java"), Path.of("contracts", "src", "main", "java"))
		.filter((candidate) -> Files.isRegularFile(candidate.resolve("io/infrapm/contracts/EventType.java")))
		.findFirst()
		.orElse(Path.of("src", "main", "java"));

	private static final Pattern PARAM = Pattern.compile("^@param\\s+(\\w+)(.*?)(?=^@|\\z)",
			Pattern.DOTALL | Pattern.MULTILINE);

	private static final Pattern BLOCK_TAG = Pattern.compile("^@", Pattern.MULTILINE);

	/**
	 * Only whitespace, annotations and modifiers may stand between a Javadoc comment and
	 * the declaration it documents; anything else means the comment belongs elsewhere.
	 */
	private static final Pattern BETWEEN_DOC_AND_DECLARATION = Pattern
		.compile("(?:\\s|@[\\w.]+(?:\\([^)]*\\))?|public|protected|private|static|final|strictfp)*");

	private ContractRecords() {
	}

	/**
	 * Every event record of the catalogue, topic by topic.
	 * @return the event records
	 */
	static List<Class<? extends Record>> events() {
		return EventCatalog.topics().stream().flatMap((topic) -> EventCatalog.eventsOn(topic).stream()).toList();
	}

	/**
	 * The event records and every contract record they contain, at any depth.
	 * @return the records, events first
	 */
	static Set<Class<?>> eventsAndNestedRecords() {
		Set<Class<?>> found = new LinkedHashSet<>();
		events().forEach((event) -> collectRecords(event, found));
		return found;
	}

	/**
	 * Whether a type is a record of the contracts module.
	 * @param type the type
	 * @return {@code true} for a record in {@code io.infrapm.contracts} or below
	 */
	static boolean isContractRecord(Class<?> type) {
		return type.isRecord() && isInContracts(type);
	}

	/**
	 * Whether a type belongs to the contracts module.
	 * @param type the type
	 * @return {@code true} for a type in {@code io.infrapm.contracts} or below
	 */
	static boolean isInContracts(Class<?> type) {
		String contracts = EventType.class.getPackageName();
		return type.getPackageName().equals(contracts) || type.getPackageName().startsWith(contracts + ".");
	}

	/**
	 * The Javadoc of a record, read from its source file.
	 * @param record the record
	 * @return its Javadoc, {@link Javadoc#NONE} if it has none
	 */
	static Javadoc javadocOf(Class<?> record) {
		String source = sourceOf(record);
		Matcher declaration = Pattern.compile("\\brecord\\s+" + record.getSimpleName() + "\\s*[(<]").matcher(source);
		if (!declaration.find()) {
			throw new IllegalStateException("No declaration of record " + record.getSimpleName() + " in its source");
		}
		String before = source.substring(0, declaration.start());
		int end = before.lastIndexOf("*/");
		int start = (end >= 0) ? before.lastIndexOf("/**", end) : -1;
		if (start < 0 || !BETWEEN_DOC_AND_DECLARATION.matcher(before.substring(end + 2)).matches()) {
			return Javadoc.NONE;
		}
		String body = before.substring(start + 3, end)
			.lines()
			.map((line) -> line.strip().replaceFirst("^\\*\\s?", ""))
			.collect(Collectors.joining("\n"));
		Matcher firstTag = BLOCK_TAG.matcher(body);
		String description = firstTag.find() ? body.substring(0, firstTag.start()) : body;
		Map<String, String> params = new LinkedHashMap<>();
		Matcher param = PARAM.matcher(body);
		while (param.find()) {
			params.put(param.group(1), normalize(param.group(2)));
		}
		return new Javadoc(normalize(description), params);
	}

	private static String sourceOf(Class<?> type) {
		Class<?> topLevel = type;
		while (topLevel.getEnclosingClass() != null) {
			topLevel = topLevel.getEnclosingClass();
		}
		Path file = SOURCES.resolve(topLevel.getName().replace('.', '/') + ".java");
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot read the source of " + type.getName() + " at " + file.toAbsolutePath(), ex);
		}
	}

	private static String normalize(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	private static void collectRecords(Type type, Set<Class<?>> found) {
		if (type instanceof ParameterizedType parameterized) {
			collectRecords(parameterized.getRawType(), found);
			Arrays.stream(parameterized.getActualTypeArguments())
				.forEach((argument) -> collectRecords(argument, found));
		}
		else if (type instanceof GenericArrayType array) {
			collectRecords(array.getGenericComponentType(), found);
		}
		else if (type instanceof Class<?> simple) {
			if (simple.isArray()) {
				collectRecords(simple.getComponentType(), found);
			}
			else if (isContractRecord(simple) && found.add(simple)) {
				for (RecordComponent component : simple.getRecordComponents()) {
					collectRecords(component.getGenericType(), found);
				}
			}
		}
	}

	/**
	 * The Javadoc of a record.
	 *
	 * @param description the main description, whitespace collapsed
	 * @param params the text of each {@code @param} tag by component name, whitespace
	 * collapsed
	 */
	record Javadoc(String description, Map<String, String> params) {

		static final Javadoc NONE = new Javadoc("", Map.of());

		/**
		 * Whether the Javadoc says a component may be {@code null}: by convention its
		 * {@code @param} text then contains "or &#123;@code null&#125;".
		 * @param component the component name
		 * @return {@code true} if the component is documented as nullable
		 */
		boolean allowsNull(String component) {
			return this.params.getOrDefault(component, "").contains("or {@code null}");
		}

	}

}
