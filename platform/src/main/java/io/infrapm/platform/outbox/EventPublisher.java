package io.infrapm.platform.outbox;

/**
 * The port the relay publishes through. Returns only once the broker has acknowledged the
 * event on all in-sync replicas.
 */
public interface EventPublisher {

	/**
	 * Publishes one event and waits for the acknowledgement.
	 * @param entry the event
	 * @throws RuntimeException if the broker did not acknowledge it
	 */
	void publish(OutboxEntry entry);

}
