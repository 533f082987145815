package io.infrapm.project.health.messaging;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.Topics;
import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.contracts.budget.BudgetRebaselined;
import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.budget.CostPerformanceChanged;
import io.infrapm.contracts.budget.CostRecorded;
import io.infrapm.contracts.budget.EarnedValueCalculated;
import io.infrapm.contracts.project.ChangeRequestDecided;
import io.infrapm.contracts.project.ChangeRequestSubmitted;
import io.infrapm.contracts.project.MilestoneCompleted;
import io.infrapm.contracts.project.MilestoneMissed;
import io.infrapm.contracts.project.MilestonePlanned;
import io.infrapm.contracts.project.MilestoneRescheduled;
import io.infrapm.contracts.project.MilestoneUpdated;
import io.infrapm.contracts.project.MilestoneWaived;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectHealthChanged;
import io.infrapm.contracts.project.ProjectHealthOverridden;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.ScheduleConflictDetected;
import io.infrapm.contracts.project.StatusReportDrafted;
import io.infrapm.contracts.project.StatusReportPublished;
import io.infrapm.contracts.project.ScheduleConflictResolved;
import io.infrapm.contracts.project.VendorDeliverableLate;
import io.infrapm.contracts.project.VendorDeliverablePlanned;
import io.infrapm.contracts.project.VendorDeliverableReviewed;
import io.infrapm.contracts.risk.IssueRaised;
import io.infrapm.contracts.risk.IssueResolved;
import io.infrapm.contracts.risk.ProjectRiskExposureChanged;
import io.infrapm.contracts.risk.RiskAssessed;
import io.infrapm.contracts.risk.RiskClosed;
import io.infrapm.contracts.risk.RiskIdentified;
import io.infrapm.contracts.risk.RiskOccurred;
import io.infrapm.contracts.risk.RiskUpdated;
import io.infrapm.platform.messaging.EventHandler;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.messaging.UnknownAggregateException;
import io.infrapm.project.health.ProjectHealth;
import io.infrapm.project.health.ProjectHealthService;
import io.infrapm.project.health.ProjectSignalsWrites;
import io.infrapm.project.rollup.PortfolioRows;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * What keeps a project's health current: risk and budget events update its signals, and
 * then, like every event of the project's own topic, make it assessed again; the
 * project's own health events fill its history. Every effect is idempotent: the signals
 * apply each event once and in order, an assessment that changes no colour publishes
 * nothing, and a history entry is inserted under its event's id.
 */
@Configuration(proxyBeanMethods = false)
class HealthEventsConsumer {

	/**
	 * The project events that change a fact the health rules read: the project itself
	 * (its first assessment, its name), its milestones, vendor deliverables, schedule
	 * conflicts and change requests. Stakeholders, resources, outages and the like do not
	 * colour the health, and assessing on them would only cost reads.
	 */
	/** The project's own events about its health and reports, which no row shows. */
	static final List<Class<? extends Record>> OWN_VIEWS = List.of(ProjectHealthChanged.class,
			ProjectHealthOverridden.class, StatusReportDrafted.class, StatusReportPublished.class);

	static final List<Class<? extends Record>> CHANGES_FACTS = List.of(ProjectCreated.class, ProjectUpdated.class,
			MilestonePlanned.class, MilestoneUpdated.class, MilestoneRescheduled.class, MilestoneCompleted.class,
			MilestoneWaived.class, MilestoneMissed.class, VendorDeliverablePlanned.class,
			VendorDeliverableReviewed.class, VendorDeliverableLate.class, ScheduleConflictDetected.class,
			ScheduleConflictResolved.class, ChangeRequestSubmitted.class, ChangeRequestDecided.class);

	@Bean
	Consumer<Message<byte[]>> riskEvents(ProjectSignalsWrites signals, ProjectHealthService health, PortfolioRows rows,
			MeterRegistry registry) {
		return EventRouter.builder(registry)
			.on(ProjectRiskExposureChanged.class, assessedAfter(signals::exposureChanged, health, rows))
			.on(IssueRaised.class, assessedAfter(signals::issueRaised, health, rows))
			.on(IssueResolved.class, assessedAfter(signals::issueResolved, health, rows))
			// What status reports and the portfolio list as the top risks; no health rule
			// reads them.
			.on(RiskIdentified.class, rowAfter(signals::riskIdentified, rows))
			.on(RiskUpdated.class, rowAfter(signals::riskUpdated, rows))
			.on(RiskAssessed.class, rowAfter(signals::riskAssessed, rows))
			.on(RiskClosed.class, rowAfter(signals::riskClosed, rows))
			.on(RiskOccurred.class, rowAfter(signals::riskOccurred, rows))
			.build();
	}

