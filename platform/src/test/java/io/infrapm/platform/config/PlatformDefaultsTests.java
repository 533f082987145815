package io.infrapm.platform.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings every service shares, and that a service can still override each of them.
 */
class PlatformDefaultsTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void isAppliedToEveryServiceThatHasThePlatformOnItsClassPath() {
		// Boot's own post-processors need constructor arguments; only ours matters here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(EnvironmentPostProcessor.class, null, (type, name, failure) -> {
			})).hasAtLeastOneElementOfType(PlatformDefaults.class);
	}

	@Test
	void makesPublishingDurableAndLeavesRetriesToTheListenerContainer() {
		applyDefaults();

		assertThat(this.environment.getProperty("spring.cloud.stream.kafka.binder.required-acks")).isEqualTo("all");
		assertThat(
				this.environment.getProperty("spring.cloud.stream.kafka.binder.producer-properties.enable.idempotence"))
			.isEqualTo("true");
		assertThat(this.environment.getProperty("spring.cloud.stream.kafka.default.producer.sync")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.cloud.stream.default.consumer.max-attempts")).isEqualTo("1");
		assertThat(this.environment.getProperty("spring.cloud.stream.output-bindings"))
			.as("the outbox topic provisioned")
			.isEqualTo("events-out-0");
		assertThat(this.environment.getProperty("spring.cloud.stream.kafka.binder.auto-add-partitions"))
			.isEqualTo("false");
		assertThat(this.environment.getProperty("spring.mongodb.representation.uuid")).isEqualTo("standard");
	}

	@Test
	void showsHealthComponentsAndDetailsOnlyToAuthorisedCallers() {
		applyDefaults();

		assertThat(this.environment.getProperty("management.endpoint.health.show-details"))
			.isEqualTo("when-authorized");
		assertThat(this.environment.getProperty("management.endpoint.health.show-components"))
			.isEqualTo("when-authorized");
		assertThat(this.environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,mongo");
	}

	@Test
	void namesTheConsumerGroupAfterTheService() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("spring.application.name", "budget-service")));

		applyDefaults();

		assertThat(this.environment.getProperty("spring.cloud.stream.default.group")).isEqualTo("budget-service");
	}

	@Test
	void letsTheServiceOverrideAnyDefault() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("spring.kafka.bootstrap-servers", "kafka-1:9092",
					"spring.cloud.stream.kafka.binder.required-acks", "1")));

		applyDefaults();

		assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("kafka-1:9092");
		assertThat(this.environment.getProperty("spring.cloud.stream.kafka.binder.required-acks")).isEqualTo("1");
		assertThat(this.environment.getPropertySources()
			.stream()
			.reduce((first, second) -> second)
			.orElseThrow()
			.getName()).startsWith(PlatformDefaults.NAME);
	}

	@Test
	void addsTheDefaultsOnlyOnce() {
		applyDefaults();
		long sources = this.environment.getPropertySources().stream().count();

		applyDefaults();

		assertThat(this.environment.getPropertySources().stream().count()).isEqualTo(sources);
	}

	private void applyDefaults() {
		new PlatformDefaults().postProcessEnvironment(this.environment, new SpringApplication());
	}

}
