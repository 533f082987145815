package io.infrapm.bench;

/**
 * Figures rounded for the results files.
 */
final class Rounding {

	private Rounding() {
	}

	static double two(double value) {
		return Math.round(value * 100.0) / 100.0;
	}

	static double one(double value) {
		return Math.round(value * 10.0) / 10.0;
	}

}
