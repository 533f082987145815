package io.infrapm.project.portfolio;

/**
 * Someone with a name and an e-mail address (the project manager, the sponsor).
 *
 * @param name the display name
 * @param email the e-mail address
 */
public record Person(String name, String email) {
}
