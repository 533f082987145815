/**
 * The messaging edge of delivery: events in, delivery outcomes out.
 */
package io.infrapm.notification.delivery.messaging;
