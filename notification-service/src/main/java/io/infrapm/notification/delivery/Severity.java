package io.infrapm.notification.delivery;

/**
 * How urgently a notification needs its recipient's attention.
 */
public enum Severity {

	/** Worth knowing; goes where the recipient's preferences say, or nowhere. */
	INFO,
	/** Needs attention soon. */
	WARNING,
	/**
	 * Needs attention now: it bypasses mutes, quiet hours and digests, and nobody can opt
	 * out of it.
	 */
	CRITICAL;

	/**
	 * Whether this severity is at least another.
	 * @param other the other
	 * @return {@code true} if as severe or more
	 */
	public boolean atLeast(Severity other) {
		return compareTo(other) >= 0;
	}

}
