package io.infrapm.project.portfolio;

import org.springframework.data.mongodb.core.index.Indexed;

/**
 * The client's {@code Idempotency-Key} of the request that created a project, with a
 * fingerprint of that request, so a retried POST returns the same project and a key
 * reused for a different request is refused.
 *
 * @param key the client's key
 * @param fingerprint a hash of the request body
 */
record CreationRequest(@Indexed(unique = true, sparse = true) String key, String fingerprint) {
}
