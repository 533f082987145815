package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of a project's resource plan: a role, or a named person in a role, at a share
 * of their working time over a span of days.
 *
 * @param allocationId the line's id
 * @param role the role (e.g. {@code Network engineer}), or {@code null} for a named
 * person without one
 * @param person the person, or {@code null} for a role not yet staffed
 * @param from the first day
 * @param to the last day
 * @param percent the share of working time, above 0 and at most 100
 */
public record ResourceAllocation(UUID allocationId, String role, Person person, LocalDate from, LocalDate to,
		BigDecimal percent) {
}
