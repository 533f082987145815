package io.infrapm.project.config;

import java.time.Clock;

import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.project.reporting.ReportScheduleSettings;
import io.infrapm.project.reporting.ReportScheduler;
import io.infrapm.project.reporting.StatusReports;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Runs the report schedule on this instance unless
 * {@code infrapm.project.report-schedule.enabled} is {@code false}; any number of
 * instances may run it.
 */
@Configuration(proxyBeanMethods = false)
class ReportScheduleConfiguration {

	@Bean
	@ConditionalOnProperty(name = "infrapm.project.report-schedule.enabled", matchIfMissing = true)
	ReportScheduler reportScheduler(MongoOperations mongo, StatusReports reports, ReportScheduleSettings settings,
			InstanceIdentity identity, Clock clock) {
		return new ReportScheduler(mongo, reports, settings, identity.instance(), clock);
	}

}
