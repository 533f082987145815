package io.infrapm.notification.delivery;

import java.util.UUID;

/**
 * The event that made a notification necessary.
 *
 * @param eventId its id
 * @param eventType its type
 */
public record Cause(UUID eventId, String eventType) {
}
