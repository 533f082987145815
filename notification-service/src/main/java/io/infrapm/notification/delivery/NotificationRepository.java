package io.infrapm.notification.delivery;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Notifications by id and by recipient.
 */
public interface NotificationRepository extends ListCrudRepository<Notification, UUID> {

	/**
	 * A recipient's notifications, newest first.
	 * @param recipient the normalized address
	 * @param page which page
	 * @return the page
	 */
	Page<Notification> findByRecipientOrderByCreatedAtDesc(String recipient, Pageable page);

}
