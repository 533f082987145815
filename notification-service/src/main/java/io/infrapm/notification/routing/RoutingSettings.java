package io.infrapm.notification.routing;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How events are routed.
 *
 * @param maxEventAge an event older than this is not routed: a consumer group starting on
 * a topic for the first time, or a replay of old history, must not flood everyone with
 * news of long ago
 * @param ruleRefresh how old the router's copy of the rules may be (a change made on
 * another instance applies within this time)
 * @param links where a notification's link points, by source ({@code project},
 * {@code risk}, {@code budget}, and {@code notification} for this service's own): the
 * base address of the service that owns the resource
 */
@ConfigurationProperties("infrapm.notification.routing")
public record RoutingSettings(@DefaultValue("72h") Duration maxEventAge, @DefaultValue("2s") Duration ruleRefresh,
		@DefaultValue Map<String, String> links) {

	/**
	 * The base address of a source's links.
	 * @param source {@code project}, {@code risk} or {@code budget}
	 * @return e.g. {@code http://localhost:8081}
	 */
	public String linkBase(String source) {
		String configured = (this.links != null) ? this.links.get(source) : null;
		if (configured != null) {
			return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		}
		return switch (source) {
			case "risk" -> "http://localhost:8082";
			case "budget" -> "http://localhost:8083";
			case "notification" -> "http://localhost:8084";
			default -> "http://localhost:8081";
		};
	}

}
