package io.infrapm.embedded;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Request bodies that a service must refuse without a 5xx, generated from a valid body
 * for the service's own tests: each is the valid body with one thing wrong (a value of
 * the wrong type, a huge or odd number, an exponent, a date out of range or malformed, a
 * null, a missing field, deep nesting, a huge string, an unknown enum value, unicode
 * oddities, an array for an object), or broken JSON, or the wrong content type. A fixed
 * seed gives the same bodies on every run, so a failure can be reproduced from its
 * description.
 * <p>
 * A valid body is a tree of {@link Map}s (with string keys), {@link List}s, strings,
 * numbers, booleans, {@code null} and {@link Raw} tokens. Typical use:
 *
 * <pre class="code">
 * for (MalformedBodies.Body body : MalformedBodies.generate((i) -&gt; validProject("fz-" + i), 42, 1200)) {
 *     // POST body.content() with body.contentType(); expect a 4xx problem
 * }
 * </pre>
 */
public final class MalformedBodies {

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");

	private static final List<Object> NUMBERS = List.of(raw("123456789012345678901234567890123456"), raw("1E+10000"),
			raw("1E-10000"), raw("1E+2147483647"), raw("1e99999999999"), raw("-1E+400"), raw("9".repeat(999)),
			raw("9".repeat(1500)), raw("0." + "0".repeat(500) + "1"), raw("-0"), raw("-0.0000001"), raw("1.005"),
			raw("3.14159265358979323846264338327950288419"), raw("9223372036854775808"), raw("-9223372036854775809"),
			raw("1e-7"), raw("-1"), raw("0"));

	private static final List<Object> BROKEN_NUMBERS = List.of(raw("NaN"), raw("Infinity"), raw("-Infinity"),
			raw("0x10"), raw("01"), raw("1."), raw(".5"), raw("+1"), raw("1e"), raw("--1"), raw("1_000"), raw("1,5"));

