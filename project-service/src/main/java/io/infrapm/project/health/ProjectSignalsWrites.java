package io.infrapm.project.health;

import java.util.UUID;

import io.infrapm.contracts.budget.BudgetEstablished;
import io.infrapm.contracts.budget.BudgetRebaselined;
import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.contracts.budget.CostPerformanceChanged;
import io.infrapm.contracts.budget.CostRecorded;
import io.infrapm.contracts.budget.EarnedValueCalculated;
import io.infrapm.contracts.risk.IssueRaised;
import io.infrapm.contracts.risk.IssueResolved;
import io.infrapm.contracts.risk.ProjectRiskExposureChanged;
import io.infrapm.contracts.risk.RiskAssessed;
import io.infrapm.contracts.risk.RiskClosed;
import io.infrapm.contracts.risk.RiskIdentified;
import io.infrapm.contracts.risk.RiskOccurred;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.contracts.risk.RiskUpdated;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ProjectSignals} from risk and budget events. Every effect is one
 * conditional update: a budget or issue event applies only after the last one of its
 * subject ({@code ce_sequence}), the risk exposure only if its revision is newer, so that
 * a redelivered, late or replayed event never makes the signals older.
 */
@Component
public class ProjectSignalsWrites {

	private final MongoOperations mongo;

