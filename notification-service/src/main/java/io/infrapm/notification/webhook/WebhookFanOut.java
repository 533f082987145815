package io.infrapm.notification.webhook;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.routing.EventNames;
import io.infrapm.notification.routing.RoutingSettings;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.events.EventMetadata;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

/**
 * Passes each event on to the webhook subscriptions that want it, as a CloudEvent in the
 * structured JSON format: one delivery per event and subscription, whose id (the
 * {@code webhook-id} the receiver sees) is derived from both, so that a redelivered event
 * records nothing new and a receiver can drop what it has seen by that id.
 */
@Service
public class WebhookFanOut {

	private final WebhookSubscriptions subscriptions;

	private final Notifications notifications;

	private final Clock clock;

	private final RoutingSettings settings;

	private final MeterRegistry registry;

	WebhookFanOut(WebhookSubscriptions subscriptions, Notifications notifications, Clock clock,
			RoutingSettings settings, MeterRegistry registry) {
		this.subscriptions = subscriptions;
		this.notifications = notifications;
		this.clock = clock;
		this.settings = settings;
		this.registry = registry;
	}

	/**
	 * Records the deliveries of one event.
	 * @param event the event
	 * @return {@link HandlingOutcome#APPLIED} if one was new,
	 * {@link HandlingOutcome#DUPLICATE} if all were recorded before,
	 * {@link HandlingOutcome#IGNORED} if no subscription wants it
	 */
	public HandlingOutcome fanOut(IncomingEvent<?> event) {
		EventMetadata metadata = event.metadata();
		if (metadata.time().isBefore(this.clock.instant().minus(this.settings.maxEventAge()))) {
			return HandlingOutcome.IGNORED;
		}
		JsonNode data = EventJson.mapper().valueToTree(event.data());
		if (!data.path("projectId").isString()) {
			return HandlingOutcome.IGNORED;
		}
		UUID projectId = UUID.fromString(data.path("projectId").asString());
		List<WebhookSubscription> wanting = this.subscriptions.matching(EventNames.nameOf(metadata.type()),
				EventNames.sourceOf(metadata.type()), projectId, metadata.time());
		if (wanting.isEmpty()) {
			return HandlingOutcome.IGNORED;
		}
		String body = cloudEvent(metadata, data);
		HandlingOutcome outcome = this.notifications.recordWebhooks(new Cause(event.id(), metadata.type()), projectId,
				wanting.stream()
					.map((subscription) -> new Notifications.WebhookDelivery(subscription.id(),
							subscription.status() == WebhookSubscription.Status.SUSPENDED, body))
					.toList());
		if (outcome == HandlingOutcome.APPLIED) {
			this.registry.counter("infrapm.webhooks.events", "outcome", "recorded").increment();
		}
		return outcome;
	}

	/**
	 * An event in the CloudEvents 1.0 structured JSON format, with the attributes the
	 * Kafka headers carry and the data as it was published.
	 * @param metadata the attributes
	 * @param data the data
	 * @return the JSON
	 */
	static String cloudEvent(EventMetadata metadata, JsonNode data) {
		ObjectNode envelope = EventJson.mapper().createObjectNode();
		envelope.put("specversion", "1.0");
		envelope.put("id", metadata.id().toString());
		envelope.put("source", metadata.source());
		envelope.put("type", metadata.type());
		envelope.put("subject", metadata.subject());
		envelope.put("time", metadata.time().toString());
		if (metadata.isSequenced()) {
			envelope.put("sequence", String.format("%019d", metadata.sequence()));
		}
		envelope.put("datacontenttype", "application/json");
		envelope.set("data", data);
		return EventJson.mapper().writeValueAsString(envelope);
	}

}