	private static final List<Object> DATES = List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01",
			"0001-01-01", "1899-12-31", "+10000-01-01", "10000-01-01", "2025-02-30", "2025-02-29", "2025-13-01",
			"2025-00-10", "2025-1-1", "20250101", "2025/06/30", "30.06.2025", "2025-06-30T10:00:00Z", "2025-06-30 ",
			" 2025-06-30", "2025-06-30\u0000", "\u0662\u0660\u0662\u0665-\u0660\u0661-\u0660\u0661",
			"\uFF12\uFF10\uFF12\uFF15-01-01", "yesterday", "", raw("20250630"), raw("[2025,6,30]"),
			raw("{\"year\":2025}"));

	private static final List<Object> STRINGS = List.of("", " ", "\t\n", "x".repeat(100_000), "\u00e9".repeat(5_000),
			"\uD800", "\uDC00x", "\u0000", "\u202Eevil", "\u200B", "\uFEFF", "e\u0301\u0301\u0301",
			"\uD83D\uDE00".repeat(300), "\uFFFF", "\uFFFD", "\u0085\u2028\u2029", "<script>alert(1)</script>",
			"' OR '1'='1", "{\"nested\":1}", "%00%0a", "../../etc/passwd", "\\u0000");

	private static final List<Object> WRONG_TYPES = List.of(raw("true"), raw("false"), raw("0"), raw("-1"), raw("3.5"),
			"text", Map.of(), Map.of("value", 1), List.of(), List.of("x"), List.of(List.of()));

	private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
			"application/json;charset=bogus", "application/json; charset=ISO-8859-1",
			"application/json; charset=UTF-16", "application/json; charset=UTF-32", "application/", "json", "*/*",
			"application/*", "@@@", "application/json; q=oops", "application/json;;", "application/json, text/plain");

	private static final List<String> BROKEN_BODIES = List.of("", " ", "\n\n", "null", "true", "0", "\"text\"", "[]",
			"[null]", "{", "}", "{}}", "{{}}", "[{}", "{\"a\"}", "{\"a\":}", "{:1}", "{\"a\":1,}", "{'a':1}", "{a:1}",
			"/* comment */ {}", "{} // comment", "{\"a\":1}{\"b\":2}", "\u0000", "\uFEFF{}");

	private MalformedBodies() {
	}

	/**
	 * Generates malformed bodies.
	 * @param validBody the valid body of case {@code i}; a fresh tree per call, so that
	 * each case can carry its own unique key
	 * @param seed the seed of the random choices
	 * @param count how many bodies
	 * @return the bodies, in a stable order for a given seed
	 */
	public static List<Body> generate(IntFunction<Map<String, Object>> validBody, long seed, int count) {
		Random random = new Random(seed);
		List<Body> bodies = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			bodies.add(mutate(validBody.apply(i), random, i));
		}
		return bodies;
	}

	private static Body mutate(Map<String, Object> body, Random random, int index) {
		List<List<Object>> paths = new ArrayList<>();
		collectPaths(body, new ArrayList<>(), paths);
		List<Object> path = paths.get(random.nextInt(paths.size()));
		String at = describe(path);
		int kind = random.nextInt(100);
		if (kind < 30) {
			Object value = badValueFor(get(body, path), random);
			set(body, path, value);
			return json(index, at + " := " + shorten(value), body);
		}
		if (kind < 40) {
			Object value = pick(WRONG_TYPES, random);
			set(body, path, value);
			return json(index, at + " := " + shorten(value), body);
		}
		if (kind < 48) {
			set(body, path, null);
			return json(index, at + " := null", body);
		}
		if (kind < 56) {
			if (path.get(path.size() - 1) instanceof String) {
				remove(body, path);
				return json(index, at + " removed", body);
			}
			set(body, path, pick(NUMBERS, random));
			return json(index, at + " := a number", body);
		}
		if (kind < 62) {
			int depth = List.of(50, 600, 2_000, 5_000).get(random.nextInt(4));
			boolean arrays = random.nextBoolean();
			set(body, path, raw((arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth)));
			return json(index, at + " := nested " + depth + " deep in " + (arrays ? "arrays" : "objects"), body);
		}
		if (kind < 66) {
			Object value = get(body, path);
			set(body, path, List.of((value != null) ? value : "x", "y"));
			return json(index, at + " := an array of it", body);
		}
		if (kind < 70) {
			Map<String, Object> target = body;
			Object value = get(body, path);
			if (value instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> nested = (Map<String, Object>) map;
				target = nested;
			}
			target.put(
					pick(List.of("unknown", "__proto__", "constructor", "id", "version", "outbox", "_class"), random),
					pick(WRONG_TYPES, random));
			return json(index, at + " gets an unknown field", body);
		}
		if (kind < 82) {
			return broken(index, body, random);
		}
		if (kind < 92) {
			String type = pick(CONTENT_TYPES, random);
			return new Body("#" + index + " content type " + type, type, utf8(write(body)));
		}
		if (kind < 96) {
			return json(index, "the body in an array", List.of(body));
		}
		String text = pick(BROKEN_BODIES, random);
		return new Body("#" + index + " body " + shorten(text), "application/json", utf8(text));
	}

	/** JSON broken at one place: cut short, a character lost, inserted or doubled. */
	private static Body broken(int index, Map<String, Object> body, Random random) {
		String text = write(body);
		int at = random.nextInt(text.length());
		return switch (random.nextInt(8)) {
			case 0 -> new Body("#" + index + " cut at " + at, "application/json", utf8(text.substring(0, at)));
			case 1 -> new Body("#" + index + " character " + at + " removed", "application/json",
					utf8(text.substring(0, at) + text.substring(at + 1)));
			case 2 -> {
				char c = "{}[],:\"\\'".charAt(random.nextInt(9));
				yield new Body("#" + index + " '" + c + "' inserted at " + at, "application/json",
						utf8(text.substring(0, at) + c + text.substring(at)));
			}
			case 3 -> new Body("#" + index + " trailing comma", "application/json",
					utf8(text.substring(0, text.length() - 1) + ",}"));
			case 4 -> new Body("#" + index + " single quotes", "application/json", utf8(text.replace('"', '\'')));
			case 5 -> new Body("#" + index + " garbage after the body", "application/json", utf8(text + "garbage"));
			case 6 -> {
				byte[] bytes = utf8(text);
				byte[] invalid = new byte[bytes.length + 2];
				System.arraycopy(bytes, 0, invalid, 0, at);
				// A lead byte without its continuation: not UTF-8.
				invalid[at] = (byte) 0xC3;
				invalid[at + 1] = (byte) 0x28;
				System.arraycopy(bytes, at, invalid, at + 2, bytes.length - at);
				yield new Body("#" + index + " invalid UTF-8 at byte " + at, "application/json", invalid);
			}
			default -> new Body("#" + index + " body doubled", "application/json", utf8(text + text));
		};
	}

	private static Object badValueFor(Object value, Random random) {
		if (value instanceof String text && DATE.matcher(text).matches()) {
			return pick(DATES, random);
		}
		if (value instanceof Number || value instanceof Raw) {
			return random.nextInt(4) == 0 ? pick(BROKEN_NUMBERS, random) : pick(NUMBERS, random);
		}
		if (value instanceof String text && CONSTANT.matcher(text).matches()) {
			return pick(
					List.of("NOT_A_" + text, text.toLowerCase(Locale.ROOT), " " + text, text + " ", "",
							text.replace('_', '-'), raw("0"), raw("99"), raw("-1"), text + "\u0000", "\u0130" + text),
					random);
		}
		if (value instanceof String) {
			return pick(STRINGS, random);
		}
		return pick(WRONG_TYPES, random);
	}

	private static Body json(int index, String description, Object body) {
		return new Body("#" + index + " " + description, "application/json", utf8(write(body)));
	}

	private static void collectPaths(Object node, List<Object> path, List<List<Object>> paths) {
		if (node instanceof Map<?, ?> map) {
			for (Object key : map.keySet()) {
				List<Object> child = new ArrayList<>(path);
				child.add(key);
				paths.add(child);
				collectPaths(map.get(key), child, paths);
			}
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				List<Object> child = new ArrayList<>(path);
				child.add(i);
				paths.add(child);
				collectPaths(list.get(i), child, paths);
			}
		}
	}

	private static Object get(Object root, List<Object> path) {
		Object node = root;
		for (Object step : path) {
			node = (step instanceof Integer i) ? ((List<?>) node).get(i) : ((Map<?, ?>) node).get(step);
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	private static void set(Object root, List<Object> path, Object value) {
		Object parent = get(root, path.subList(0, path.size() - 1));
		Object last = path.get(path.size() - 1);
		if (last instanceof Integer i) {
			((List<Object>) parent).set(i, value);
		}
		else {
			((Map<String, Object>) parent).put((String) last, value);
		}
	}

	private static void remove(Object root, List<Object> path) {
		((Map<?, ?>) get(root, path.subList(0, path.size() - 1))).remove(path.get(path.size() - 1));
	}

	private static String describe(List<Object> path) {
		StringBuilder text = new StringBuilder();
		for (Object step : path) {
			if (step instanceof Integer i) {
				text.append('[').append(i).append(']');
			}
			else {
				text.append(text.isEmpty() ? "" : ".").append(step);
			}
		}
		return text.toString();
	}

	private static <T> T pick(List<T> values, Random random) {
		return values.get(random.nextInt(values.size()));
	}

	private static String shorten(Object value) {
		String text = (value instanceof String s) ? "\"" + s + "\"" : write(value);
		return (text.length() > 60) ? text.substring(0, 60) + "... (" + text.length() + " chars)" : text;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Writes a tree as JSON. Strings are escaped so that any character, a lone surrogate
	 * included, reaches the server as the client sent it.
	 * @param tree the tree
	 * @return the JSON text
	 */
	public static String write(Object tree) {
		StringBuilder json = new StringBuilder();
		write(tree, json);
		return json.toString();
	}

	private static void write(Object node, StringBuilder json) {
		if (node == null) {
			json.append("null");
		}
		else if (node instanceof Raw raw) {
			json.append(raw.json());
		}
		else if (node instanceof String text) {
			json.append('"');
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '"' || c == '\\') {
					json.append('\\').append(c);
				}
				else if (c < 0x20 || Character.isSurrogate(c) || c > 0x7E) {
					json.append(String.format("\\u%04x", (int) c));
				}
				else {
					json.append(c);
				}
			}
			json.append('"');
		}
		else if (node instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(first ? "" : ",");
				first = false;
				write(String.valueOf(entry.getKey()), json);
				json.append(':');
				write(entry.getValue(), json);
			}
			json.append('}');
		}
		else if (node instanceof List<?> list) {
			json.append('[');
			for (int i = 0; i < list.size(); i++) {
				json.append((i > 0) ? "," : "");
				write(list.get(i), json);
			}
			json.append(']');
		}
		else {
			json.append(node);
		}
	}

	/**
	 * A JSON token written as it is, for numbers no Java type holds ({@code 1E+10000})
	 * and for text that is not JSON at all.
	 * @param json the token
	 * @return the token
	 */
	public static Raw raw(String json) {
		return new Raw(json);
	}

	/**
	 * A JSON token written as it is.
	 *
	 * @param json the token
	 */
	public record Raw(String json) {
	}

	/**
	 * One malformed request body.
	 *
	 * @param description what is wrong with it, with its case number
	 * @param contentType the {@code Content-Type} to send it with
	 * @param content the bytes to send
	 */
	public record Body(String description, String contentType, byte[] content) {

		@Override
		public String toString() {
			return this.description;
		}

	}

}
