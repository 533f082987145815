package io.infrapm.notification.digest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How digests are sent.
 *
 * @param sweepInterval how often due digests are looked for; a digest goes out at most
 * this long after its time
 */
@ConfigurationProperties("infrapm.notification.digest")
public record DigestSettings(@DefaultValue("30s") Duration sweepInterval) {
}
