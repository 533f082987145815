/**
 * The REST edge of routing: the routing rules.
 */
package io.infrapm.notification.routing.web;
