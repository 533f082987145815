package io.infrapm.notification.digest;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.project.ProjectHealthChanged;
import io.infrapm.contracts.budget.CostPerformanceChanged;
import io.infrapm.contracts.budget.EarnedValueCalculated;
import io.infrapm.contracts.risk.ProjectRiskExposureChanged;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps each project's {@link ProjectPulse} from budget and risk events. A part is
 * replaced only by an event that occurred no earlier than the one it came from (earned
 * value and the bands of a change of performance are merged), in one conditional write,
 * so replays, redeliveries and several instances leave the latest.
 */
@Service
public class Pulses {

	private final MongoOperations mongo;

	Pulses(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * Adds the handlers of budget events to a router.
	 * @param router the router of budget events
	 * @return the same router
	 */
	public EventRouter.Builder trackBudget(EventRouter.Builder router) {
		return router.on(BudgetThresholdCrossed.class, this::crossed)
			.on(EarnedValueCalculated.class, this::earned)
			.on(CostPerformanceChanged.class, this::performance);
	}

	/**
	 * Adds the handler of the computed health to a router.
	 * @param router the router of project events
	 * @return the same router
	 */
	public EventRouter.Builder trackHealth(EventRouter.Builder router) {
		return router.on(ProjectHealthChanged.class, this::health);
	}

	/**
	 * Adds the handler of risk exposure to a router.
	 * @param router the router of risk events
	 * @return the same router
	 */
	public EventRouter.Builder trackRisk(EventRouter.Builder router) {
		return router.on(ProjectRiskExposureChanged.class, this::exposure);
	}

	/**
	 * The pulses of some projects.
	 * @param projectIds the projects
	 * @return by project; a project without a pulse is missing
	 */
	public Map<UUID, ProjectPulse> of(Collection<UUID> projectIds) {
		return this.mongo.find(Query.query(Criteria.where("_id").in(projectIds)), ProjectPulse.class)
			.stream()
			.collect(Collectors.toMap(ProjectPulse::projectId, Function.identity()));
	}

	HandlingOutcome crossed(IncomingEvent<BudgetThresholdCrossed> event) {
		BudgetThresholdCrossed data = event.data();
		return replace(data.projectId(), "budget", new ProjectPulse.Budget(data.consumedPercent(), data.actualTotal(),
				data.budgetAtCompletion(), data.currency(), event.metadata().time()), event.metadata().time());
	}

	HandlingOutcome earned(IncomingEvent<EarnedValueCalculated> event) {
		EarnedValueCalculated data = event.data();
		// The bands stay what the last CostPerformanceChanged said: it comes only when
		// a band changes.
		ProjectPulse.Performance before = performanceOf(data.projectId());
		return replace(data.projectId(), "performance",
				new ProjectPulse.Performance(data.costPerformanceIndex(), data.schedulePerformanceIndex(),
						data.estimateAtCompletion(), data.currency(), (before != null) ? before.costBand() : null,
						(before != null) ? before.scheduleBand() : null, event.metadata().time()),
				event.metadata().time());
	}

	HandlingOutcome performance(IncomingEvent<CostPerformanceChanged> event) {
		CostPerformanceChanged data = event.data();
		// The bands come with the indices; the estimate stays what earned value said.
		ProjectPulse.Performance before = performanceOf(data.projectId());
		return replace(data.projectId(), "performance",
				new ProjectPulse.Performance(data.costPerformanceIndex(), data.schedulePerformanceIndex(),
						(before != null) ? before.estimateAtCompletion() : null,
						(before != null) ? before.currency() : null, name(data.costBand()), name(data.scheduleBand()),
						event.metadata().time()),
				event.metadata().time());
	}

	HandlingOutcome exposure(IncomingEvent<ProjectRiskExposureChanged> event) {
		ProjectRiskExposureChanged data = event.data();
		return replace(data.projectId(), "risk",
				new ProjectPulse.Risk(data.openThreats(), data.critical(), data.high(), data.topRiskNumber(),
						data.topScore(), data.expectedExposure(), data.currency(), event.metadata().time()),
				event.metadata().time());
	}

	HandlingOutcome health(IncomingEvent<ProjectHealthChanged> event) {
		ProjectHealthChanged data = event.data();
		return replace(data.projectId(), "health", new ProjectPulse.Health(name(data.overall()), name(data.schedule()),
				name(data.cost()), name(data.scope()), name(data.risk()), data.changedAt()), data.changedAt());
	}

	private ProjectPulse.Performance performanceOf(UUID projectId) {
		ProjectPulse known = this.mongo.findById(projectId, ProjectPulse.class);
		return (known != null) ? known.performance() : null;
	}

	private HandlingOutcome replace(UUID projectId, String part, Object value, Instant at) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(projectId)), new Update().setOnInsert("_id", projectId),
				ProjectPulse.class);
		ProjectPulse replaced = this.mongo.findAndModify(
				Query.query(Criteria.where("_id")
					.is(projectId)
					.orOperator(Criteria.where(part).isNull(), Criteria.where(part + ".at").lte(at))),
				new Update().set(part, value), FindAndModifyOptions.options().returnNew(true), ProjectPulse.class);
		return (replaced != null) ? HandlingOutcome.APPLIED : HandlingOutcome.DUPLICATE;
	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

}
