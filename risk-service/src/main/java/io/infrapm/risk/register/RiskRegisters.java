package io.infrapm.risk.register;

import java.time.Clock;
import java.util.UUID;

import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.problem.NotFoundException;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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
	 * @return what happened
	 */
	public HandlingOutcome open(UUID projectId, String code, String name) {
		return EventIdempotency.insertOnce(this.mongo, RiskRegister.open(projectId, code, name, this.clock.instant()));
	}

	/**
	 * Keeps the copy of a project's code and name current, once per event.
	 * @param eventId the event
	 * @param projectId the project
	 * @param code its code
	 * @param name its new name
	 * @return what happened
	 */
	public HandlingOutcome renameProject(UUID eventId, UUID projectId, String code, String name) {
		return EventIdempotency.updateOnce(this.mongo, Query.query(Criteria.where("_id").is(projectId)),
				new Update().set("projectCode", code).set("projectName", name), eventId, RiskRegister.class);
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
