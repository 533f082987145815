package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;

/**
 * One baseline of a budget: the budget at completion from a day on, and what set it. The
 * first is the amount approved with the project; each approved cost change request adds
 * one.
 *
 * @param number 1 for the first, counting up
 * @param budgetAtCompletion BAC from then on
 * @param change what it changed BAC by; zero for the first
 * @param effectiveOn the day it holds from
 * @param changeRequestId the approved change request, or {@code null} for the first
 * @param changeRequestNumber its number, e.g. {@code CR-3}, or {@code null}
 * @param reason the change request's title, or {@code null}
 * @param at when it was set
 * @param by who approved it, or the service for the first
 */
public record Baseline(int number, BigDecimal budgetAtCompletion, BigDecimal change, LocalDate effectiveOn,
		UUID changeRequestId, String changeRequestNumber, String reason, Instant at, Actor by) {
}
