package io.infrapm.platform.messaging;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.infrapm.contracts.EventCatalog;
import io.infrapm.platform.events.CloudEventHeaders;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.events.EventMetadata;
import io.infrapm.platform.events.PoisonEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Routes the records of one input binding to handlers by their {@code ce_type}. Types the
 * service does not handle are skipped (other consumers may need them); a record whose
 * envelope is broken, whose data is not valid JSON for its type, or whose type is a
 * version of a known event this service does not understand is poison: it raises
 * {@link PoisonEventException}, which goes to the dead-letter topic without retrying.
 * Other handler failures are retried as {@link DeadLetterErrorHandling} decides: for as
 * long as the infrastructure is away, or a bounded number of times. Types outside the
 * catalogue count under one {@code other} tag.
 */
public final class EventRouter implements Consumer<Message<byte[]>> {

	private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

	private final Map<String, Route<?>> routes;

	private final Set<String> knownNames;

	private final MeterRegistry registry;

	private EventRouter(Map<String, Route<?>> routes, MeterRegistry registry) {
		this.routes = Map.copyOf(routes);
		this.registry = registry;
		Set<String> names = new HashSet<>();
		routes.keySet().forEach((type) -> names.add(logicalName(type)));
		this.knownNames = Set.copyOf(names);
	}

	/**
	 * Starts a router.
	 * @param registry where consumption metrics go
	 * @return a builder
	 */
	public static Builder builder(MeterRegistry registry) {
		return new Builder(registry);
	}

	@Override
	public void accept(Message<byte[]> message) {
		EventMetadata metadata;
		try {
			metadata = CloudEventHeaders.read(message.getHeaders());
		}
		catch (PoisonEventException ex) {
			count(EventTypeTags.OTHER, "poison");
			throw ex;
		}
		try {
			Route<?> route = this.routes.get(metadata.type());
			if (route == null) {
				if (this.knownNames.contains(logicalName(metadata.type()))) {
					throw new PoisonEventException("Unsupported version " + metadata.type());
				}
				count(metadata.type(), HandlingOutcome.IGNORED.name());
				return;
			}
			String key = CloudEventHeaders.text(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY));
			HandlingOutcome outcome = route.handle(metadata, key, message.getPayload());
			count(metadata.type(), outcome.name());
			log.debug("{} {} {}", outcome, metadata.type(), metadata.id());
		}
		catch (PoisonEventException ex) {
			count(metadata.type(), "poison");
			throw ex;
		}
		catch (RuntimeException ex) {
			// Counted per attempt: the binder retries, then dead-letters.
			count(metadata.type(), "failed");
			throw ex;
		}
	}

	private void count(String type, String outcome) {
		this.registry
			.counter("infrapm.events.consumed", "type", EventTypeTags.of(type), "outcome", outcome.toLowerCase())
			.increment();
	}

	/**
	 * {@code io.infrapm.project.ProjectCreated.v1} →
	 * {@code io.infrapm.project.ProjectCreated}.
	 */
	static String logicalName(String type) {
		int version = type.lastIndexOf(".v");
		return (version > 0) ? type.substring(0, version) : type;
	}

	private record Route<T>(Class<T> type, EventHandler<T> handler, Timer timer) {

		@SuppressWarnings("unchecked")
		<U> Route<T> then(Class<U> otherType, EventHandler<U> next) {
			if (!this.type.equals(otherType)) {
				throw new IllegalStateException("Two records for one event type: " + this.type + ", " + otherType);
			}
			EventHandler<T> first = this.handler;
			EventHandler<T> second = (EventHandler<T>) next;
			return new Route<>(this.type, (event) -> {
				HandlingOutcome one = first.handle(event);
				HandlingOutcome two = second.handle(event);
				return (one == HandlingOutcome.APPLIED || two == HandlingOutcome.APPLIED) ? HandlingOutcome.APPLIED
						: one;
			}, this.timer);
		}

		HandlingOutcome handle(EventMetadata metadata, String key, byte[] payload) {
			T data;
			try {
				data = EventJson.mapper().readValue(payload, this.type);
			}
			catch (JacksonException ex) {
				throw new PoisonEventException("Data of " + metadata.type() + " " + metadata.id() + " is not valid: "
						+ ex.getOriginalMessage(), ex);
			}
			if (data == null) {
				throw new PoisonEventException("Data of " + metadata.type() + " " + metadata.id() + " is empty");
			}
			IncomingEvent<T> event = new IncomingEvent<>(metadata, key, data);
			return this.timer.record(() -> this.handler.handle(event));
		}

	}

	/**
	 * Collects the handlers of one binding.
	 */
	public static final class Builder {

		private final MeterRegistry registry;

		private final Map<String, Route<?>> routes = new HashMap<>();

		private Builder(MeterRegistry registry) {
			this.registry = registry;
		}

		/**
		 * Handles one event type. A type may have several handlers (a service's own and
		 * the membership copy's): they run in the order they were added, each idempotent
		 * on its own, so that a retry after one of them failed re-runs the others
		 * harmlessly. The event counts as applied if any of them applied it.
		 * @param <T> the contract record
		 * @param type the contract record class
		 * @param handler the handler
		 * @return this builder
		 */
		public <T extends Record> Builder on(Class<T> type, EventHandler<T> handler) {
			String wireType = EventCatalog.typeOf(type);
			Route<?> earlier = this.routes.get(wireType);
			if (earlier != null) {
				this.routes.put(wireType, earlier.then(type, handler));
				return this;
			}
			Timer timer = Timer.builder("infrapm.events.handling")
				.description("Time to apply one incoming event")
				.tag("type", wireType)
				.register(this.registry);
			this.routes.put(wireType, new Route<>(type, handler, timer));
			return this;
		}

		/**
		 * Builds the router.
		 * @return the router, a {@code Consumer<Message<byte[]>>} to expose as a function
		 * bean
		 */
		public EventRouter build() {
			return new EventRouter(this.routes, this.registry);
		}

	}

}
