/**
 * Events of notification-service, published on {@code infrapm.notification.v1}.
 */
package io.infrapm.contracts.notification;
