package io.infrapm.risk.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.infrapm.contracts.risk.ActionStatus;
import io.infrapm.contracts.risk.DependencyStatus;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.platform.lifecycle.PeriodicSweep;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.outbox.Aggregates;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Watches the dates of open risks: a mitigation action still to be done past its due date
 * publishes {@code MitigationActionOverdue}, a review date passed publishes
 * {@code RiskReviewOverdue}, a dependency still awaited past its need-by date publishes
 * {@code DependencyOverdue}, each once per date. What was reported is written with the
 * event, in the document's write under its version, so several instances watching at once
 * report each thing once: the second finds it reported, or loses the write and reads
 * again. The day is taken in the configured zone from an injectable clock.
 */
@Component
public class DueWatch extends PeriodicSweep {

	private static final Logger log = LoggerFactory.getLogger(DueWatch.class);

	private static final List<RiskStatus> OPEN = List.of(RiskStatus.IDENTIFIED, RiskStatus.ASSESSED,
			RiskStatus.RESPONSE_PLANNED, RiskStatus.MONITORING);

	private static final List<DependencyStatus> AWAITED = List.of(DependencyStatus.OPEN, DependencyStatus.AT_RISK);

	/**
	 * The most risks (and dependencies) one run looks at; the next run takes the rest.
	 */
	static final int BATCH = 500;

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final Clock clock;

	private final Settings settings;

	public DueWatch(MongoOperations mongo, Aggregates aggregates, Clock clock, Settings settings) {
		super("risk-due-watch", settings.interval());
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * Reports what passed its date since the last run.
	 * @return how many risks and dependencies reported something
	 */
	@Override
	public int sweep() {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, this.settings.zone());
		Query due = Query.query(Criteria.where("status")
			.in(OPEN)
			.orOperator(Criteria.where("nextReviewDate").lt(today),
					Criteria.where("actions")
						.elemMatch(Criteria.where("status")
							.in(ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
							.and("dueDate")
							.lt(today))));
		due.fields().include("_id");
		int reported = 0;
		for (Risk risk : this.mongo.find(due.limit(BATCH), Risk.class)) {
			if (report(Risk.class, risk.id(), (r) -> r.reportOverdue(today, this.clock.instant()))) {
				reported++;
			}
		}
		Query late = Query.query(Criteria.where("status").in(AWAITED).and("needBy").lt(today));
		late.fields().include("_id");
		for (Dependency dependency : this.mongo.find(late.limit(BATCH), Dependency.class)) {
			if (report(Dependency.class, dependency.id(), (d) -> d.reportOverdue(today, this.clock.instant()))) {
				reported++;
			}
		}
		return reported;
	}

	private <T extends AggregateRoot> boolean report(Class<T> type, UUID id, Predicate<T> reportOverdue) {
		for (int attempt = 1; attempt <= 5; attempt++) {
			T entry = this.mongo.findById(id, type);
			if (entry == null || !reportOverdue.test(entry)) {
				return false;
			}
			try {
				this.aggregates.update(entry);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				// Changed meanwhile, perhaps reported by another instance: read again.
			}
		}
		log.warn("{} {} kept changing; its overdue dates are reported at the next run", type.getSimpleName(), id);
		return false;
	}

	/**
	 * How the due watch runs ({@code infrapm.risk.due-watch.*}).
	 *
	 * @param interval between two runs
	 * @param zone the time zone whose day a date passes in
	 */
	@ConfigurationProperties("infrapm.risk.due-watch")
	public record Settings(@DefaultValue("1m") Duration interval, @DefaultValue("UTC") ZoneId zone) {
	}

}
