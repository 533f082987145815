package io.infrapm.risk.register;

import java.time.Instant;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.risk.ResponseStrategy;

/**
 * The response planned to a risk.
 *
 * @param strategy how it is responded to
 * @param description what is done
 * @param contingencyPlan what is done if it happens all the same, or {@code null}
 * @param at when it was planned
 * @param by who planned it
 */
public record Response(ResponseStrategy strategy, String description, String contingencyPlan, Instant at, Actor by) {
}
