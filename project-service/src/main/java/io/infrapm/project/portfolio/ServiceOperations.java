package io.infrapm.project.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.project.ServiceTarget;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;

import org.springframework.stereotype.Service;

/**
 * The services a project answers for, their outages and how they kept their service
 * levels. The manager sets the services (as a whole, under their ETag) and records
 * outages; members read them and the service-level report.
 */
@Service
public class ServiceOperations {

	/** The longest period one service-level report covers. */
	static final int MAX_REPORT_DAYS = 366;

	private final ProjectWrites writes;

	private final Clock clock;

	ServiceOperations(ProjectWrites writes, Clock clock) {
		this.writes = writes;
		this.clock = clock;
	}

	/**
	 * Replaces a project's services.
	 * @param projectId the project
	 * @param ifMatch the list's ETag (required once it exists)
	 * @param services the services
	 * @param caller the manager
	 * @return the project after the change
	 */
	public Project defineServices(UUID projectId, String ifMatch, List<ServiceTarget> services, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			int revision = project.services().revision();
			if (revision > 0 || ifMatch != null) {
				ETags.requireCurrent(ifMatch, revision);
			}
			project.defineServices(services, caller.actor(), now);
			return null;
		}).project();
	}

	/**
	 * A project as a member reads it, for its services and outages.
	 * @param projectId the project
	 * @param caller a member
	 * @return the project
	 */
	public Project read(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller).project();
	}

	/**
	 * Records an outage, once per idempotency key and project.
	 * @param projectId the project
	 * @param facts what is known of it
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the manager
	 * @return the outage and whether an earlier request with the key recorded it
	 */
	public Recorded record(UUID projectId, Outage.Facts facts, String idempotencyKey, Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, facts, caller);
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			Optional<Outage> earlier = ClientRequest.earlier(request, project.outages(), Outage::request, "outage");
			if (earlier.isPresent()) {
				return new Recorded(earlier.get(), true);
			}
			return new Recorded(project.recordOutage(facts, request, caller.actor(), now), false);
		}).result();
	}

	/**
	 * Records what became known of an outage.
	 * @param projectId the project
	 * @param outageId the outage
	 * @param ifMatch the outage's ETag (required)
	 * @param update what changed
	 * @param caller the manager
	 * @return the outage after the change
	 */
	public Outage update(UUID projectId, UUID outageId, String ifMatch, Outage.Update update, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			ETags.requireCurrent(ifMatch, project.outage(outageId).revision());
			return project.updateOutage(outageId, update, caller.actor(), now);
		}).result();
	}

	/**
	 * How each service kept its levels over a period.
	 * @param projectId the project
	 * @param from the period's first instant
	 * @param to the instant after its last
	 * @param caller a member
	 * @return one entry per service
	 */
	public List<ServiceLevels.Level> levels(UUID projectId, Instant from, Instant to, Caller caller) {
		if (!to.isAfter(from)) {
			throw new RuleViolationException("to", "must be after from");
		}
		if (to.isAfter(from.plus(java.time.Duration.ofDays(MAX_REPORT_DAYS)))) {
			throw new RuleViolationException("to", "must be at most " + MAX_REPORT_DAYS + " days after from");
		}
		return ServiceLevels.of(read(projectId, caller), from, to, this.clock.instant());
	}

	/**
	 * The outcome of recording an outage.
	 *
	 * @param outage the outage
	 * @param replayed whether an earlier request with the key recorded it
	 */
	public record Recorded(Outage outage, boolean replayed) {
	}

}
