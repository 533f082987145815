/**
 * Receiving events from other services: routing by type, poison detection and metrics.
 */
package io.infrapm.platform.messaging;
