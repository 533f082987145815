package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A person's load over one period (an ISO week), across every open project.
 *
 * @param start the period's first day (a Monday)
 * @param end the period's last day (a Sunday)
 * @param percent the share of the period's working days allocated, over all projects
 */
public record AllocationPeriod(LocalDate start, LocalDate end, BigDecimal percent) {
}
