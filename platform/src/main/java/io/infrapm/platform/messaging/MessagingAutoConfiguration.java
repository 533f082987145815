package io.infrapm.platform.messaging;

import io.infrapm.platform.events.CloudEventHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;

/**
 * The Kafka side of every binding: only the CloudEvents headers leave the service; each
 * consumer tells poison from transient failures, retries the latter for as long as they
 * last and sends the former to {@code <topic>.<consumer-group>.dlq}, a topic that exists
 * before the first record is consumed (see {@link DeadLetterErrorHandling} and
 * {@link DeadLetterTopics}). The consumer group is the service name. Switched off with
 * {@code infrapm.messaging.enabled=false}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
@ConditionalOnProperty(prefix = "infrapm.messaging", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(MessagingSettings.class)
public class MessagingAutoConfiguration {

	/**
	 * What goes on the wire is the contract: the CloudEvents headers and nothing else.
	 * Without this mapper the binder adds Spring's own headers ({@code contentType},
	 * {@code message-type}, {@code spring_json_header_types}) that other consumers would
	 * have to learn to ignore. The bean name is the one the Kafka binder looks up.
	 * Inbound, every header is handed over as it came, in bytes.
	 * @return the header mapper of every Kafka binding
	 */
	@Bean(name = "kafkaBinderHeaderMapper")
	@ConditionalOnMissingBean(name = "kafkaBinderHeaderMapper")
	KafkaHeaderMapper kafkaBinderHeaderMapper() {
		return new SimpleKafkaHeaderMapper("ce_*", CloudEventHeaders.CONTENT_TYPE);
	}

	@Bean
	@ConditionalOnMissingBean(ListenerContainerWithDlqAndRetryCustomizer.class)
	DeadLetterErrorHandling infrapmDeadLetterErrorHandling(MessagingSettings settings,
			ObjectProvider<KafkaProperties> kafka, ObjectProvider<MeterRegistry> registry) {
		return new DeadLetterErrorHandling(settings,
				kafka.getIfAvailable(KafkaProperties::new).buildProducerProperties(),
				registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	/**
	 * The dead-letter topics of the service's input bindings. Not conditional on the
	 * binder's {@link BindingServiceProperties} bean: that is registered by an
	 * auto-configuration this one cannot order itself after, so a condition on it would
	 * silently leave the topics to the broker's auto-creation.
	 */
	@Bean
	DeadLetterTopics infrapmDeadLetterTopics(ObjectProvider<BindingServiceProperties> bindings,
			ObjectProvider<KafkaProperties> kafka, MessagingSettings settings, Environment environment) {
		String group = environment.getProperty("spring.cloud.stream.default.group",
				environment.getProperty("spring.application.name", "unnamed-service"));
		int partitions = environment.getProperty("spring.cloud.stream.kafka.binder.min-partition-count", Integer.class,
				1);
		short replication = environment.getProperty("spring.cloud.stream.kafka.binder.replication-factor", Short.class,
				(short) -1);
		return new DeadLetterTopics(bindings, kafka.getIfAvailable(KafkaProperties::new).buildAdminProperties(), group,
				partitions, replication, settings.provisioningTimeout());
	}

}
