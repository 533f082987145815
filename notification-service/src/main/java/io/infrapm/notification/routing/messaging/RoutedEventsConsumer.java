package io.infrapm.notification.routing.messaging;

import java.util.function.Consumer;

import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.Topics;
import io.infrapm.notification.audience.Directory;
import io.infrapm.notification.digest.Pulses;
import io.infrapm.notification.routing.Router;
import io.infrapm.notification.webhook.WebhookFanOut;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.security.ProjectMemberships;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.messaging.Message;

/**
 * What notification-service takes in: every event of {@code infrapm.project.v1},
 * {@code infrapm.risk.v1} and {@code infrapm.budget.v1}, each routed to the people its
 * rules name. Project events first keep the membership copy (for authorising requests)
 * and the recipient directory, so that an event is routed to the project as it stands
 * after it.
 */
@Configuration(proxyBeanMethods = false)
class RoutedEventsConsumer {

	/**
	 * This service's own copy of who belongs to which project, for authorising requests.
	 */
	@Bean
	ProjectMemberships projectMemberships(MongoOperations mongo) {
		return new ProjectMemberships(mongo);
	}

	@Bean
	Consumer<Message<byte[]>> projectEvents(Directory directory, ProjectMemberships memberships, Pulses pulses,
			Router router, WebhookFanOut webhooks, MeterRegistry registry) {
		return routeAll(pulses.trackHealth(directory.track(memberships.track(EventRouter.builder(registry)))),
				Topics.PROJECT, router, webhooks);
	}

	@Bean
	Consumer<Message<byte[]>> riskEvents(Pulses pulses, Router router, WebhookFanOut webhooks, MeterRegistry registry) {
		return routeAll(pulses.trackRisk(EventRouter.builder(registry)), Topics.RISK, router, webhooks);
	}

	@Bean
	Consumer<Message<byte[]>> budgetEvents(Pulses pulses, Router router, WebhookFanOut webhooks,
			MeterRegistry registry) {
		return routeAll(pulses.trackBudget(EventRouter.builder(registry)), Topics.BUDGET, router, webhooks);
	}

	private static EventRouter routeAll(EventRouter.Builder builder, String topic, Router router,
			WebhookFanOut webhooks) {
		EventCatalog.eventsOn(topic).forEach((type) -> route(builder, type, router, webhooks));
		return builder.build();
	}

	/**
	 * Passes the event on to webhook subscriptions first (they need no directory), then
	 * routes it to people; both record each delivery once, so a retry after either failed
	 * repeats nothing.
	 */
	private static <T extends Record> void route(EventRouter.Builder builder, Class<T> type, Router router,
			WebhookFanOut webhooks) {
		builder.on(type, (IncomingEvent<T> event) -> strongest(webhooks.fanOut(event), router.route(event)));
	}

	/** Applied if either applied, else a duplicate if either was, else ignored. */
	static HandlingOutcome strongest(HandlingOutcome first, HandlingOutcome second) {
		if (first == HandlingOutcome.APPLIED || second == HandlingOutcome.APPLIED) {
			return HandlingOutcome.APPLIED;
		}
		if (first == HandlingOutcome.DUPLICATE || second == HandlingOutcome.DUPLICATE) {
			return HandlingOutcome.DUPLICATE;
		}
		return HandlingOutcome.IGNORED;
	}

}
