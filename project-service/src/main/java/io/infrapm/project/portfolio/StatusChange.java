package io.infrapm.project.portfolio;

import java.time.Instant;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ProjectStatus;

/**
 * One change of a project's status, kept as its history.
 *
 * @param from the status before
 * @param to the status after
 * @param reason why
 * @param at when
 * @param by who changed it
 */
public record StatusChange(ProjectStatus from, ProjectStatus to, String reason, Instant at, Actor by) {
}
