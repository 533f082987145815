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
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.security.ProjectMemberships;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
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

	private final ProjectMemberships memberships;

	Directory(MongoOperations mongo, ProjectMemberships memberships) {
		this.mongo = mongo;
		this.memberships = memberships;
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

	/**
	 * Adds a recipient to a project directly, once per address and role.
	 * @param projectId the project
	 * @param entry the recipient
	 * @param caller the project's manager or a portfolio manager
	 * @return the project's entry after it
	 * @throws NotFoundException if the caller may not manage the project, or it is
	 * unknown
	 * @throws ConflictException if the address is already a recipient in that role
	 */
	public ProjectDirectory addDirect(UUID projectId, ProjectDirectory.DirectEntry entry, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireManage();
		ProjectDirectory project = of(projectId).orElseThrow(() -> ProjectAccess.notFound(projectId));
		boolean known = project.recipients()
			.stream()
			.anyMatch((r) -> r.email().equals(entry.email()) && r.role() == entry.role());
		if (known) {
			throw new ConflictException("email",
					"'" + entry.email() + "' is already a recipient of this project as " + entry.role());
		}
		// Guarded by the address and role, so two requests at once add one.
		ProjectDirectory changed = this.mongo.findAndModify(
				Query.query(Criteria.where("_id")
					.is(projectId)
					.and("direct")
					.not()
					.elemMatch(Criteria.where("email").is(entry.email()).and("role").is(entry.role()))),
				new Update().push("direct", entry), FindAndModifyOptions.options().returnNew(true),
				ProjectDirectory.class);
		if (changed == null) {
			throw new ConflictException("email",
					"'" + entry.email() + "' is already a recipient of this project as " + entry.role());
		}
		return changed;
	}

	/**
	 * Removes a recipient added directly, in every role.
	 * @param projectId the project
	 * @param email the address
	 * @param caller the project's manager or a portfolio manager
	 * @throws NotFoundException if the project has no such direct recipient
	 */
	public void removeDirect(UUID projectId, String email, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireManage();
		String address = Recipient.normalized(email);
		ProjectDirectory removed = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(projectId).and("direct.email").is(address)),
				new Update().pull("direct", Query.query(Criteria.where("email").is(address)).getQueryObject()),
				ProjectDirectory.class);
		if (removed == null) {
			throw new NotFoundException("email", "'" + address + "' was not added directly to project " + projectId
					+ "; a stakeholder is removed in project-service");
		}
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
