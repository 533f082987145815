package io.infrapm.notification.delivery;

/**
 * What a notification says, in every form a channel needs.
 *
 * @param subject the subject line, starting with the project code in brackets
 * @param text the plain-text body
 * @param html the HTML body, or {@code null} to send text only
 * @param link where the recipient reads more, or {@code null}
 */
public record Message(String subject, String text, String html, String link) {
}
