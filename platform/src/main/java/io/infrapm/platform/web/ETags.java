package io.infrapm.platform.web;

import io.infrapm.platform.problem.PreconditionFailedException;
import io.infrapm.platform.problem.PreconditionRequiredException;
import io.infrapm.platform.problem.RuleViolationException;

/**
 * Optimistic concurrency over HTTP: an aggregate's version is its strong ETag
 * ({@code "3"}); an update must send it back in {@code If-Match}.
 */
public final class ETags {

	private ETags() {
	}

	/**
	 * The ETag of a version.
	 * @param version the aggregate version
	 * @return the quoted tag
	 */
	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Checks an update's {@code If-Match} against the current version. As RFC 9110 has
	 * it, {@code *} matches whatever version is current and a list matches if one of its
	 * tags does; to spare hand-written requests, a weak or unquoted tag of the current
	 * version is accepted too.
	 * @param ifMatch the header value, possibly {@code null}
	 * @param current the aggregate's current version
	 * @return the version the client saw (equal to {@code current})
	 * @throws PreconditionRequiredException without the header (428)
	 * @throws RuleViolationException if a tag is not a version tag of this resource
	 * @throws PreconditionFailedException if no tag names the current version (412)
	 */
	public static long requireCurrent(String ifMatch, long current) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new PreconditionRequiredException("If-Match",
					"send the ETag of the version you are changing in If-Match");
		}
		if (ifMatch.trim().equals("*")) {
			return current;
		}
		long stale = -1;
		for (String tag : ifMatch.split(",")) {
			long version = versionOf(tag, ifMatch);
			if (version == current) {
				return version;
			}
			stale = version;
		}
		throw new PreconditionFailedException("If-Match", "version " + stale + " is not the current one (" + current
				+ "); fetch the resource again and reapply your change");
	}

	private static long versionOf(String tag, String ifMatch) {
		String value = tag.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		value = value.replace("\"", "");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new RuleViolationException("If-Match", "'" + ifMatch + "' is not an ETag of this resource");
		}
	}

}
