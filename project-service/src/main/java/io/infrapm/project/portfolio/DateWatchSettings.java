package io.infrapm.project.portfolio;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the date watch looks for missed milestones and milestones due soon.
 *
 * @param enabled whether this instance runs the watch (any number of instances may)
 * @param interval the pause between two runs
 * @param horizons the days before a due date at which a milestone is reported due soon,
 * each 0 to 90; empty for misses only
 * @param zone the time zone whose calendar day decides whether a date has passed
 * @param claim how long one instance holds a project it is looking at before another may
 * take it over
 */
@ConfigurationProperties("infrapm.project.date-watch")
public record DateWatchSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
		@DefaultValue( {
				"7", "3", "1" }) List<Integer> horizons,
		@DefaultValue("UTC") ZoneId zone, @DefaultValue("1m") Duration claim){

	public DateWatchSettings {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("infrapm.project.date-watch.interval must be positive, not " + interval);
		}
		if (claim.compareTo(Duration.ofSeconds(5)) < 0) {
			throw new IllegalArgumentException("infrapm.project.date-watch.claim must be at least 5s, not " + claim
					+ ": shorter, another instance could take over a project still being looked at");
		}
		horizons = List.copyOf(horizons);
		new DueDates(horizons);
	}

}
