package io.infrapm.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentiles of a set of durations, in milliseconds: the nearest-rank p50, p95, p99 and
 * the maximum. Values may be negative (an effect can be recorded a fraction of a
 * millisecond before its command's reply reaches the client); they are kept as they are.
 *
 * @param count how many values
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest value
 */
record Distribution(int count, double p50, double p95, double p99, double max) {

	/**
	 * Summarises durations given in microseconds.
	 * @param micros the values
	 * @return the summary; all zero for no values
	 */
	static Distribution ofMicros(long[] micros) {
		if (micros.length == 0) {
			return new Distribution(0, 0, 0, 0, 0);
		}
		long[] sorted = micros.clone();
		Arrays.sort(sorted);
		return new Distribution(sorted.length, millis(rank(sorted, 50)), millis(rank(sorted, 95)),
				millis(rank(sorted, 99)), millis(sorted[sorted.length - 1]));
	}

	private static long rank(long[] sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double millis(long micros) {
		return Math.round(micros / 10.0) / 100.0;
	}

	/**
	 * The figures as they go into the results file.
	 * @return count, p50, p95, p99, max (milliseconds)
	 */
	Map<String, Object> figures() {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("count", this.count);
		figures.put("p50Ms", this.p50);
		figures.put("p95Ms", this.p95);
		figures.put("p99Ms", this.p99);
		figures.put("maxMs", this.max);
		return figures;
	}

}
