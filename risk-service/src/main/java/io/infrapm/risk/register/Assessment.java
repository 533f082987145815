package io.infrapm.risk.register;

import java.math.BigDecimal;
import java.time.Instant;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.RiskBand;

/**
 * One assessment of a risk, kept for ever in its history.
 *
 * @param kind inherent or residual
 * @param probability 1 to 5
 * @param impact 1 to 5
 * @param score probability × impact
 * @param band the band of the score when it was assessed
 * @param rationale why, or {@code null}
 * @param costImpact what it would cost if it happened, in the project's currency, or
 * {@code null} if not estimated
 * @param at when
 * @param by who
 */
public record Assessment(AssessmentKind kind, int probability, int impact, int score, RiskBand band, String rationale,
		BigDecimal costImpact, Instant at, Actor by) {
}
