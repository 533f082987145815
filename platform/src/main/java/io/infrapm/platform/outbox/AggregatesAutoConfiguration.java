package io.infrapm.platform.outbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link Aggregates}, the one way services write their aggregates. It works with the
 * relay switched off too; events then wait in the outboxes.
 */
@AutoConfiguration(after = { DataMongoAutoConfiguration.class, OutboxAutoConfiguration.class })
@ConditionalOnBean(MongoTemplate.class)
public class AggregatesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Aggregates aggregates(MongoTemplate mongo, ObjectProvider<OutboxRelay> relay) {
		return new Aggregates(mongo, relay.getIfAvailable());
	}

}
