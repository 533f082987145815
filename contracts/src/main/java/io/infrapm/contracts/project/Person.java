package io.infrapm.contracts.project;

/**
 * A named person with an e-mail address.
 *
 * @param name the display name
 * @param email the e-mail address
 */
public record Person(String name, String email) {
}
