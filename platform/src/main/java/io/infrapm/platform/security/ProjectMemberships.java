package io.infrapm.platform.security;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.StakeholderAdded;
import io.infrapm.contracts.project.StakeholderRemoved;
import io.infrapm.contracts.project.StakeholderRoleChanged;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A service's own copy of who belongs to which project, kept from project-service's
 * events ({@code ProjectCreated}, {@code ProjectUpdated} for manager and sponsor,
 * {@code StakeholderAdded}, {@code StakeholderRoleChanged}, {@code StakeholderRemoved}),
 * so that the service authorises every request locally, never by calling another
 * (DESIGN.md §7). Each event is applied once and in order ({@link EventIdempotency}).
 * <p>
 * A service that consumes {@code infrapm.project.v1} adds these handlers to its router
 * with {@link #track(EventRouter.Builder)}, next to its own.
 */
public class ProjectMemberships {

	/** The collection of the copies. */
	public static final String COLLECTION = "project_memberships";

	private final MongoOperations mongo;

	/**
	 * Creates the copy over a service's database.
	 * @param mongo the service's database
	 */
	public ProjectMemberships(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Adds the handlers that keep the copy to a router of project events.
	 * @param router the router of the service's project-events binding
	 * @return the same router
	 */
	public EventRouter.Builder track(EventRouter.Builder router) {
		return router.on(ProjectCreated.class, this::created)
			.on(ProjectUpdated.class, this::updated)
			.on(StakeholderAdded.class, this::added)
			.on(StakeholderRoleChanged.class, this::roleChanged)
			.on(StakeholderRemoved.class, this::removed);
	}

	/**
	 * What a caller may do on a project, by this service's copy.
	 * @param projectId the project
	 * @param caller the caller
	 * @return the access; for a project the copy does not know, what the caller's
	 * platform roles alone allow (a portfolio manager still reads what the service holds
	 * of it, a member nothing)
	 */
	public ProjectAccess accessOf(UUID projectId, Caller caller) {
		ProjectMembership membership = this.mongo.findById(projectId, ProjectMembership.class);
		ProjectMembers members = (membership != null) ? membership.members()
				: ProjectMembers.of(projectId, null, null, List.of());
		return members.accessOf(caller);
	}

	/**
	 * The projects a caller is a member of and has an access on, by this service's copy:
	 * what a list over "the projects the caller may see" starts from. A caller who reads
	 * the whole portfolio lists the service's own documents instead.
	 * @param caller the caller
	 * @param wanted which access counts, e.g. {@link ProjectAccess#budget()}
	 * @return the projects' ids
	 */
	public List<UUID> projectsOf(Caller caller, Predicate<ProjectAccess> wanted) {
		String address = ProjectMembers.normalized(caller.email());
		if (address == null) {
			return List.of();
		}
		return this.mongo
			.find(Query.query(Criteria.where(ProjectMembership.ADDRESSES).is(address)), ProjectMembership.class)
			.stream()
			.map((membership) -> membership.members().accessOf(caller))
			.filter(wanted)
			.map(ProjectAccess::projectId)
			.toList();
	}

	HandlingOutcome created(IncomingEvent<ProjectCreated> event) {
		ProjectCreated data = event.data();
		Map<String, ProjectMembership.Entry> stakeholders = new HashMap<>();
		data.stakeholders()
			.forEach((s) -> stakeholders.put(s.stakeholderId().toString(),
					new ProjectMembership.Entry(s.email(), s.role())));
		Map<String, Long> applied = event.metadata().isSequenced()
				? Map.of(data.projectId().toString(), event.metadata().sequence()) : Map.of();
		return EventIdempotency.insertOnce(this.mongo, new ProjectMembership(data.projectId(), email(data.manager()),
				email(data.sponsor()), stakeholders, applied));
	}

	/**
	 * A state transfer of manager and sponsor, applied if newer by the project's version;
	 * the stakeholder events, which change only the stakeholders, are ordered by their
	 * sequence.
	 */
	HandlingOutcome updated(IncomingEvent<ProjectUpdated> event) {
		ProjectUpdated data = event.data();
		return EventIdempotency.applyIfNewer(this.mongo, byId(data.projectId()), "projectVersion", data.version(),
				addresses(new Update().set("manager", email(data.manager())).set("sponsor", email(data.sponsor())),
						email(data.manager()), email(data.sponsor())),
				ProjectMembership.class);
	}

	HandlingOutcome added(IncomingEvent<StakeholderAdded> event) {
		StakeholderAdded data = event.data();
		return apply(event, data.projectId(), addresses(new Update().set("stakeholders." + data.stakeholderId(),
				new ProjectMembership.Entry(data.email(), data.role())), data.email()));
	}

	HandlingOutcome roleChanged(IncomingEvent<StakeholderRoleChanged> event) {
		StakeholderRoleChanged data = event.data();
		return apply(event, data.projectId(), addresses(new Update().set("stakeholders." + data.stakeholderId(),
				new ProjectMembership.Entry(data.email(), data.role())), data.email()));
	}

	HandlingOutcome removed(IncomingEvent<StakeholderRemoved> event) {
		StakeholderRemoved data = event.data();
		return apply(event, data.projectId(), new Update().unset("stakeholders." + data.stakeholderId()));
	}

	private HandlingOutcome apply(IncomingEvent<?> event, UUID projectId, Update update) {
		return EventIdempotency.applyInOrder(this.mongo, byId(projectId), event, update, ProjectMembership.class);
	}

	/** Adds addresses to the superset the caller's projects are found by. */
	private static Update addresses(Update update, String... emails) {
		List<String> addresses = Arrays.stream(emails)
			.map(ProjectMembers::normalized)
			.filter(Objects::nonNull)
			.toList();
		if (!addresses.isEmpty()) {
			update.addToSet(ProjectMembership.ADDRESSES).each(addresses.toArray());
		}
		return update;
	}

	private static Query byId(UUID projectId) {
		return Query.query(Criteria.where("_id").is(projectId));
	}

	private static String email(Person person) {
		return (person != null) ? person.email() : null;
	}

}
