package io.infrapm.risk.register;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.infrapm.contracts.risk.AssumptionStatus;
import io.infrapm.contracts.risk.DependencyStatus;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.ETags;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The assumptions and dependencies of a project's register, which complete RAID beside
 * its risks and issues: each its own document, numbered per project ({@code A-n},
 * {@code D-n}), recorded once per idempotency key, changed under its version. Members
 * read; the manager (or a portfolio manager) records and changes; a closed register takes
 * no new ones.
 */
@Service
public class RaidBook {

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final ProjectMemberships memberships;

	private final Clock clock;

	RaidBook(MongoOperations mongo, Aggregates aggregates, ProjectMemberships memberships, Clock clock) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.memberships = memberships;
		this.clock = clock;
	}

	/**
	 * Records an assumption, once per idempotency key.
	 * @param projectId the project
	 * @param details what is assumed
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller its manager or a portfolio manager
	 * @return the assumption, and whether an earlier request with the key recorded it
	 */
	public Recorded<Assumption> recordAssumption(UUID projectId, Assumption.Details details, String idempotencyKey,
			Caller caller) {
		return record(projectId, "assumption", Assumption.class, idempotencyKey, caller,
				(id, number) -> Assumption.record(id, projectId, "A-" + number, details, caller.actor(),
						this.clock.instant()),
				RiskRegister.ASSUMPTION_COUNT, RiskRegister::assumptionCount,
				(earlier) -> earlier.title().equals(RaidText.required("title", details.title())));
	}

	/**
	 * Records a dependency, once per idempotency key.
	 * @param projectId the project
	 * @param details what is needed
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller its manager or a portfolio manager
	 * @return the dependency, and whether an earlier request with the key recorded it
	 */
	public Recorded<Dependency> recordDependency(UUID projectId, Dependency.Details details, String idempotencyKey,
			Caller caller) {
		return record(projectId, "dependency", Dependency.class, idempotencyKey, caller,
				(id, number) -> Dependency.record(id, projectId, "D-" + number, details, caller.actor(),
						this.clock.instant()),
				RiskRegister.DEPENDENCY_COUNT, RiskRegister::dependencyCount,
				(earlier) -> earlier.title().equals(RaidText.required("title", details.title())));
	}

	/**
	 * Changes an assumption.
	 * @param assumptionId the assumption
	 * @param ifMatch its ETag the client last saw, or {@code null}
	 * @param change what changes
	 * @param status its new status, or {@code null}
	 * @param reason why the status changes
	 * @param caller its project's manager or a portfolio manager
	 * @return the assumption after it
	 */
	public Assumption changeAssumption(UUID assumptionId, String ifMatch, Assumption.Details change,
			AssumptionStatus status, String reason, Caller caller) {
		return change(assumptionId, "assumptionId", Assumption.class, Assumption::projectId, ifMatch, caller,
				(a, now) -> a.change(change, status, reason, caller.actor(), now));
	}

	/**
	 * Changes a dependency.
	 * @param dependencyId the dependency
	 * @param ifMatch its ETag the client last saw, or {@code null}
	 * @param change what changes
	 * @param status its new status, or {@code null}
	 * @param reason why the status changes
	 * @param caller its project's manager or a portfolio manager
	 * @return the dependency after it
	 */
	public Dependency changeDependency(UUID dependencyId, String ifMatch, Dependency.Details change,
			DependencyStatus status, String reason, Caller caller) {
		return change(dependencyId, "dependencyId", Dependency.class, Dependency::projectId, ifMatch, caller,
				(d, now) -> d.change(change, status, reason, caller.actor(), now));
	}

	/**
	 * One assumption, for a member of its project.
	 * @param assumptionId the assumption
	 * @param caller who asks
	 * @return it
	 */
	public Assumption assumption(UUID assumptionId, Caller caller) {
		return readable(assumptionId, "assumptionId", Assumption.class, Assumption::projectId, caller);
	}

	/**
	 * One dependency, for a member of its project.
	 * @param dependencyId the dependency
	 * @param caller who asks
	 * @return it
	 */
	public Dependency dependency(UUID dependencyId, Caller caller) {
		return readable(dependencyId, "dependencyId", Dependency.class, Dependency::projectId, caller);
	}

	/**
	 * A project's assumptions, in the order recorded.
	 * @param projectId the project
	 * @param status only these, or {@code null}
	 * @param page the page
	 * @param size its size
	 * @param caller a member
	 * @return the page and how many match
	 */
	public Page<Assumption> assumptions(UUID projectId, AssumptionStatus status, int page, int size, Caller caller) {
		return list(projectId, status, Assumption.class, page, size, caller);
	}

	/**
	 * A project's dependencies, in the order recorded.
	 * @param projectId the project
	 * @param status only these, or {@code null}
	 * @param page the page
	 * @param size its size
	 * @param caller a member
	 * @return the page and how many match
	 */
	public Page<Dependency> dependencies(UUID projectId, DependencyStatus status, int page, int size, Caller caller) {
		return list(projectId, status, Dependency.class, page, size, caller);
	}

	private <T extends AggregateRoot> Recorded<T> record(UUID projectId, String kind, Class<T> type,
			String idempotencyKey, Caller caller, BiFunction<UUID, Long, T> make, String counter,
			Function<RiskRegister, Long> count, Predicate<T> sameAs) {
		this.memberships.accessOf(projectId, caller).requireManage();
		RiskRegister register = this.mongo.findById(projectId, RiskRegister.class);
		if (register == null) {
			throw new NotFoundException(null, "no risk register is known for project " + projectId);
		}
		UUID id = RiskRegister.keyedId(kind, projectId, idempotencyKey);
		T earlier = this.mongo.findById(id, type);
		if (earlier != null) {
			return replay(earlier, sameAs);
		}
		if (register.closed()) {
			throw new ConflictException(null,
					"project " + projectId + " is closed or cancelled; its register takes no new " + kind);
		}
		RiskRegister counted = RiskRegister.counted(this.mongo, projectId, counter);
		try {
			return new Recorded<>(this.aggregates.insert(make.apply(id, count.apply(counted))), false);
		}
		catch (DuplicateKeyException ex) {
			return replay(this.mongo.findById(id, type), sameAs);
		}
	}

	private static <T> Recorded<T> replay(T earlier, Predicate<T> sameAs) {
		if (!sameAs.test(earlier)) {
			throw new RuleViolationException("Idempotency-Key",
					"the key was used before for another entry; use a new key for a new one");
		}
		return new Recorded<>(earlier, true);
	}

	private <T extends AggregateRoot> T change(UUID id, String field, Class<T> type, Function<T, UUID> projectOf,
			String ifMatch, Caller caller, BiFunction<T, Instant, Boolean> change) {
		for (int attempt = 1;; attempt++) {
			T entry = this.mongo.findById(id, type);
			ProjectAccess access = (entry != null) ? this.memberships.accessOf(projectOf.apply(entry), caller) : null;
			if (access == null || !access.read()) {
				throw new NotFoundException(field, "no " + field.replace("Id", "") + " " + id);
			}
			access.requireManage();
			if (ifMatch != null) {
				ETags.requireCurrent(ifMatch, entry.version());
			}
			if (!change.apply(entry, this.clock.instant())) {
				return entry;
			}
			try {
				return this.aggregates.update(entry);
			}
			catch (OptimisticLockingFailureException ex) {
				if (ifMatch != null || attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private <T> T readable(UUID id, String field, Class<T> type, Function<T, UUID> projectOf, Caller caller) {
		T entry = this.mongo.findById(id, type);
		ProjectAccess access = (entry != null) ? this.memberships.accessOf(projectOf.apply(entry), caller) : null;
		if (access == null || !access.read()) {
			throw new NotFoundException(field, "no " + field.replace("Id", "") + " " + id);
		}
		return entry;
	}

	private <T> Page<T> list(UUID projectId, Enum<?> status, Class<T> type, int page, int size, Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		if (!this.mongo.exists(Query.query(Criteria.where("_id").is(projectId)), RiskRegister.class)) {
			throw new NotFoundException(null, "no risk register is known for project " + projectId);
		}
		Criteria criteria = Criteria.where("projectId").is(projectId);
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		long total = this.mongo.count(Query.query(criteria), type);
		List<T> items = this.mongo
			.find(Query.query(criteria).with(Sort.by("recordedAt", "_id")).skip((long) page * size).limit(size), type);
		return new Page<>(items, total);
	}

	/**
	 * An entry recorded.
	 *
	 * @param <T> assumption or dependency
	 * @param entry the entry
	 * @param replayed whether an earlier request with the same key recorded it
	 */
	public record Recorded<T>(T entry, boolean replayed) {
	}

	/**
	 * A page of entries.
	 *
	 * @param <T> assumption or dependency
	 * @param items the page
	 * @param total how many match
	 */
	public record Page<T>(List<T> items, long total) {
	}

}
