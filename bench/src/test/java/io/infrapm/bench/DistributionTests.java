package io.infrapm.bench;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Percentiles by nearest rank, in milliseconds.
 */
class DistributionTests {

	@Test
	void takesTheNearestRankOfAHundredValues() {
		// 1 ms to 100 ms, shuffled by reversing.
		long[] micros = LongStream.rangeClosed(1, 100).map((i) -> (101 - i) * 1000).toArray();

		Distribution distribution = Distribution.ofMicros(micros);

		assertThat(distribution.count()).isEqualTo(100);
		assertThat(distribution.p50()).isEqualTo(50.0);
		assertThat(distribution.p95()).isEqualTo(95.0);
		assertThat(distribution.p99()).isEqualTo(99.0);
		assertThat(distribution.max()).isEqualTo(100.0);
		assertThat(micros[0]).as("the input is left as it was").isEqualTo(100_000);
	}

	@Test
	void keepsNegativeValuesAndRoundsToHundredthsOfAMillisecond() {
		Distribution distribution = Distribution.ofMicros(new long[] { -250, 1234, 5678 });

		assertThat(distribution.p50()).isEqualTo(1.23);
		assertThat(distribution.max()).isEqualTo(5.68);
		assertThat(Distribution.ofMicros(new long[] { -250 }).p99()).isEqualTo(-0.25);
	}

	@Test
	void isAllZeroForNoValues() {
		assertThat(Distribution.ofMicros(new long[0])).isEqualTo(new Distribution(0, 0, 0, 0, 0));
	}

}
