package io.infrapm.risk.register;

import java.util.List;

import io.infrapm.contracts.EventCatalog;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.outbox.OutboxEntry;

/**
 * The events an aggregate registered since it was loaded, read back as their contract
 * records, for the rules tests.
 */
final class Registered {

	private Registered() {
	}

	/**
	 * The events of one type, in the order they were registered.
	 * @param <T> the contract record
	 * @param aggregate the aggregate
	 * @param type its class
	 * @return the events
	 */
	static <T extends Record> List<T> events(AggregateRoot aggregate, Class<T> type) {
		return aggregate.registeredEvents()
			.stream()
			.filter((e) -> e.type().equals(EventCatalog.typeOf(type)))
			.map(OutboxEntry::payload)
			.map((payload) -> EventJson.mapper().readValue(payload, type))
			.toList();
	}

}
