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
	 * Checks an update's {@code If-Match} against the current version.
	 * @param ifMatch the header value, possibly {@code null}
	 * @param current the aggregate's current version
	 * @return the version the client saw (equal to {@code current})
	 * @throws PreconditionRequiredException without the header (428)
	 * @throws RuleViolationException if the header is not a version tag
	 * @throws PreconditionFailedException if the version is stale (412)
	 */
	public static long requireCurrent(String ifMatch, long current) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new PreconditionRequiredException("If-Match",
					"send the ETag of the version you are changing in If-Match");
		}
		String tag = ifMatch.trim();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		tag = tag.replace("\"", "");
		long version;
		try {
			version = Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			throw new RuleViolationException("If-Match", "'" + ifMatch + "' is not an ETag of this resource");
		}
		if (version != current) {
			throw new PreconditionFailedException("If-Match", "version " + version + " is not the current one ("
					+ current + "); fetch the resource again and reapply your change");
		}
		return version;
	}

}
