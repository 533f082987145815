package io.infrapm.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.contracts.budget.BudgetLinePlanned;
import io.infrapm.contracts.budget.BudgetLineRevised;
import io.infrapm.contracts.budget.BudgetOverrunForecast;
import io.infrapm.contracts.budget.BudgetRebaselined;
import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.budget.CostPerformanceChanged;
import io.infrapm.contracts.budget.CostRecorded;
import io.infrapm.contracts.budget.EarnedValueCalculated;
import io.infrapm.contracts.risk.AssumptionChanged;
import io.infrapm.contracts.risk.DependencyChanged;
import io.infrapm.contracts.risk.DependencyOverdue;
import io.infrapm.contracts.risk.IssueRaised;
import io.infrapm.contracts.risk.IssueResolved;
import io.infrapm.contracts.risk.RiskAssessed;
import io.infrapm.contracts.risk.MitigationActionChanged;
import io.infrapm.contracts.risk.MitigationActionOverdue;
import io.infrapm.contracts.risk.ProjectRiskExposureChanged;
import io.infrapm.contracts.risk.RiskClosed;
import io.infrapm.contracts.risk.RiskEscalated;
import io.infrapm.contracts.risk.RiskIdentified;
import io.infrapm.contracts.risk.RiskOccurred;
import io.infrapm.contracts.risk.RiskReviewOverdue;
import io.infrapm.contracts.risk.RiskResponsePlanned;
import io.infrapm.contracts.risk.RiskStatusChanged;
import io.infrapm.contracts.risk.RiskUpdated;
import io.infrapm.contracts.notification.NotificationDelivered;
import io.infrapm.contracts.notification.NotificationFailed;
import io.infrapm.contracts.notification.NotificationAcknowledged;
import io.infrapm.contracts.notification.EscalationRaised;
import io.infrapm.contracts.project.ChangeRequestDecided;
import io.infrapm.contracts.project.ChangeRequestSubmitted;
import io.infrapm.contracts.project.HandoverAccepted;
import io.infrapm.contracts.project.HandoverProposed;
import io.infrapm.contracts.project.LessonLearnedRecorded;
import io.infrapm.contracts.project.MilestoneCompleted;
import io.infrapm.contracts.project.MilestonePlanned;
import io.infrapm.contracts.project.MilestoneRescheduled;
import io.infrapm.contracts.project.MilestoneMissed;
import io.infrapm.contracts.project.MilestoneDueSoon;
import io.infrapm.contracts.project.VendorAdded;
import io.infrapm.contracts.project.MaintenanceWindowScheduled;
import io.infrapm.contracts.project.ChangeFreezeDeclared;
import io.infrapm.contracts.project.ChangeWindowCancelled;
import io.infrapm.contracts.project.IterationPlanned;
import io.infrapm.contracts.project.IterationCompleted;
import io.infrapm.contracts.project.ServicesChanged;
import io.infrapm.contracts.project.OutageRecorded;
import io.infrapm.contracts.project.OutageUpdated;
import io.infrapm.contracts.project.ResourcePlanChanged;
import io.infrapm.contracts.project.ResourceOverAllocated;
import io.infrapm.contracts.project.VendorUpdated;
import io.infrapm.contracts.project.VendorDeliverablePlanned;
import io.infrapm.contracts.project.VendorDeliverableReviewed;
import io.infrapm.contracts.project.VendorDeliverableLate;
import io.infrapm.contracts.project.MilestoneUpdated;
import io.infrapm.contracts.project.MilestoneWaived;
import io.infrapm.contracts.project.PhaseGateDecided;
import io.infrapm.contracts.project.ProjectCancelled;
import io.infrapm.contracts.project.ProgressReported;
import io.infrapm.contracts.project.ProjectClosed;
import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectHealthChanged;
import io.infrapm.contracts.project.ProjectHealthOverridden;
import io.infrapm.contracts.project.StatusReportDrafted;
import io.infrapm.contracts.project.StatusReportPublished;
import io.infrapm.contracts.project.ProjectPhaseChanged;
import io.infrapm.contracts.project.ProjectStatusChanged;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.StakeholderAdded;
import io.infrapm.contracts.project.StakeholderRemoved;
import io.infrapm.contracts.project.StakeholderRoleChanged;
import io.infrapm.contracts.project.StakeholderUpdated;
import io.infrapm.contracts.project.ScheduleConflictDetected;
import io.infrapm.contracts.project.ScheduleConflictResolved;

