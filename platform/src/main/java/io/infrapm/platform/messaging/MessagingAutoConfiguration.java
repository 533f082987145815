package io.infrapm.platform.messaging;

import io.infrapm.contracts.Topics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Dead-letter routing of every consumer binding: a record that cannot be handled goes to
 * {@code <topic>.<consumer-group>.dlq}, with its original headers plus the exception,
 * where it can be inspected and re-driven. The consumer group is the service name.
 * Switched off with {@code infrapm.messaging.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(DlqDestinationResolver.class)
@ConditionalOnProperty(prefix = "infrapm.messaging", name = "enabled", matchIfMissing = true)
public class MessagingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DlqDestinationResolver infrapmDeadLetterTopics(Environment environment) {
		String group = environment.getProperty("spring.cloud.stream.default.group",
				environment.getProperty("spring.application.name", "unnamed-service"));
		return (record, exception) -> Topics.deadLetter(record.topic(), group);
	}

}
