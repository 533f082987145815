package io.infrapm.bench;

import java.time.Instant;

/**
 * Wall-clock times in microseconds since the epoch: every process on the machine reads
 * the same clock, so a time taken by the client and one recorded by a service compare.
 */
final class Micros {

	private Micros() {
	}

	static long now() {
		return of(Instant.now());
	}

	static long of(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
	}

}
