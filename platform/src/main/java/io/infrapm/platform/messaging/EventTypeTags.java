package io.infrapm.platform.messaging;

import io.infrapm.contracts.EventCatalog;

/**
 * The {@code type} tag of event metrics. Only the types of the catalogue become tag
 * values; whatever else arrives in a {@code ce_type} header (a typo, another system's
 * events, an attacker's random strings) counts under {@value #OTHER}, so that no producer
 * can make a consumer's metrics grow without bound.
 */
final class EventTypeTags {

	/** The tag value of every type outside the catalogue. */
	static final String OTHER = "other";

	private EventTypeTags() {
	}

	static String of(String type) {
		return (type != null && EventCatalog.recordFor(type).isPresent()) ? type : OTHER;
	}

}
