package io.infrapm.project.health.messaging;

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
import io.infrapm.contracts.project.ProjectHealthChanged;
import io.infrapm.contracts.project.ProjectHealthOverridden;
import io.infrapm.contracts.risk.IssueRaised;
import io.infrapm.contracts.risk.IssueResolved;
import io.infrapm.contracts.risk.ProjectRiskExposureChanged;
import io.infrapm.platform.messaging.EventHandler;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.project.health.ProjectHealth;
import io.infrapm.project.health.ProjectHealthService;
import io.infrapm.project.health.ProjectSignalsWrites;
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

	@Bean
	Consumer<Message<byte[]>> riskEvents(ProjectSignalsWrites signals, ProjectHealthService health,
			MeterRegistry registry) {
		return EventRouter.builder(registry)
			.on(ProjectRiskExposureChanged.class, assessedAfter(signals::exposureChanged, health))
			.on(IssueRaised.class, assessedAfter(signals::issueRaised, health))
			.on(IssueResolved.class, assessedAfter(signals::issueResolved, health))
			.build();
	}

	@Bean
	Consumer<Message<byte[]>> budgetEvents(ProjectSignalsWrites signals, ProjectHealthService health,
			MeterRegistry registry) {
		return EventRouter.builder(registry)
			.on(BudgetEstablished.class, assessedAfter(signals::budgetEstablished, health))
			.on(BudgetRebaselined.class, assessedAfter(signals::budgetRebaselined, health))
			.on(CostRecorded.class, assessedAfter(signals::costRecorded, health))
			.on(BudgetThresholdCrossed.class, assessedAfter(signals::thresholdCrossed, health))
			.on(EarnedValueCalculated.class, assessedAfter(signals::earnedValueCalculated, health))
			.on(CostPerformanceChanged.class, assessedAfter(signals::costPerformanceChanged, health))
			.build();
	}

	@Bean
	Consumer<Message<byte[]>> projectEvents(ProjectHealthService health, MeterRegistry registry) {
		EventRouter.Builder router = EventRouter.builder(registry)
			.on(ProjectHealthChanged.class, health::recordChange)
			.on(ProjectHealthOverridden.class, health::recordOverride);
		for (Class<? extends Record> type : EventCatalog.eventsOn(Topics.PROJECT)) {
			if (type != ProjectHealthChanged.class && type != ProjectHealthOverridden.class) {
				reassessOn(router, type, health);
			}
		}
		return router.build();
	}

	private static <T extends Record> void reassessOn(EventRouter.Builder router, Class<T> type,
			ProjectHealthService health) {
		router.on(type, (event) -> {
			UUID projectId = projectOf(event);
			// A change window for every project names none; the conflicts it causes come
			// as events of each project.
			return (projectId != null) ? health.reassess(projectId, cause(event)) : HandlingOutcome.IGNORED;
		});
	}

	/**
	 * Applies an event to the signals, then assesses the project again whatever the
	 * signals said: a redelivery after a crash between the two must still assess it.
	 */
	private static <T extends Record> EventHandler<T> assessedAfter(EventHandler<T> signals,
			ProjectHealthService health) {
		return (event) -> {
			HandlingOutcome applied = signals.handle(event);
			HandlingOutcome assessed = health.reassess(projectOf(event), cause(event));
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
