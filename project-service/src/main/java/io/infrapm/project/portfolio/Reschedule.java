package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;

import io.infrapm.contracts.Actor;

/**
 * One move of a milestone's due date, kept as its history.
 *
 * @param previousDueDate the date it was due before
 * @param dueDate the date it was moved to
 * @param reason why
 * @param at when
 * @param by who moved it
 */
public record Reschedule(LocalDate previousDueDate, LocalDate dueDate, String reason, Instant at, Actor by) {
}
