package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.Actor;

/**
 * The percent complete a progress report gave for its date, what earned value is computed
 * from.
 *
 * @param reportId the report
 * @param percentComplete the whole project, 0 to 100
 * @param reportedAt when it was reported
 * @param reportedBy who reported it
 */
public record ProgressPoint(UUID reportId, BigDecimal percentComplete, Instant reportedAt, Actor reportedBy) {
}
