/**
 * notification-service: owns recipients, notifications and deliveries, and publishes
 * {@code infrapm.notification.v1}.
 */
package io.infrapm.notification;
