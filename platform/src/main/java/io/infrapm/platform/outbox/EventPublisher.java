package io.infrapm.platform.outbox;

import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * The port the relay publishes through. An event counts as published only once the broker
 * has acknowledged it on all in-sync replicas.
 */
@FunctionalInterface
public interface EventPublisher {

	/**
	 * Publishes one event and waits for the acknowledgement.
	 * @param entry the event
	 * @throws RuntimeException if the broker did not acknowledge it
	 */
	void publish(OutboxEntry entry);

	/**
	 * Publishes a backlog in order and tells how much of it, from the head, the broker
	 * has acknowledged. Only that prefix may be removed from the outbox: an event after
	 * one that failed may have reached the topic too, but it is published again with the
	 * failed one, so that a consumer never sees event n+1 without event n. A publisher
	 * that can keep several sends in flight without losing their order overrides this; by
	 * default the events are sent one at a time.
	 * @param entries the events, oldest first
	 * @return how many of them, from the first, were acknowledged
	 */
	default int publishAll(List<OutboxEntry> entries) {
		int acknowledged = 0;
		for (OutboxEntry entry : entries) {
			try {
				publish(entry);
			}
			catch (RuntimeException ex) {
				LoggerFactory.getLogger(EventPublisher.class)
					.warn("Event {} was not acknowledged after {} of {}", entry.eventId(), acknowledged, entries.size(),
							ex);
				return acknowledged;
			}
			acknowledged++;
		}
		return acknowledged;
	}

}
