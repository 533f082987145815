package io.infrapm.bench;

import java.util.Arrays;

/**
 * A growable, thread-safe list of durations in microseconds.
 */
final class Samples {

	private long[] values = new long[1024];

	private int size;

	synchronized void add(long micros) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = micros;
	}

	synchronized int size() {
		return this.size;
	}

	synchronized long[] toArray() {
		return Arrays.copyOf(this.values, this.size);
	}

	Distribution distribution() {
		return Distribution.ofMicros(toArray());
	}

}
