package io.infrapm.project.reporting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the report schedule runs, under {@code infrapm.project.report-schedule}.
 *
 * @param enabled whether this instance drafts the due reports (any number of instances
 * may)
 * @param interval the pause between two looks for due schedules
 * @param claim how long one instance holds a due schedule while it drafts the report,
 * before another may take it over
 */
@ConfigurationProperties("infrapm.project.report-schedule")
public record ReportScheduleSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
		@DefaultValue("2m") Duration claim) {

	public ReportScheduleSettings {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException(
					"infrapm.project.report-schedule.interval must be positive, not " + interval);
		}
		if (claim.compareTo(Duration.ofSeconds(10)) < 0) {
			throw new IllegalArgumentException("infrapm.project.report-schedule.claim must be at least 10s, not "
					+ claim + ": drafting a report takes a few reads and a write");
		}
	}

}
