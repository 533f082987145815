/**
 * The messaging edge of routing: the events of project-service, risk-service and
 * budget-service in.
 */
package io.infrapm.notification.routing.messaging;
