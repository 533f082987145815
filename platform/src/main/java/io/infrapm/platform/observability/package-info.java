/**
 * Metric tags, instance identity and health checks shared by the services.
 */
package io.infrapm.platform.observability;
