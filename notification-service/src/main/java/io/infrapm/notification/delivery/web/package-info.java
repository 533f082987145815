/**
 * The REST edge of delivery.
 */
package io.infrapm.notification.delivery.web;
