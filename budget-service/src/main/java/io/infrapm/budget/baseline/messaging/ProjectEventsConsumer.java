package io.infrapm.budget.baseline.messaging;

import java.util.function.Consumer;

import io.infrapm.budget.baseline.BudgetBook;
import io.infrapm.contracts.project.ProjectCancelled;
import io.infrapm.contracts.project.ProjectClosed;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.security.ProjectMemberships;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.messaging.Message;

/**
 * What budget-service takes from {@code infrapm.project.v1}: a new project's approved
 * amount becomes its budget; a renamed project keeps its name current here; a closed or
 * cancelled project's budget is frozen.
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
	Consumer<Message<byte[]>> projectEvents(BudgetBook book, ProjectMemberships memberships, MeterRegistry registry) {
		return memberships.track(EventRouter.builder(registry))
			.on(ProjectCreated.class,
					(event) -> book.establish(event.id(), event.data().projectId(), event.data().code(),
							event.data().name(), event.data().budgetAmount(), event.data().currency()))
			.on(ProjectUpdated.class,
					(event) -> book.renameProject(event.data().projectId(), event.data().version(), event.data().code(),
							event.data().name()))
			.on(ProjectClosed.class, (event) -> book.freeze(event, event.data().projectId()))
			.on(ProjectCancelled.class, (event) -> book.freeze(event, event.data().projectId()))
			.build();
	}

}
