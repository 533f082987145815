package io.infrapm.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.infrapm.embedded.LocalMongo;
import io.infrapm.platform.config.ClockAutoConfiguration;
import io.infrapm.platform.messaging.MessagingAutoConfiguration;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.observability.ObservabilityAutoConfiguration;
import io.infrapm.platform.outbox.EventPublisher;
import io.infrapm.platform.outbox.OutboxAutoConfiguration;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.outbox.OutboxRelay;
import io.infrapm.platform.outbox.PublishesEvents;
import io.infrapm.platform.web.ProblemDetailsAdvice;
import io.infrapm.platform.web.WebAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the platform adds to a service, and that each part can be switched off on its own.
 */
class PlatformAutoConfigurationTests {

	private static LocalMongo mongo;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class, DataMongoAutoConfiguration.class,
				ClockAutoConfiguration.class, ObservabilityAutoConfiguration.class, OutboxAutoConfiguration.class,
				WebAutoConfiguration.class, MessagingAutoConfiguration.class))
		.withBean(MongoMappingContext.class, PlatformAutoConfigurationTests::mappingContext)
		.withPropertyValues("spring.application.name=risk-service", "infrapm.instance-id=risk-service-1",
				"spring.mongodb.representation.uuid=standard");

	private final WebApplicationContextRunner withoutMongo = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ClockAutoConfiguration.class, ObservabilityAutoConfiguration.class,
				OutboxAutoConfiguration.class, WebAutoConfiguration.class, MessagingAutoConfiguration.class))
		.withPropertyValues("spring.application.name=risk-service");

	@BeforeAll
	static void startMongo() {
		mongo = LocalMongo.inMemory();
	}

	@AfterAll
	static void stopMongo() {
		mongo.close();
	}

	@Test
	void givesAServiceEveryPartByDefault() {
		withMongo(this.runner).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(Clock.class)
				.hasSingleBean(InstanceIdentity.class)
				.hasSingleBean(OutboxRelay.class)
				.hasSingleBean(EventPublisher.class)
				.hasSingleBean(ProblemDetailsAdvice.class)
				.hasSingleBean(ListenerContainerWithDlqAndRetryCustomizer.class)
				.hasBean("mongoHealthContributor");
			assertThat(context.getBean(InstanceIdentity.class))
				.isEqualTo(new InstanceIdentity("risk-service", "risk-service-1"));
			assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
			assertThat(context.getBean(OutboxRelay.class).collections()).containsExactly("work_packages");
		});
	}

	@Test
	void tagsEveryMetricWithApplicationAndInstance() {
		withMongo(this.runner).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBeanProvider(MeterRegistryCustomizer.class)
				.forEach((customizer) -> customizer.customize(registry));

			registry.counter("infrapm.events.published", "type", "io.infrapm.risk.RiskAssessed.v1").increment();

			assertThat(registry.get("infrapm.events.published")
				.tag("application", "risk-service")
				.tag("instance", "risk-service-1")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void checksMongoDbHealthWithPingWhichTheEmbeddedServerAnswers() {
		withMongo(this.runner).run((context) -> {
			HealthIndicator health = context.getBean("mongoHealthContributor", HealthIndicator.class);

			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void movesRetriesAndDeadLettersFromTheBinderIntoTheListenerContainer() {
		withMongo(this.runner).run((context) -> {
			ListenerContainerWithDlqAndRetryCustomizer customizer = context
				.getBean(ListenerContainerWithDlqAndRetryCustomizer.class);

			assertThat(customizer.retryAndDlqInBinding("infrapm.project.v1", "risk-service")).isFalse();
		});
	}

	@Test
	void switchesTheOutboxRelayOff() {
		withMongo(this.runner).withPropertyValues("infrapm.outbox.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(OutboxRelay.class).doesNotHaveBean(EventPublisher.class);
			assertThat(context).hasSingleBean(ProblemDetailsAdvice.class)
				.hasSingleBean(InstanceIdentity.class)
				.hasSingleBean(ListenerContainerWithDlqAndRetryCustomizer.class);
		});
	}

	@Test
	void runsNoOutboxRelayWithoutMongoDb() {
		this.withoutMongo.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ProblemDetailsAdvice.class)
			.doesNotHaveBean(MongoTemplate.class)
			.doesNotHaveBean(OutboxRelay.class));
	}

	@Test
	void letsAServiceReplaceThePublisherAndTheClock() {
		Clock fixed = Clock.fixed(Instant.parse("2025-03-14T09:00:00Z"), ZoneOffset.UTC);
		List<OutboxEntry> published = new ArrayList<>();
		EventPublisher recording = published::add;
		withMongo(this.runner).withBean(Clock.class, () -> fixed)
			.withBean(EventPublisher.class, () -> recording)
			.run((context) -> {
				assertThat(context.getBean(Clock.class)).isSameAs(fixed);
				assertThat(context.getBean(EventPublisher.class)).isSameAs(recording);
			});
	}

	@Test
	void switchesProblemDetailsOff() {
		withMongo(this.runner).withPropertyValues("infrapm.problems.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ProblemDetailsAdvice.class);
			assertThat(context).hasSingleBean(ListenerContainerWithDlqAndRetryCustomizer.class);
		});
	}

	@Test
	void addsNoProblemDetailsOutsideAServletApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProblemDetailsAdvice.class));
	}

	@Test
	void switchesDeadLetterRoutingOff() {
		withMongo(this.runner).withPropertyValues("infrapm.messaging.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ListenerContainerWithDlqAndRetryCustomizer.class);
			assertThat(context).hasSingleBean(ProblemDetailsAdvice.class);
		});
	}

	@Test
	void switchesObservabilityOffWithoutBreakingTheOutbox() {
		withMongo(this.runner).withPropertyValues("infrapm.observability.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(MeterRegistryCustomizer.class)
				.doesNotHaveBean("mongoHealthContributor");
			assertThat(context).hasSingleBean(OutboxRelay.class);
		});
	}

	private static WebApplicationContextRunner withMongo(WebApplicationContextRunner runner) {
		return runner.withPropertyValues("spring.mongodb.uri=" + mongo.connectionString("infrapm-autoconfig"));
	}

	private static MongoMappingContext mappingContext() {
		MongoMappingContext context = new MongoMappingContext();
		context.setSimpleTypeHolder(new MongoCustomConversions(List.of()).getSimpleTypeHolder());
		context.setInitialEntitySet(Set.of(WorkPackage.class));
		return context;
	}

	@Document("work_packages")
	record WorkPackage(@Id String id, List<OutboxEntry> outbox) implements PublishesEvents {
	}

}
