/**
 * The public event contract of InfraPM: topic names, the catalogue of event types and the
 * {@link io.infrapm.contracts.EventType} annotation that gives each record its versioned
 * wire identity. Records use primitives, {@code UUID}, {@code Instant},
 * {@code LocalDate}, {@code BigDecimal}, enums and nested records only. Within {@code v1}
 * changes are additive; consumers ignore unknown fields.
 */
package io.infrapm.contracts;
