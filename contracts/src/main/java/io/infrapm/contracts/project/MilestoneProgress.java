package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * How far the work towards one milestone has come.
 *
 * @param milestoneId the milestone
 * @param percentComplete from 0 to 100
 */
public record MilestoneProgress(UUID milestoneId, BigDecimal percentComplete) {
}
