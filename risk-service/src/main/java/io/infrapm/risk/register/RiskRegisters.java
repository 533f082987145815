package io.infrapm.risk.register;

import java.time.Clock;
import java.util.UUID;

import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.problem.NotFoundException;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The registers of all projects known to risk-service.
 */
@Service
public class RiskRegisters {

	private final RiskRegisterRepository registers;

	private final MongoOperations mongo;

	private final Clock clock;

	RiskRegisters(RiskRegisterRepository registers, MongoOperations mongo, Clock clock) {
		this.registers = registers;
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Opens a project's register, once.
	 * @param projectId the project
	 * @param code its code
	 * @param name its name
	 * @param currency the currency of its budget, or {@code null}
	 * @return what happened
	 */
	public HandlingOutcome open(UUID projectId, String code, String name, String currency) {
		return EventIdempotency.insertOnce(this.mongo,
				RiskRegister.open(projectId, code, name, currency, this.clock.instant()));
	}

	/**
	 * Keeps the copy of a project's code and name current: an older or repeated revision
	 * changes nothing.
	 * @param projectId the project
	 * @param revision the project's revision the values are of
	 * @param code its code
	 * @param name its new name
	 * @return what happened
	 * @throws io.infrapm.platform.messaging.UnknownAggregateException if no register is
	 * known for the project yet
	 */
	public HandlingOutcome renameProject(UUID projectId, long revision, String code, String name) {
		return EventIdempotency.applyIfNewer(this.mongo, Query.query(Criteria.where("_id").is(projectId)),
				RiskRegister.PROJECT_REVISION, revision, RiskRegister.renamed(code, name), RiskRegister.class);
	}

	/**
	 * Closes a project's register when the project is closed or cancelled, once and in
	 * the project's order: it takes no new risks.
	 * @param event the project's {@code ProjectClosed} or {@code ProjectCancelled}
	 * @param projectId the project
	 * @return what happened
	 */
	public HandlingOutcome close(IncomingEvent<?> event, UUID projectId) {
		return EventIdempotency.applyInOrder(this.mongo, Query.query(Criteria.where("_id").is(projectId)), event,
				RiskRegister.close(), RiskRegister.class);
	}

	/**
	 * A project's register.
	 * @param projectId the project
	 * @return the register
	 * @throws NotFoundException for a project risk-service has never heard of
	 */
	public RiskRegister of(UUID projectId) {
		return this.registers.findById(projectId)
			.orElseThrow(() -> new NotFoundException(null, "no risk register is known for project " + projectId));
	}

}
