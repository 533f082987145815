/**
 * The transactional outbox inside the aggregate document and its relay to Kafka.
 */
package io.infrapm.platform.outbox;
