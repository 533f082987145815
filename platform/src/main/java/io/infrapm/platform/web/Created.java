package io.infrapm.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The answer to a command that creates a resource once per {@code Idempotency-Key}: 201
 * with its {@code Location} and {@code ETag}, and {@code Idempotent-Replayed} saying
 * whether an earlier request with the key created it.
 */
public final class Created {

	/** The header that tells a retry from the first request. */
	public static final String REPLAYED = "Idempotent-Replayed";

	private Created() {
	}

	/**
	 * The answer, to which the body is added.
	 * @param location the new resource's path
	 * @param version its version, for the {@code ETag}
	 * @param replayed whether an earlier request with the same key created it
	 * @return the builder
	 */
	public static ResponseEntity.BodyBuilder at(String location, long version, boolean replayed) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create(location))
			.eTag(ETags.of(version))
			.header(REPLAYED, String.valueOf(replayed));
	}

}
