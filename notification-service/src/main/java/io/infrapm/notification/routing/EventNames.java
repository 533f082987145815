package io.infrapm.notification.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.Topics;

/**
 * The names routing rules use for events: the logical name of each event this service
 * routes ({@code MilestoneMissed}, without package or version), and one wildcard per
 * source ({@code project.*}, {@code risk.*}, {@code budget.*}).
 */
public final class EventNames {

	/** The topics whose events are routed, by the source name rules use. */
	public static final Map<String, String> SOURCES = Map.of("project", Topics.PROJECT, "risk", Topics.RISK, "budget",
			Topics.BUDGET);

	private static final Map<String, Class<? extends Record>> BY_NAME = byName();

	private EventNames() {
	}

	private static Map<String, Class<? extends Record>> byName() {
		Map<String, Class<? extends Record>> names = new LinkedHashMap<>();
		List.of("project", "risk", "budget")
			.forEach((source) -> EventCatalog.eventsOn(SOURCES.get(source))
				.forEach((type) -> names.put(type.getSimpleName(), type)));
		return names;
	}

	/**
	 * The logical name of a wire type.
	 * @param type e.g. {@code io.infrapm.project.MilestoneMissed.v1}
	 * @return e.g. {@code MilestoneMissed}
	 */
	public static String nameOf(String type) {
		String[] parts = type.split("\\.");
		return (parts.length >= 2) ? parts[parts.length - 2] : type;
	}

	/**
	 * The source of a wire type.
	 * @param type e.g. {@code io.infrapm.project.MilestoneMissed.v1}
	 * @return e.g. {@code project}
	 */
	public static String sourceOf(String type) {
		String[] parts = type.split("\\.");
		return (parts.length >= 4) ? parts[parts.length - 3] : "";
	}

	/**
	 * The contract record of a name.
	 * @param name a logical name
	 * @return the record, if this service routes such events
	 */
	public static Optional<Class<? extends Record>> recordOf(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

	/**
	 * Whether a rule may name this.
	 * @param name a logical name or a wildcard such as {@code risk.*}
	 * @return {@code true} if known
	 */
	public static boolean isKnown(String name) {
		return BY_NAME.containsKey(name) || isWildcard(name);
	}

	static boolean isWildcard(String name) {
		return name.endsWith(".*") && SOURCES.containsKey(name.substring(0, name.length() - 2));
	}

	/**
	 * Every logical name, for documentation and error messages.
	 * @return the names, by source
	 */
	public static List<String> all() {
		return List.copyOf(BY_NAME.keySet());
	}

}
