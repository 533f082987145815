package io.infrapm.platform.messaging;

/**
 * Applies one type of incoming event. Every effect must be a single-document conditional
 * write keyed by the event id (see
 * {@link io.infrapm.platform.idempotency.EventIdempotency}), so that a redelivery changes
 * nothing.
 *
 * @param <T> the contract record
 */
@FunctionalInterface
public interface EventHandler<T> {

	/**
	 * Applies the event.
	 * @param event the event
	 * @return whether it was applied now or had been before
	 */
	HandlingOutcome handle(IncomingEvent<T> event);

}
