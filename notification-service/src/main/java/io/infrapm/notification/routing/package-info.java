/**
 * Routing: which events reach whom, how urgently and on which channels, by rules that are
 * configuration, with built-in defaults.
 */
package io.infrapm.notification.routing;
