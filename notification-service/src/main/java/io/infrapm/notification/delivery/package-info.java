/**
 * Notifications and their delivery: recorded once per cause and recipient, dispatched by
 * claim, with their outcome published.
 */
package io.infrapm.notification.delivery;
