package io.infrapm.risk.register.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.EscalationLevel;
import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.ResponseStrategy;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.contracts.risk.RiskOrigin;
import io.infrapm.contracts.risk.RiskStatus;
import io.infrapm.contracts.risk.RiskType;
import io.infrapm.risk.register.Assessment;
import io.infrapm.risk.register.Issue;
import io.infrapm.risk.register.Response;
import io.infrapm.risk.register.Risk;

/**
 * How risk-service's resources look in its API.
 */
final class RiskViews {

	private RiskViews() {
	}

	record PersonView(String name, String email) {

		static PersonView of(Actor actor) {
			return (actor != null) ? new PersonView(actor.name(), actor.email()) : null;
		}

		static PersonView of(io.infrapm.contracts.project.Person person) {
			return (person != null) ? new PersonView(person.name(), person.email()) : null;
		}

	}

	record AssessmentView(AssessmentKind kind, int probability, int impact, int score, RiskBand band,
			BigDecimal costImpact, String rationale, Instant assessedAt, PersonView assessedBy) {

		static AssessmentView of(Assessment a) {
			return (a != null) ? new AssessmentView(a.kind(), a.probability(), a.impact(), a.score(), a.band(),
					a.costImpact(), a.rationale(), a.at(), PersonView.of(a.by())) : null;
		}

	}

	record ResponseView(ResponseStrategy strategy, String description, String contingencyPlan, Instant plannedAt,
			PersonView plannedBy) {

		static ResponseView of(Response r) {
			return (r != null) ? new ResponseView(r.strategy(), r.description(), r.contingencyPlan(), r.at(),
					PersonView.of(r.by())) : null;
		}

	}

	record RiskView(UUID id, UUID projectId, String number, String title, String cause, String event, String effect,
			RiskCategory category, RiskType type, PersonView owner, LocalDate proximityDate, LocalDate nextReviewDate,
			RiskStatus status, RiskOrigin origin, String originReference, RiskBand band, AssessmentView inherent,
			AssessmentView residual, ResponseView response, String closedReason, EscalationLevel escalatedTo,
			UUID issueId, long revision, Instant identifiedAt, PersonView identifiedBy, Instant updatedAt,
			PersonView updatedBy) {

		static RiskView of(Risk r) {
			return new RiskView(r.id(), r.projectId(), r.number(), r.title(), r.cause(), r.event(), r.effect(),
					r.category(), r.type(), PersonView.of(r.owner()), r.proximityDate(), r.nextReviewDate(), r.status(),
					r.origin(), r.originReference(), r.currentBand(), AssessmentView.of(r.inherent()),
					AssessmentView.of(r.residual()), ResponseView.of(r.response()), r.closedReason(), r.escalatedTo(),
					r.issueId(), r.revision(), r.identifiedAt(), PersonView.of(r.identifiedBy()), r.updatedAt(),
					PersonView.of(r.updatedBy()));
		}

	}

	record IssueView(UUID id, UUID projectId, String number, String title, String description, RiskCategory category,
			IssueSeverity severity, PersonView owner, LocalDate dueDate, UUID riskId, boolean resolved,
			String resolution, Instant raisedAt, PersonView raisedBy, Instant resolvedAt, PersonView resolvedBy,
			long version) {

		static IssueView of(Issue i) {
			return new IssueView(i.id(), i.projectId(), i.number(), i.title(), i.description(), i.category(),
					i.severity(), PersonView.of(i.owner()), i.dueDate(), i.riskId(), i.resolved(), i.resolution(),
					i.raisedAt(), PersonView.of(i.raisedBy()), i.resolvedAt(), PersonView.of(i.resolvedBy()),
					i.version());
		}

	}

	static List<AssessmentView> history(Risk risk) {
		return risk.assessments().stream().map(AssessmentView::of).toList();
	}

}
