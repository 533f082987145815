package io.infrapm.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.infrapm.platform.events.DurableProducers;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.observability.ObservabilityAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * The outbox relay: publishes what aggregates recorded in their {@code outbox} arrays.
 * Switched off with {@code infrapm.outbox.enabled=false}.
 */
@AutoConfiguration(after = { DataMongoAutoConfiguration.class, KafkaAutoConfiguration.class,
		ObservabilityAutoConfiguration.class })
@ConditionalOnBean(MongoTemplate.class)
@ConditionalOnProperty(prefix = "infrapm.outbox", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventPublisher outboxEventPublisher(ObjectProvider<KafkaProperties> kafka, OutboxSettings settings,
			Environment environment) {
		String source = (settings.source() != null) ? settings.source()
				: "/infrapm/" + environment.getProperty("spring.application.name", "unnamed-service");
		// The binding still names the topic and, declared as an output binding in the
		// platform defaults, has the binder provision it; the relay sends through a
		// producer of its own to get one future per record.
		String topic = environment.getProperty("spring.cloud.stream.bindings." + settings.binding() + ".destination",
				settings.binding());
		Duration deliveryTimeout = deliveryTimeout(settings.lease());
		Map<String, Object> producer = producerProperties(
				kafka.getIfAvailable(KafkaProperties::new).buildProducerProperties(), deliveryTimeout);
		return new KafkaEventPublisher(new DefaultKafkaProducerFactory<>(producer), topic, source, deliveryTimeout);
	}

	/**
	 * The relay's producer: Boot's {@code spring.kafka.*} settings (servers, security,
	 * client id), with what the outbox relies on set on top.
	 */
	static Map<String, Object> producerProperties(Map<String, Object> kafka, Duration deliveryTimeout) {
		Map<String, Object> producer = DurableProducers.properties(kafka);
		// The relay waits for the acknowledgements at most this long (plus max.block.ms
		// for metadata): well within the lease, which is renewed every third of it.
		producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
		producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.dividedBy(2).toMillis());
		producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout.dividedBy(4).toMillis());
		return producer;
	}

	/**
	 * Half the lease, so that a relay waiting for acknowledgements never outlasts it.
	 */
	static Duration deliveryTimeout(Duration lease) {
		return lease.dividedBy(2);
	}

	@Bean
	OutboxRelay outboxRelay(MongoTemplate mongo, MongoMappingContext mappingContext, EventPublisher publisher,
			OutboxSettings settings, InstanceIdentity identity, ObjectProvider<MeterRegistry> registry,
			ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		OutboxLeases leases = new OutboxLeases(mongo, identity.instance(), settings.lease(), time);
		// One thread publishes off the request threads, batch after batch: the relay runs
		// at most one such task at a time, and what is written meanwhile joins the next
		// batch. Should the thread be unavailable the sweep takes over, so nothing is
		// dropped.
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(16), (task) -> {
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

	private static List<OutboxRelay.OutboxCollection> collectionsWithOutbox(MongoMappingContext mappingContext) {
		Map<String, Boolean> maintained = new TreeMap<>();
		for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
			if (PublishesEvents.class.isAssignableFrom(entity.getType())) {
				// AggregateRoot keeps the oldest-pending time; any other writer of the
				// collection may not.
				maintained.merge(entity.getCollection(), AggregateRoot.class.isAssignableFrom(entity.getType()),
						Boolean::logicalAnd);
			}
		}
		return maintained.entrySet()
			.stream()
			.map((collection) -> new OutboxRelay.OutboxCollection(collection.getKey(), collection.getValue()))
			.toList();
	}

}
