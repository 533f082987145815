package io.infrapm.notification.delivery;

import java.time.Instant;
import java.util.List;

import io.infrapm.contracts.notification.Channel;

/**
 * One notification an event calls for: to one recipient, through one channel.
 *
 * @param recipient the recipient's address
 * @param recipientName the recipient's name, or {@code null}
 * @param channel the channel
 * @param severity how urgent
 * @param rules the routing rules that called for it, for the recipient to see why
 * @param message what it says
 * @param notBefore when it may be sent at the earliest (the end of the recipient's quiet
 * hours), or {@code null} for at once
 * @param digestAt the digest an e-mail waits for instead of going out by itself, or
 * {@code null}
 */
public record Outgoing(String recipient, String recipientName, Channel channel, Severity severity, List<String> rules,
		Message message, Instant notBefore, Instant digestAt) {
}
