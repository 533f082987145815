package io.infrapm.risk.register;

import java.time.Instant;
import java.util.UUID;

/**
 * One risk in a register. Assessment, responses and escalation arrive with the risk
 * register issue; for now a risk has its identity and description.
 *
 * @param id the risk id
 * @param title a short title
 * @param identifiedAt when it was identified
 */
public record RiskEntry(UUID id, String title, Instant identifiedAt) {
}
