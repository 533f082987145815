package io.infrapm.risk.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.risk.ActionStatus;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.platform.lifecycle.PeriodicSweep;
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
 * {@code RiskReviewOverdue}, each once per date. What was reported is written with the
 * event, in the risk's write under its version, so several instances watching at once
 * report each thing once: the second finds it reported, or loses the write and reads
 * again. The day is taken in the configured zone from an injectable clock.
 */
@Component
public class DueWatch extends PeriodicSweep {

	private static final Logger log = LoggerFactory.getLogger(DueWatch.class);

	private static final List<RiskStatus> OPEN = List.of(RiskStatus.IDENTIFIED, RiskStatus.ASSESSED,
			RiskStatus.RESPONSE_PLANNED, RiskStatus.MONITORING);

	/** The most risks one run looks at; the next run takes the rest. */
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
	 * @return how many risks reported something
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
			if (report(risk.id(), today)) {
				reported++;
			}
		}
		return reported;
	}

	private boolean report(UUID riskId, LocalDate today) {
		for (int attempt = 1; attempt <= 5; attempt++) {
			Risk risk = this.mongo.findById(riskId, Risk.class);
			if (risk == null || !risk.reportOverdue(today, this.clock.instant())) {
				return false;
			}
			try {
				this.aggregates.update(risk);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				// Changed meanwhile, perhaps reported by another instance: read again.
			}
		}
		log.warn("Risk {} kept changing; its overdue dates are reported at the next run", riskId);
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
