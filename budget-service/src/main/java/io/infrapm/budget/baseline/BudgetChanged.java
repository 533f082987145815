package io.infrapm.budget.baseline;

import java.util.UUID;

/**
 * Told within the service, after a project's budget was written: whatever keeps a copy of
 * its totals reads them again.
 *
 * @param projectId the project whose budget changed
 */
public record BudgetChanged(UUID projectId) {
}
