package io.infrapm.platform.messaging;

import io.infrapm.contracts.Topics;
import io.infrapm.platform.events.CloudEventHeaders;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.core.env.Environment;

/**
 * The Kafka side of every binding: only the CloudEvents headers leave the service, and
 * dead-letter routing of every consumer binding: a record that cannot be handled goes to
 * {@code <topic>.<consumer-group>.dlq}, with its original headers plus the exception,
 * where it can be inspected and re-driven. The consumer group is the service name.
 * Switched off with {@code infrapm.messaging.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(DlqDestinationResolver.class)
@ConditionalOnProperty(prefix = "infrapm.messaging", name = "enabled", matchIfMissing = true)
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
	@ConditionalOnMissingBean
	DlqDestinationResolver infrapmDeadLetterTopics(Environment environment) {
		String group = environment.getProperty("spring.cloud.stream.default.group",
				environment.getProperty("spring.application.name", "unnamed-service"));
		return (record, exception) -> Topics.deadLetter(record.topic(), group);
	}

}
