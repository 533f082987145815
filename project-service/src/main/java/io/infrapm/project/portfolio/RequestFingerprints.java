package io.infrapm.project.portfolio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.infrapm.platform.security.Caller;

/**
 * What identifies a request sent with an {@code Idempotency-Key}: its command and its
 * caller, so that another user's key never returns someone else's result and a key reused
 * for another command is recognised.
 */
public final class RequestFingerprints {

	private RequestFingerprints() {
	}

	/**
	 * The SHA-256 of the caller's subject and the command.
	 * @param command a command record (its {@code toString} lists every component)
	 * @param caller who sent it
	 * @return the hex digest
	 */
	public static String of(Record command, Caller caller) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((caller.subject() + "\n" + command).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
