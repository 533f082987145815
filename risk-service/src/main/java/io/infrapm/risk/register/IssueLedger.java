package io.infrapm.risk.register;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.infrapm.platform.lifecycle.PeriodicSweep;
import io.infrapm.platform.outbox.AggregateRoot;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Stores the issue a risk's occurrence raised, which waits in the risk (written with the
 * occurrence and its events in one write), in the issues collection: right after the
 * occurrence, and by a sweep every few seconds for a request that crashed in between. The
 * issue is inserted under its own id, so a second store changes nothing; the risk lets go
 * of it only if no write came in between.
 */
@Component
public class IssueLedger extends PeriodicSweep {

	/** How long an issue may wait in its risk before the sweep stores it. */
	static final Duration GRACE = Duration.ofSeconds(5);

	private final MongoOperations mongo;

	private final Clock clock;

	IssueLedger(MongoOperations mongo, Clock clock) {
		super("issue-ledger", GRACE);
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Stores the issue a risk holds, if it holds one.
	 * @param riskId the risk
	 * @return whether it held one
	 */
	public boolean flush(UUID riskId) {
		for (int attempt = 1; attempt <= 5; attempt++) {
			Risk risk = this.mongo.findById(riskId, Risk.class);
			if (risk == null || risk.pendingIssue() == null) {
				return false;
			}
			try {
				this.mongo.insert(risk.pendingIssue().toIssue(risk.projectId(), risk.id()));
			}
			catch (DuplicateKeyException ex) {
				// Stored before.
			}
			Query unchanged = Query
				.query(Criteria.where("_id").is(riskId).and(AggregateRoot.VERSION_FIELD).is(risk.version()));
			if (this.mongo.findAndModify(unchanged, new Update().unset("pendingIssue"), Risk.class) != null) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int sweep() {
		Query waiting = Query.query(Criteria.where("pendingIssue.raisedAt").lt(this.clock.instant().minus(GRACE)));
		waiting.fields().include("_id");
		int flushed = 0;
		for (Risk risk : this.mongo.find(waiting.limit(500), Risk.class)) {
			flush(risk.id());
			flushed++;
		}
		return flushed;
	}

}
