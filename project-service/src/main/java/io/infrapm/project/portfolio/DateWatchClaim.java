package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A date watch instance's claim on a project while it looks at its milestones: only the
 * holder of the token writes what it found, until the claim expires and another instance
 * may take the project over.
 *
 * @param token this claim's token
 * @param owner the instance holding it
 * @param until when it expires
 */
record DateWatchClaim(UUID token, String owner, Instant until) {

	/** The actor subject's service name of the watch's findings. */
	static final String SERVICE = "project-service";

	/** A next check that is due at once, whatever the watch's time zone. */
	static final LocalDate AT_ONCE = LocalDate.EPOCH;

}