	ProjectSignalsWrites(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * The signals of a project.
	 * @param projectId the project
	 * @return them, empty if none arrived yet
	 */
	public ProjectSignals of(UUID projectId) {
		ProjectSignals signals = this.mongo.findById(projectId, ProjectSignals.class);
		return (signals != null) ? signals : ProjectSignals.none(projectId);
	}

	public HandlingOutcome budgetEstablished(IncomingEvent<BudgetEstablished> event) {
		BudgetEstablished data = event.data();
		return inOrder(data.projectId(), event,
				new Update().set(ProjectSignals.BUDGET + ".budgetAtCompletion", data.budgetAtCompletion())
					.set(ProjectSignals.BUDGET + ".currency", data.currency()));
	}

	public HandlingOutcome budgetRebaselined(IncomingEvent<BudgetRebaselined> event) {
		BudgetRebaselined data = event.data();
		Update update = new Update().set(ProjectSignals.BUDGET + ".budgetAtCompletion", data.budgetAtCompletion())
			.set(ProjectSignals.BUDGET + ".currency", data.currency());
		if (data.rearmedThresholds() != null) {
			data.rearmedThresholds().forEach((threshold) -> update.unset(crossed(threshold)));
		}
		return inOrder(data.projectId(), event, update);
	}

	public HandlingOutcome costRecorded(IncomingEvent<CostRecorded> event) {
		CostRecorded data = event.data();
		return inOrder(data.projectId(), event,
				new Update().set(ProjectSignals.BUDGET + ".actualTotal", data.actualTotal())
					.set(ProjectSignals.BUDGET + ".currency", data.currency()));
	}

	public HandlingOutcome thresholdCrossed(IncomingEvent<BudgetThresholdCrossed> event) {
		BudgetThresholdCrossed data = event.data();
		return inOrder(data.projectId(), event,
				new Update().set(crossed(data.thresholdPercent()), data.crossedAt())
					.set(ProjectSignals.BUDGET + ".actualTotal", data.actualTotal())
					.set(ProjectSignals.BUDGET + ".budgetAtCompletion", data.budgetAtCompletion())
					.set(ProjectSignals.BUDGET + ".currency", data.currency()));
	}

	public HandlingOutcome earnedValueCalculated(IncomingEvent<EarnedValueCalculated> event) {
		EarnedValueCalculated data = event.data();
		return inOrder(data.projectId(), event,
				new Update().set(ProjectSignals.PERFORMANCE,
						new ProjectSignals.Performance(data.asOf(), data.costPerformanceIndex(),
								data.schedulePerformanceIndex(), data.estimateAtCompletion(), data.budgetAtCompletion(),
								data.currency())));
	}

	public HandlingOutcome costPerformanceChanged(IncomingEvent<CostPerformanceChanged> event) {
		CostPerformanceChanged data = event.data();
		return inOrder(data.projectId(), event,
				new Update().set(ProjectSignals.PERFORMANCE + ".asOf", data.asOf())
					.set(ProjectSignals.PERFORMANCE + ".costPerformanceIndex", data.costPerformanceIndex())
					.set(ProjectSignals.PERFORMANCE + ".schedulePerformanceIndex", data.schedulePerformanceIndex()));
	}

	public HandlingOutcome exposureChanged(IncomingEvent<ProjectRiskExposureChanged> event) {
		ProjectRiskExposureChanged data = event.data();
		ensure(data.projectId());
		return EventIdempotency.applyIfNewer(this.mongo, byId(data.projectId()), ProjectSignals.EXPOSURE_REVISION,
				data.revision(),
				new Update().inc(ProjectSignals.REVISION, 1)
					.set(ProjectSignals.EXPOSURE,
							new ProjectSignals.Exposure(data.openThreats(), data.critical(), data.high(),
									data.topRiskNumber(), data.topScore(), data.expectedExposure(), data.currency())),
				ProjectSignals.class);
	}

	public HandlingOutcome issueRaised(IncomingEvent<IssueRaised> event) {
		IssueRaised data = event.data();
		return inOrder(data.projectId(), event, new Update().set(issue(data.issueId()),
				new ProjectSignals.Issue(data.number(), data.title(), data.severity(), data.raisedAt(), null)));
	}

	public HandlingOutcome issueResolved(IncomingEvent<IssueResolved> event) {
		IssueResolved data = event.data();
		// An issue raised before project-service listened to risk events is not known:
		// its resolution has nothing to close.
		return inOrder(data.projectId(), event,
				new Update().set(issue(data.issueId()) + ".resolvedAt", data.resolvedAt()));
	}

	public HandlingOutcome riskIdentified(IncomingEvent<RiskIdentified> event) {
		RiskIdentified data = event.data();
		String risk = risk(data.riskId());
		return inOrder(data.projectId(), event,
				new Update().set(risk + ".number", data.number())
					.set(risk + ".title", data.title())
					.set(risk + ".threat", data.type() == RiskType.THREAT)
					.set(risk + ".open", true));
	}

	public HandlingOutcome riskUpdated(IncomingEvent<RiskUpdated> event) {
		RiskUpdated data = event.data();
		return inOrder(data.projectId(), event, new Update().set(risk(data.riskId()) + ".title", data.title())
			.set(risk(data.riskId()) + ".number", data.number()));
	}

	public HandlingOutcome riskAssessed(IncomingEvent<RiskAssessed> event) {
		RiskAssessed data = event.data();
		return inOrder(data.projectId(), event,
				new Update().set(risk(data.riskId()) + ".score", data.score())
					.set(risk(data.riskId()) + ".band", data.band())
					.set(risk(data.riskId()) + ".number", data.number()));
	}

	public HandlingOutcome riskClosed(IncomingEvent<RiskClosed> event) {
		RiskClosed data = event.data();
		return inOrder(data.projectId(), event, new Update().set(risk(data.riskId()) + ".open", false));
	}

	public HandlingOutcome riskOccurred(IncomingEvent<RiskOccurred> event) {
		RiskOccurred data = event.data();
		// It became an issue: the issue's own event counts it from now on.
		return inOrder(data.projectId(), event, new Update().set(risk(data.riskId()) + ".open", false));
	}

	private HandlingOutcome inOrder(UUID projectId, IncomingEvent<?> event, Update update) {
		ensure(projectId);
		// Every applied event moves the revision, so that views assembled from the
		// signals
		// can tell an older copy from a newer one.
		return EventIdempotency.applyInOrder(this.mongo, byId(projectId), event, update.inc(ProjectSignals.REVISION, 1),
				ProjectSignals.class);
	}

	private void ensure(UUID projectId) {
		if (this.mongo.exists(byId(projectId), ProjectSignals.class)) {
			return;
		}
		try {
			this.mongo.insert(new ProjectSignals(projectId));
		}
		catch (DuplicateKeyException ex) {
			// another consumer thread created it first
		}
	}

	private static Query byId(UUID projectId) {
		return Query.query(Criteria.where("_id").is(projectId));
	}

	private static String crossed(int threshold) {
		return ProjectSignals.BUDGET + ".crossed." + threshold;
	}

	private static String risk(UUID riskId) {
		return ProjectSignals.RISKS + "." + riskId;
	}

	private static String issue(UUID issueId) {
		return ProjectSignals.ISSUES + "." + issueId;
	}

}
