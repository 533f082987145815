package io.infrapm.platform.outbox;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.observability.ObservabilityAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * The outbox relay: publishes what aggregates recorded in their {@code outbox} arrays.
 * Switched off with {@code infrapm.outbox.enabled=false}.
 */
@AutoConfiguration(after = { DataMongoAutoConfiguration.class, ObservabilityAutoConfiguration.class })
@ConditionalOnBean(MongoTemplate.class)
@ConditionalOnProperty(prefix = "infrapm.outbox", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventPublisher outboxEventPublisher(ObjectProvider<StreamBridge> bridge, OutboxSettings settings,
			Environment environment) {
		String source = (settings.source() != null) ? settings.source()
				: "/infrapm/" + environment.getProperty("spring.application.name", "unnamed-service");
		// Resolved on first use: the bridge is created by the binder's own configuration.
		return new StreamBridgeEventPublisher(bridge::getObject, settings.binding(), source);
	}

	@Bean
	OutboxRelay outboxRelay(MongoTemplate mongo, MongoMappingContext mappingContext, EventPublisher publisher,
			OutboxSettings settings, InstanceIdentity identity, ObjectProvider<MeterRegistry> registry,
			ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		OutboxLeases leases = new OutboxLeases(mongo, identity.instance(), settings.lease(), time);
		// Two threads keep publishing off the request threads; when the queue is full the
		// sweep takes over, so nothing is dropped.
		ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(10_000), (task) -> {
					Thread thread = new Thread(task, "outbox-relay");
					thread.setDaemon(true);
					return thread;
				});
		return new OutboxRelay(mongo, publisher, leases, collectionsWithOutbox(mappingContext), executor, time,
				settings.batchSize(), registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	OutboxTrigger outboxTrigger(OutboxRelay relay) {
		return new OutboxTrigger(relay);
	}

	@Bean
	OutboxSweeper outboxSweeper(OutboxRelay relay, OutboxSettings settings) {
		return new OutboxSweeper(relay, settings.sweepInterval());
	}

	private static List<String> collectionsWithOutbox(MongoMappingContext mappingContext) {
		return mappingContext.getPersistentEntities()
			.stream()
			.filter((entity) -> PublishesEvents.class.isAssignableFrom(entity.getType()))
			.map(MongoPersistentEntity::getCollection)
			.distinct()
			.sorted()
			.toList();
	}

}
