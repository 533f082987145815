package io.infrapm.contracts.project;

import java.time.LocalDate;

/**
 * An item still open when a project's result is handed over to operations.
 *
 * @param description what is left to do
 * @param owner who does it
 * @param dueDate by when, or {@code null}
 */
public record HandoverItem(String description, Person owner, LocalDate dueDate) {
}
