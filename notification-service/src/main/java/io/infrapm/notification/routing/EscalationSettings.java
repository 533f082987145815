package io.infrapm.notification.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an unacknowledged critical alert climbs the ladder.
 *
 * @param toSponsorAfter how long the project manager has to acknowledge before the
 * sponsor is told
 * @param toSteeringCommitteeAfter how long after that before the steering committee is
 * told
 * @param sweepInterval how often alerts that are due to climb are looked for
 */
@ConfigurationProperties("infrapm.notification.escalation")
public record EscalationSettings(@DefaultValue("4h") Duration toSponsorAfter,
		@DefaultValue("8h") Duration toSteeringCommitteeAfter, @DefaultValue("30s") Duration sweepInterval) {
}
