package io.infrapm.risk.register;

import io.infrapm.platform.problem.RuleViolationException;

/** The text fields of register entries: stripped, blank refused or dropped. */
final class RaidText {

	private RaidText() {
	}

	static String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new RuleViolationException(field, "must not be blank");
		}
		return value.strip();
	}

	static String optional(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
