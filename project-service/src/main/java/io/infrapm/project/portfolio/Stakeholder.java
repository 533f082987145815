package io.infrapm.project.portfolio;

import java.util.UUID;

import io.infrapm.contracts.project.StakeholderRole;

/**
 * Someone the project must keep informed.
 *
 * @param id the stakeholder's id within the project
 * @param name the display name
 * @param email the e-mail address, unique within the project (compared
 * case-insensitively)
 * @param role the role, which decides what the stakeholder is told
 */
public record Stakeholder(UUID id, String name, String email, StakeholderRole role) {
}
