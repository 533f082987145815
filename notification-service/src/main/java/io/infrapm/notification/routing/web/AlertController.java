package io.infrapm.notification.routing.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.risk.EscalationLevel;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.routing.Alert;
import io.infrapm.notification.routing.Escalations;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Critical alerts and their escalation ladder: a person told of one acknowledges it on
 * their notification, and it climbs no further; a project's members see where its alerts
 * stand.
 */
@RestController
class AlertController {

	private final Escalations escalations;

	private final ProjectMemberships memberships;

	AlertController(Escalations escalations, ProjectMemberships memberships) {
		this.escalations = escalations;
		this.memberships = memberships;
	}

	/**
	 * Acknowledges the critical alert one of the caller's notifications belongs to; 409
	 * if it needs none; again, it answers the first acknowledgement.
	 */
	@PostMapping("/api/notifications/{notificationId}/acknowledgement")
	AlertView acknowledge(@PathVariable UUID notificationId, Caller caller) {
		return AlertView.of(this.escalations.acknowledge(notificationId, caller));
	}

	/**
	 * A project's alerts, newest first; {@code ?open=true} for those not acknowledged.
	 */
	@GetMapping("/api/projects/{projectId}/alerts")
	PageView<AlertView> alerts(@PathVariable UUID projectId, @RequestParam(defaultValue = "false") boolean open,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		return PageView.of(this.escalations.ofProject(projectId, open, page, size), AlertView::of);
	}

	/**
	 * An alert.
	 *
	 * @param id its id
	 * @param projectId the project
	 * @param title what happened
	 * @param cause the event that raised it
	 * @param level how far up the ladder it is
	 * @param status {@code OPEN} or {@code ACKNOWLEDGED}
	 * @param raisedAt when it was raised
	 * @param nextEscalationAt when it climbs next, or {@code null}
	 * @param acknowledgedAt when it was acknowledged, or {@code null}
	 * @param acknowledgedBy who acknowledged it, or {@code null}
	 * @param acknowledgedOn on which notification, or {@code null}
	 * @param steps the steps it climbed
	 */
	record AlertView(UUID id, UUID projectId, String title, Cause cause, EscalationLevel level, Alert.Status status,
			Instant raisedAt, Instant nextEscalationAt, Instant acknowledgedAt, Actor acknowledgedBy,
			UUID acknowledgedOn, List<Alert.Step> steps) {

		static AlertView of(Alert a) {
			return new AlertView(a.id(), a.projectId(), a.title(), a.cause(), a.level(), a.status(), a.raisedAt(),
					a.nextEscalationAt(), a.acknowledgedAt(), a.acknowledgedBy(), a.acknowledgedOn(), a.steps());
		}

	}

}
