package io.infrapm.platform.observability;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What every service shows operations: {@code application} and {@code instance} tags on
 * every metric, and a MongoDB health check that works against a real MongoDB and the
 * embedded server alike. Both are switched off with
 * {@code infrapm.observability.enabled=false}; the {@link InstanceIdentity} stays, since
 * the outbox relay owns its leases by it.
 */
@AutoConfiguration(after = DataMongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
public class ObservabilityAutoConfiguration {

	private static final String PREFIX = "infrapm.observability";

	@Bean
	@ConditionalOnMissingBean
	InstanceIdentity instanceIdentity(Environment environment) {
		String application = environment.getProperty("spring.application.name", "unnamed-service");
		String instance = environment.getProperty("infrapm.instance-id");
		if (instance == null || instance.isBlank()) {
			instance = hostName() + ":" + ManagementFactory.getRuntimeMXBean().getPid();
		}
		return new InstanceIdentity(application, instance);
	}

	@Bean
	@ConditionalOnProperty(prefix = PREFIX, name = "enabled", matchIfMissing = true)
	MeterRegistryCustomizer<MeterRegistry> infrapmCommonTags(InstanceIdentity identity) {
		return (registry) -> registry.config()
			.commonTags("application", identity.application(), "instance", identity.instance());
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnBean(MongoTemplate.class)
	@ConditionalOnProperty(prefix = PREFIX, name = "enabled", matchIfMissing = true)
	static class MongoHealthConfiguration {

		/** Named so that Boot's own {@code hello}-based Mongo indicator backs off. */
		@Bean
		MongoPingHealthIndicator mongoHealthContributor(MongoTemplate mongo) {
			return new MongoPingHealthIndicator(mongo);
		}

	}

}
