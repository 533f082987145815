package io.infrapm.budget.baseline.messaging;

import java.util.function.Consumer;

import io.infrapm.budget.baseline.BudgetBook;
import io.infrapm.contracts.project.ChangeRequestDecided;
import io.infrapm.contracts.project.ProgressReported;
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
 * amount becomes its budget; a renamed or rescheduled project keeps its name and dates
 * current here; an approved cost change request rebaselines the budget; a progress report
 * is what earned value is computed from; a closed or cancelled project's budget is
 * frozen.
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
							event.data().name(), event.data().budgetAmount(), event.data().currency(),
							event.data().plannedStart(), event.data().plannedFinish()))
			.on(ProjectUpdated.class,
					(event) -> book.renameProject(event.data().projectId(), event.data().version(), event.data().code(),
							event.data().name(), event.data().plannedStart(), event.data().plannedFinish()))
			.on(ChangeRequestDecided.class, book::rebaseline)
			.on(ProgressReported.class, book::reportProgress)
			.on(ProjectClosed.class, (event) -> book.freeze(event, event.data().projectId()))
			.on(ProjectCancelled.class, (event) -> book.freeze(event, event.data().projectId()))
			.build();
	}

}
