package io.infrapm.risk.register.messaging;

import java.util.function.Consumer;

import io.infrapm.contracts.project.MilestoneMissed;
import io.infrapm.contracts.project.ProjectCancelled;
import io.infrapm.contracts.project.ProjectClosed;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.ScheduleConflictDetected;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.risk.register.RiskRegisters;
import io.infrapm.risk.register.RiskRules;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.messaging.Message;

/**
 * What risk-service takes from {@code infrapm.project.v1}: a new project gets an empty
 * register; a renamed project keeps its name current here; a missed critical milestone
 * and a milestone in a change window raise their risks; a closed or cancelled project's
 * register takes no new risks.
 */
@Configuration(proxyBeanMethods = false)
class ProjectEventsConsumer {

	/**
	 * This service's own copy of who belongs to which project, for authorising requests.
	 */
	@Bean
	ProjectMemberships projectMemberships(MongoOperations mongo) {
		return new ProjectMemberships(mongo);
	}

	@Bean
	Consumer<Message<byte[]>> projectEvents(RiskRegisters registers, RiskRules rules, ProjectMemberships memberships,
			MeterRegistry registry) {
		return memberships.track(EventRouter.builder(registry))
			.on(ProjectCreated.class,
					(event) -> registers.open(event.data().projectId(), event.data().code(), event.data().name(),
							event.data().currency()))
			.on(ProjectUpdated.class,
					(event) -> registers.renameProject(event.data().projectId(), event.data().version(),
							event.data().code(), event.data().name()))
			.on(MilestoneMissed.class, (event) -> rules.milestoneMissed(event.data()))
			.on(ScheduleConflictDetected.class, (event) -> rules.scheduleConflict(event.data()))
			.on(ProjectClosed.class, (event) -> registers.close(event, event.data().projectId()))
			.on(ProjectCancelled.class, (event) -> registers.close(event, event.data().projectId()))
			.build();
	}

}
