package io.infrapm.project.portfolio;

/**
 * The client's {@code Idempotency-Key} of the request that planned a milestone, with a
 * fingerprint of that request and its caller: a retried POST gets the same milestone, and
 * a key reused for another request is refused. Keys are per project.
 *
 * @param key the client's key
 * @param fingerprint a hash of the caller and the command
 */
record ClientRequest(String key, String fingerprint) {
}
