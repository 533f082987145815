package io.infrapm.notification.audience;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.StakeholderAdded;
import io.infrapm.contracts.project.StakeholderRemoved;
import io.infrapm.contracts.project.StakeholderRoleChanged;
import io.infrapm.contracts.project.StakeholderUpdated;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The recipient directory: per project, who its notifications may reach, kept from
 * project-service's events. A new project inserts its entry once; {@code ProjectUpdated}
 * (code, name, manager, sponsor) is a state transfer applied if newer by the project's
 * version; the stakeholder events are applied once and in the order of their sequence
 * ({@link EventIdempotency}), so a replay or a redelivery leaves the directory as it was.
 */
@Service
public class Directory {

	private final MongoOperations mongo;

	Directory(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Adds the handlers that keep the directory to a router of project events; they must
	 * run before the event is routed to its recipients.
	 * @param router the router of project events
	 * @return the same router
	 */
	public EventRouter.Builder track(EventRouter.Builder router) {
		return router.on(ProjectCreated.class, this::created)
			.on(ProjectUpdated.class, this::updated)
			.on(StakeholderAdded.class, this::added)
			.on(StakeholderUpdated.class, this::stakeholderUpdated)
			.on(StakeholderRoleChanged.class, this::roleChanged)
			.on(StakeholderRemoved.class, this::removed);
	}

	/**
	 * One project's entry.
	 * @param projectId the project
	 * @return the entry, if a {@code ProjectCreated} of it was seen
	 */
	public Optional<ProjectDirectory> of(UUID projectId) {
		return Optional.ofNullable(this.mongo.findById(projectId, ProjectDirectory.class));
	}

	HandlingOutcome created(IncomingEvent<ProjectCreated> event) {
		ProjectCreated data = event.data();
		Map<String, ProjectDirectory.Entry> stakeholders = new LinkedHashMap<>();
		data.stakeholders()
			.forEach((s) -> stakeholders.put(s.stakeholderId().toString(), new ProjectDirectory.Entry(s.name(),
					Recipient.normalized(s.email()), s.role(), s.organisation(), s.receivesReports())));
		Map<String, Long> applied = event.metadata().isSequenced()
				? Map.of(data.projectId().toString(), event.metadata().sequence()) : Map.of();
		return EventIdempotency.insertOnce(this.mongo, new ProjectDirectory(data.projectId(), data.code(), data.name(),
				data.manager(), data.sponsor(), stakeholders, applied));
	}

	HandlingOutcome updated(IncomingEvent<ProjectUpdated> event) {
		ProjectUpdated data = event.data();
		return EventIdempotency.applyIfNewer(this.mongo, byId(data.projectId()), "projectVersion", data.version(),
				new Update().set("code", data.code())
					.set("name", data.name())
					.set("manager", data.manager())
					.set("sponsor", data.sponsor()),
				ProjectDirectory.class);
	}

	HandlingOutcome added(IncomingEvent<StakeholderAdded> event) {
		StakeholderAdded data = event.data();
		return apply(event, data.projectId(),
				new Update().set(stakeholder(data.stakeholderId()), new ProjectDirectory.Entry(data.name(),
						Recipient.normalized(data.email()), data.role(), data.organisation(), data.receivesReports())));
	}

	HandlingOutcome stakeholderUpdated(IncomingEvent<StakeholderUpdated> event) {
		StakeholderUpdated data = event.data();
		String entry = stakeholder(data.stakeholderId());
		return apply(event, data.projectId(),
				new Update().set(entry + ".name", data.name())
					.set(entry + ".email", Recipient.normalized(data.email()))
					.set(entry + ".organisation", data.organisation())
					.set(entry + ".receivesReports", data.receivesReports()));
	}

	HandlingOutcome roleChanged(IncomingEvent<StakeholderRoleChanged> event) {
		StakeholderRoleChanged data = event.data();
		return apply(event, data.projectId(),
				new Update().set(stakeholder(data.stakeholderId()) + ".role", data.role()));
	}

	HandlingOutcome removed(IncomingEvent<StakeholderRemoved> event) {
		StakeholderRemoved data = event.data();
		return apply(event, data.projectId(), new Update().unset(stakeholder(data.stakeholderId())));
	}

	private HandlingOutcome apply(IncomingEvent<?> event, UUID projectId, Update update) {
		return EventIdempotency.applyInOrder(this.mongo, byId(projectId), event, update, ProjectDirectory.class);
	}

	private static String stakeholder(UUID stakeholderId) {
		return "stakeholders." + stakeholderId;
	}

	private static Query byId(UUID projectId) {
		return Query.query(Criteria.where("_id").is(projectId));
	}

}
