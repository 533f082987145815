package io.infrapm.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay.
 *
 * @param enabled whether the relay runs at all
 * @param binding the Spring Cloud Stream output binding events are sent to
 * @param source the {@code ce_source} of this service, e.g.
 * {@code /infrapm/project-service}
 * @param sweepInterval how often pending events left behind (by a crash or a broker
 * outage) are looked for
 * @param lease how long an instance may hold one document's backlog before another may
 * take it over
 * @param batchSize how many documents one sweep handles at most per collection
 */
@ConfigurationProperties("infrapm.outbox")
public record OutboxSettings(@DefaultValue("true") boolean enabled, @DefaultValue("events-out-0") String binding,
		String source, @DefaultValue("5s") Duration sweepInterval, @DefaultValue("30s") Duration lease,
		@DefaultValue("200") int batchSize) {
}
