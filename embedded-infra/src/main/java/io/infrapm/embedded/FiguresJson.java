package io.infrapm.embedded;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON that benchmarks and the fault suite write their figures in: maps, lists,
 * numbers, booleans and strings, nothing else, so that they need no JSON library of their
 * own and every figures file reads the same way.
 */
public final class FiguresJson {

	private FiguresJson() {
	}

	/**
	 * Writes figures as JSON.
	 * @param value a map, list, number, boolean or anything else written as a string
	 * @return the JSON text
	 */
	public static String of(Object value) {
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.map((entry) -> quoted(String.valueOf(entry.getKey())) + ":" + of(entry.getValue()))
				.collect(Collectors.joining(",", "{", "}"));
		}
		if (value instanceof List<?> list) {
			return list.stream().map(FiguresJson::of).collect(Collectors.joining(",", "[", "]"));
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return quoted(String.valueOf(value));
	}

	private static String quoted(String text) {
		StringBuilder json = new StringBuilder();
		Json.string(json, text);
		return json.toString();
	}

}
