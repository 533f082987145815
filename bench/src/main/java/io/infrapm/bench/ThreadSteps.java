package io.infrapm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One operation measured from 1, 2, 4, ... client threads, each thread doing it again and
 * again, one at a time, for a bounded time and count: the latency of each operation and
 * the throughput of all threads together, per thread count.
 */
final class ThreadSteps {

	/** One timed operation; returns how long it took in microseconds. */
	@FunctionalInterface
	interface Operation {

		long run(int thread) throws Exception;

	}

	/**
	 * The figures of one thread count.
	 *
	 * @param threads client threads
	 * @param latency per operation
	 * @param perSecond operations per second, all threads together
	 */
	record Step(int threads, Distribution latency, double perSecond) {

		Map<String, Object> figures() {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("threads", this.threads);
			figures.putAll(this.latency.figures());
			figures.put("perSecond", Rounding.one(this.perSecond));
			return figures;
		}

	}

	/**
	 * The figures of every thread count.
	 *
	 * @param steps one per thread count, in the order measured
	 */
	record Result(List<Step> steps) {

		Step single() {
			return this.steps.get(0);
		}

		Step best() {
			return this.steps.stream().max(Comparator.comparingDouble(Step::perSecond)).orElseThrow();
		}

		Map<String, Object> figures() {
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("perThreadCount", this.steps.stream().map(Step::figures).toList());
			figures.put("oneThread", single().figures());
			figures.put("best", best().figures());
			return figures;
		}

	}

	private ThreadSteps() {
	}

	/**
	 * Warm up, then measure each thread count.
	 * @param operation what to measure
	 * @param warmUp operations done from one thread first, not counted
	 * @param threadCounts the thread counts, e.g. 1, 2, 4, 8
	 * @param perStep how long each thread count runs at most
	 * @param perThread how many operations each thread does at most per step
	 * @return the figures
	 * @throws Exception the first failure of an operation
	 */
	static Result measure(Operation operation, int warmUp, int[] threadCounts, Duration perStep, int perThread)
			throws Exception {
		for (int i = 0; i < warmUp; i++) {
			operation.run(0);
		}
		List<Step> steps = new ArrayList<>();
		for (int threads : threadCounts) {
			steps.add(step(operation, threads, perStep, perThread));
		}
		return new Result(steps);
	}

	private static Step step(Operation operation, int threads, Duration perStep, int perThread) throws Exception {
		Samples samples = new Samples();
		AtomicReference<Exception> failure = new AtomicReference<>();
		long started = System.nanoTime();
		long deadline = started + perStep.toNanos();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			Thread worker = new Thread(() -> {
				try {
					for (int i = 0; i < perThread && System.nanoTime() < deadline && failure.get() == null; i++) {
						samples.add(operation.run(thread));
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
			}, "bench-floor-" + thread);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Step(threads, samples.distribution(), samples.size() / seconds);
	}

}
