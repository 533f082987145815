package io.infrapm.notification.routing;

import java.math.BigDecimal;
import java.util.Arrays;

import tools.jackson.databind.JsonNode;

/**
 * A test on one field of an event's data, e.g. {@code thresholdPercent AT_LEAST 90}.
 *
 * @param field the field, dotted for nested ones ({@code owner.email})
 * @param operator how it is compared
 * @param value what it is compared with; for {@link Operator#IN} a comma-separated list
 */
public record Condition(String field, Operator operator, String value) {

	/**
	 * Whether an event's data passes the test. A field the event does not carry passes
	 * only {@link Operator#NOT_EQUALS}.
	 * @param data the event's data
	 * @return {@code true} if it passes
	 */
	public boolean matches(JsonNode data) {
		JsonNode found = data;
		for (String part : this.field.split("\\.")) {
			found = found.path(part);
		}
		JsonNode node = found;
		if (node.isMissingNode() || node.isNull()) {
			return this.operator == Operator.NOT_EQUALS;
		}
		return switch (this.operator) {
			case EQUALS -> same(node, this.value);
			case NOT_EQUALS -> !same(node, this.value);
			case IN -> Arrays.stream(this.value.split(",")).anyMatch((one) -> same(node, one.strip()));
			case AT_LEAST -> node.isNumber() && node.decimalValue().compareTo(new BigDecimal(this.value.strip())) >= 0;
			case AT_MOST -> node.isNumber() && node.decimalValue().compareTo(new BigDecimal(this.value.strip())) <= 0;
		};
	}

	private static boolean same(JsonNode node, String value) {
		if (node.isNumber()) {
			try {
				return node.decimalValue().compareTo(new BigDecimal(value.strip())) == 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		if (node.isBoolean()) {
			return Boolean.toString(node.booleanValue()).equalsIgnoreCase(value.strip());
		}
		return node.isValueNode() && node.asString().equals(value.strip());
	}

	/**
	 * How a field is compared.
	 */
	public enum Operator {

		/** Equal to the value (numbers by value, booleans and text as written). */
		EQUALS,
		/** Not equal to the value, or absent. */
		NOT_EQUALS,
		/** One of the comma-separated values. */
		IN,
		/** A number at least the value. */
		AT_LEAST,
		/** A number at most the value. */
		AT_MOST

	}

}