	@Bean
	Consumer<Message<byte[]>> budgetEvents(ProjectSignalsWrites signals, ProjectHealthService health,
			PortfolioRows rows, MeterRegistry registry) {
		return EventRouter.builder(registry)
			.on(BudgetEstablished.class, assessedAfter(signals::budgetEstablished, health, rows))
			.on(BudgetRebaselined.class, assessedAfter(signals::budgetRebaselined, health, rows))
			.on(CostRecorded.class, assessedAfter(signals::costRecorded, health, rows))
			.on(BudgetThresholdCrossed.class, assessedAfter(signals::thresholdCrossed, health, rows))
			.on(EarnedValueCalculated.class, assessedAfter(signals::earnedValueCalculated, health, rows))
			.on(CostPerformanceChanged.class, assessedAfter(signals::costPerformanceChanged, health, rows))
			.build();
	}

	@Bean
	Consumer<Message<byte[]>> projectEvents(ProjectHealthService health, PortfolioRows rows, MeterRegistry registry) {
		EventRouter.Builder router = EventRouter.builder(registry)
			.on(ProjectHealthChanged.class, health::recordChange)
			.on(ProjectHealthOverridden.class, health::recordOverride);
		for (Class<? extends Record> type : EventCatalog.eventsOn(Topics.PROJECT)) {
			if (!OWN_VIEWS.contains(type)) {
				refreshOn(router, type, health, rows);
			}
		}
		return router.build();
	}

	private static <T extends Record> void refreshOn(EventRouter.Builder router, Class<T> type,
			ProjectHealthService health, PortfolioRows rows) {
		boolean changesFacts = CHANGES_FACTS.contains(type);
		router.on(type, (event) -> {
			UUID projectId = projectOf(event);
			// A change window for every project names none; the conflicts it causes come
			// as events of each project.
			if (projectId == null) {
				return HandlingOutcome.IGNORED;
			}
			HandlingOutcome assessed;
			try {
				assessed = changesFacts ? health.reassess(projectId, cause(event)) : HandlingOutcome.IGNORED;
			}
			catch (UnknownAggregateException ex) {
				// This service writes every project before its events: one it does not
				// hold was never one of its own, and waiting would only hold up the
				// partition.
				return HandlingOutcome.IGNORED;
			}
			HandlingOutcome row = rows.refresh(projectId);
			return (assessed == HandlingOutcome.APPLIED || row == HandlingOutcome.APPLIED) ? HandlingOutcome.APPLIED
					: HandlingOutcome.DUPLICATE;
		});
	}

	/** Applies an event to the signals, then writes the project's portfolio row. */
	private static <T extends Record> EventHandler<T> rowAfter(EventHandler<T> signals, PortfolioRows rows) {
		return (event) -> {
			HandlingOutcome applied = signals.handle(event);
			rows.refresh(projectOf(event));
			return applied;
		};
	}

	/**
	 * Applies an event to the signals, then assesses the project again and writes its
	 * portfolio row, whatever the signals said: a redelivery after a crash between the
	 * steps must still do the rest.
	 */
	private static <T extends Record> EventHandler<T> assessedAfter(EventHandler<T> signals,
			ProjectHealthService health, PortfolioRows rows) {
		return (event) -> {
			HandlingOutcome applied = signals.handle(event);
			HandlingOutcome assessed = health.reassess(projectOf(event), cause(event));
			rows.refresh(projectOf(event));
			return (applied == HandlingOutcome.APPLIED || assessed == HandlingOutcome.APPLIED) ? HandlingOutcome.APPLIED
					: applied;
		};
	}

	private static UUID projectOf(IncomingEvent<?> event) {
		// Every contract record has a projectId (the contracts' tests hold them to it).
		try {
			return (UUID) event.data().getClass().getMethod("projectId").invoke(event.data());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(event.metadata().type() + " has no projectId", ex);
		}
	}

	private static ProjectHealth.Cause cause(IncomingEvent<?> event) {
		return new ProjectHealth.Cause(event.data().getClass().getSimpleName(), event.id());
	}

}
