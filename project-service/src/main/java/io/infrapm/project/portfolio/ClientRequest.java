package io.infrapm.project.portfolio;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;

/**
 * The client's {@code Idempotency-Key} of a request that created something within a
 * project (a milestone, a gate decision), with a fingerprint of that request and its
 * caller: a retried POST gets what the first one created, and a key reused for another
 * request is refused. Keys are per project and per kind of thing created.
 *
 * @param key the client's key
 * @param fingerprint a hash of the caller and the command
 */
record ClientRequest(String key, String fingerprint) {

	/**
	 * The request of a command sent with a key.
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param command the command
	 * @param caller who sent it
	 * @return the request, or {@code null} without a key
	 */
	static ClientRequest of(String idempotencyKey, Record command, Caller caller) {
		return (idempotencyKey != null) ? new ClientRequest(idempotencyKey, RequestFingerprints.of(command, caller))
				: null;
	}

	/**
	 * What an earlier request with the same key created, if any.
	 * @param <T> what was created
	 * @param request this request, or {@code null}
	 * @param created everything of its kind the project holds
	 * @param requestOf the request each was created by, or {@code null}
	 * @param what what is created, for the refusal, e.g. "milestone"
	 * @return the earlier result
	 * @throws RuleViolationException if the key was used for another request
	 */
	static <T> Optional<T> earlier(ClientRequest request, Collection<T> created, Function<T, ClientRequest> requestOf,
			String what) {
		if (request == null) {
			return Optional.empty();
		}
		Optional<T> earlier = created.stream().filter((item) -> {
			ClientRequest other = requestOf.apply(item);
			return other != null && other.key().equals(request.key());
		}).findFirst();
		earlier.ifPresent((item) -> {
			if (!requestOf.apply(item).fingerprint().equals(request.fingerprint())) {
				throw new RuleViolationException("Idempotency-Key",
						"was already used for a different " + what + "; use a new key for a new " + what);
			}
		});
		return earlier;
	}

}
