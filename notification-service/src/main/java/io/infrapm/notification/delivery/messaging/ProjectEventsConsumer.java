package io.infrapm.notification.delivery.messaging;

import java.util.List;
import java.util.function.Consumer;

import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.Stakeholder;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.delivery.Notifications.Mail;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.messaging.IncomingEvent;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.messaging.Message;

/**
 * What notification-service takes from {@code infrapm.project.v1}: every stakeholder
 * named on a new project is told they were added.
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
	Consumer<Message<byte[]>> projectEvents(Notifications notifications, ProjectMemberships memberships,
			MeterRegistry registry) {
		return memberships.track(EventRouter.builder(registry))
			.on(ProjectCreated.class,
					(event) -> notifications.recordEmails(cause(event), event.data().projectId(),
							event.data().stakeholders().stream().map((s) -> welcome(event.data(), s)).toList()))
			.build();
	}

	private static Cause cause(IncomingEvent<?> event) {
		return new Cause(event.id(), event.metadata().type());
	}

	static Mail welcome(ProjectCreated project, Stakeholder stakeholder) {
		String subject = "You were added to project " + project.code() + " " + project.name();
		String manager = (project.manager() != null)
				? "\nProject manager: " + project.manager().name() + " <" + project.manager().email() + ">" : "";
		String body = String.join("\n",
				List.of("Hello " + stakeholder.name() + ",", "",
						"you were added as " + label(stakeholder.role()) + " to project " + project.code() + " \""
								+ project.name() + "\".",
						"", "Category: " + label(project.category()),
						"Planned: " + project.plannedStart() + " to " + project.plannedFinish() + manager, "",
						"You will be kept informed of what matters to your role.", "", "InfraPM"));
		return new Mail(stakeholder.email(), stakeholder.name(), subject, body);
	}

	private static String label(Enum<?> value) {
		return (value != null) ? value.name().toLowerCase().replace('_', ' ') : "stakeholder";
	}

}
