package io.infrapm.notification.delivery.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.NotificationStatus;
import io.infrapm.notification.delivery.Notifications;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications}: what was sent to whom.
 */
@RestController
class NotificationController {

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/api/notifications")
	List<NotificationView> byRecipient(@RequestParam @NotBlank @Email String recipient) {
		return this.notifications.to(recipient).stream().map(NotificationView::of).toList();
	}

	record NotificationView(UUID id, UUID projectId, Channel channel, String recipient, String subject,
			NotificationStatus status, int attempts, Cause cause, Instant createdAt, Instant sentAt, String lastError) {

		static NotificationView of(Notification n) {
			return new NotificationView(n.id(), n.projectId(), n.channel(), n.recipient(), n.subject(), n.status(),
					n.attempts(), n.cause(), n.createdAt(), n.sentAt(), n.lastError());
		}

	}

}