/**
 * Every event type of the public contract, by topic. Consumers resolve a {@code ce_type}
 * header to its record here; the AsyncAPI document is checked against this list.
 */
public final class EventCatalog {

	private static final Map<String, List<Class<? extends Record>>> BY_TOPIC = Map.of(Topics.PROJECT,
			List.of(ProjectCreated.class, ProjectUpdated.class, StakeholderAdded.class, StakeholderRoleChanged.class,
					StakeholderUpdated.class, StakeholderRemoved.class, MilestonePlanned.class, MilestoneUpdated.class,
					MilestoneRescheduled.class, MilestoneCompleted.class, MilestoneWaived.class, MilestoneMissed.class,
					MilestoneDueSoon.class, VendorAdded.class, VendorUpdated.class, VendorDeliverablePlanned.class,
					VendorDeliverableReviewed.class, VendorDeliverableLate.class, ResourcePlanChanged.class,
					ResourceOverAllocated.class, ServicesChanged.class, OutageRecorded.class, OutageUpdated.class,
					IterationPlanned.class, IterationCompleted.class, MaintenanceWindowScheduled.class,
					ChangeFreezeDeclared.class, ChangeWindowCancelled.class, ScheduleConflictDetected.class,
					ScheduleConflictResolved.class, PhaseGateDecided.class, ProjectPhaseChanged.class,
					ProjectStatusChanged.class, ProjectCancelled.class, LessonLearnedRecorded.class,
					HandoverProposed.class, HandoverAccepted.class, ProjectClosed.class, ChangeRequestSubmitted.class,
					ChangeRequestDecided.class, ProgressReported.class, ProjectHealthChanged.class,
					ProjectHealthOverridden.class, StatusReportDrafted.class, StatusReportPublished.class),
			Topics.RISK,
			List.of(RiskIdentified.class, RiskUpdated.class, RiskAssessed.class, RiskResponsePlanned.class,
					RiskEscalated.class, RiskStatusChanged.class, RiskClosed.class, RiskOccurred.class,
					IssueRaised.class, IssueResolved.class, ProjectRiskExposureChanged.class,
					MitigationActionChanged.class, MitigationActionOverdue.class, RiskReviewOverdue.class,
					AssumptionChanged.class, DependencyChanged.class, DependencyOverdue.class),
			Topics.BUDGET,
			List.of(BudgetEstablished.class, BudgetLinePlanned.class, BudgetLineRevised.class, CostRecorded.class,
					BudgetThresholdCrossed.class, BudgetRebaselined.class, EarnedValueCalculated.class,
					CostPerformanceChanged.class, BudgetOverrunForecast.class),
			Topics.NOTIFICATION, List.of(NotificationDelivered.class, NotificationFailed.class,
					NotificationAcknowledged.class, EscalationRaised.class));

	private static final Map<String, Class<? extends Record>> BY_TYPE = BY_TOPIC.values()
		.stream()
		.flatMap(List::stream)
		.collect(Collectors.toUnmodifiableMap(EventCatalog::typeOf, Function.identity()));

	private EventCatalog() {
	}

	/**
	 * The event records published on a topic.
	 * @param topic one of {@link Topics}
	 * @return the records, empty for an unknown topic
	 */
	public static List<Class<? extends Record>> eventsOn(String topic) {
		return BY_TOPIC.getOrDefault(topic, List.of());
	}

	/**
	 * All topics of the catalogue.
	 * @return the topic names
	 */
	public static List<String> topics() {
		return BY_TOPIC.keySet().stream().sorted().toList();
	}

	/**
	 * Resolves a wire type to its record.
	 * @param type a {@code ce_type} value
	 * @return the record class, if the type is part of the contract
	 */
	public static Optional<Class<? extends Record>> recordFor(String type) {
		return Optional.ofNullable(BY_TYPE.get(type));
	}

	/**
	 * The wire type of a contract record.
	 * @param eventClass a record annotated with {@link EventType}
	 * @return its {@code ce_type}
	 * @throws IllegalArgumentException if the class is not annotated
	 */
	public static String typeOf(Class<?> eventClass) {
		EventType type = eventClass.getAnnotation(EventType.class);
		if (type == null) {
			throw new IllegalArgumentException(eventClass.getName() + " is not an event contract (no @EventType)");
		}
		return type.value();
	}

}
