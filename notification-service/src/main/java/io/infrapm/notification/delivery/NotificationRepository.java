package io.infrapm.notification.delivery;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

/**
 * Notifications by id and by recipient.
 */
public interface NotificationRepository extends ListCrudRepository<Notification, UUID> {

	/**
	 * A recipient's notifications, newest first.
	 * @param recipient the normalized address
	 * @return the notifications
	 */
	List<Notification> findByRecipientOrderByCreatedAtDesc(String recipient);

}
