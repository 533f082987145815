/**
 * Idempotent effects of incoming events: each a single-document conditional write keyed
 * by the event id.
 */
package io.infrapm.platform.idempotency;
