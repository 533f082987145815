package io.infrapm.notification.delivery.web;

import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.NotificationStatus;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;
import io.infrapm.platform.web.PageView;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications}: what was sent to whom; each person reads their own.
 */
@RestController
class NotificationController {

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	/**
	 * The caller's notifications, newest first; a portfolio manager may ask for anyone's.
	 */
	@GetMapping("/api/notifications")
	PageView<NotificationView> byRecipient(
			@RequestParam(required = false) @Size(min = 1, max = 320) @Email String recipient,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		String whose = (recipient != null) ? recipient : caller.email();
		if (whose == null) {
			throw new RuleViolationException("recipient", "must be given: the caller's token has no e-mail address");
		}
		if (!caller.isAddressedBy(whose) && !caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
			throw new ForbiddenException("recipient",
					"only a portfolio manager may read another person's notifications");
		}
		return PageView.of(this.notifications.to(whose, page, size), NotificationView::of);
	}

	record NotificationView(UUID id, UUID projectId, Channel channel, String recipient, String subject,
			NotificationStatus status, int attempts, Cause cause, Instant createdAt, Instant sentAt, String lastError) {

		static NotificationView of(Notification n) {
			return new NotificationView(n.id(), n.projectId(), n.channel(), n.recipient(), n.subject(), n.status(),
					n.attempts(), n.cause(), n.createdAt(), n.sentAt(), n.lastError());
		}

	}

}
