package io.infrapm.risk.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.infrapm.platform.lifecycle.PeriodicSweep;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.outbox.Aggregates;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Counts a project's open risks into its register's exposure after a risk was written,
 * and publishes {@code ProjectRiskExposureChanged} (in the register's write) when the
 * count differs from the last one: once per change, and never for a write or a replayed
 * event that leaves it as it was.
 * <p>
 * A risk's write marks it ({@code exposureSince}); the count clears the mark of each risk
 * it read, only if the risk was not written again since (its version). So a crash between
 * a risk's write and the count, or a count that read a risk just before its next write,
 * leaves the mark, and a sweep every few seconds counts that project again. Counting
 * twice is harmless: the second count finds nothing changed.
 */
@Component
public class RiskExposure extends PeriodicSweep {

	/** How long a mark may wait before the sweep counts its project. */
	static final Duration GRACE = Duration.ofSeconds(5);

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final Clock clock;

	RiskExposure(MongoOperations mongo, Aggregates aggregates, Clock clock) {
		super("risk-exposure", GRACE);
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.clock = clock;
	}

	/**
	 * Counts a project's open risks and keeps the count in its register.
	 * @param projectId the project
	 * @return the register after it, or {@code null} if there is none
	 */
	public RiskRegister refresh(UUID projectId) {
		for (int attempt = 1;; attempt++) {
			RiskRegister register = this.mongo.findById(projectId, RiskRegister.class);
			if (register == null) {
				return null;
			}
			Query risks = Query.query(Criteria.where("projectId").is(projectId));
			risks.fields()
				.include("number", "status", "type", "band", "score", "inherent", "residual", "exposureSince",
						AggregateRoot.VERSION_FIELD);
			List<Exposure.Counted> counted = this.mongo.find(risks, Exposure.Counted.class,
					this.mongo.getCollectionName(Risk.class));
			try {
				if (register.expose(Exposure.of(counted), this.clock.instant())) {
					register = this.aggregates.update(register);
				}
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
				continue;
			}
			// A risk written again since it was read keeps its mark (its version
			// is newer than the one counted) for the next count.
			for (Exposure.Counted risk : counted) {
				if (risk.exposureSince() == null) {
					continue;
				}
				this.mongo.updateFirst(
						Query.query(Criteria.where("_id")
							.is(risk.id())
							.and(AggregateRoot.VERSION_FIELD)
							.is(risk.version())
							.and("exposureSince")
							.exists(true)),
						// By collection name: with the entity class the template would
						// raise the version, and the client's ETag would go stale.
						new Update().unset("exposureSince"), this.mongo.getCollectionName(Risk.class));
			}
			return register;
		}
	}

	/**
	 * Counts again every project with a risk whose mark waited longer than the grace.
	 * @return how many projects it counted
	 */
	@Override
	public int sweep() {
		Instant before = this.clock.instant().minus(GRACE);
		Query waiting = Query.query(Criteria.where("exposureSince").lt(before));
		waiting.fields().include("projectId");
		Set<UUID> projects = new LinkedHashSet<>();
		for (Risk risk : this.mongo.find(waiting.limit(500), Risk.class)) {
			projects.add(risk.projectId());
		}
		projects.forEach(this::refresh);
		return projects.size();
	}

}
