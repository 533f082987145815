package io.infrapm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: commands are sent on a fixed schedule whatever the answers
 * take, so a slow platform meets the load it would meet from many independent users
 * instead of slowing its own load down; each command's latency counts from the time it
 * was due, not from when it could be sent.
 */
final class OpenLoop {

	/**
	 * Commands in flight beyond which the generator counts itself, not the platform, as
	 * the limit.
	 */
	static final int MAX_IN_FLIGHT = 4000;

	private OpenLoop() {
	}

	/**
	 * Sends {@code count} commands at {@code perSecond} and waits for all answers.
	 * @param commands the command sender
	 * @param sequence the run's command counter
	 * @param perSecond the rate
	 * @param count how many
	 * @return the outcomes, in the order sent
	 */
	static List<ProjectCommands.Outcome> run(ProjectCommands commands, AtomicLong sequence, double perSecond,
			int count) {
		long period = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
		List<CompletableFuture<ProjectCommands.Outcome>> sent = new ArrayList<>(count);
		AtomicLong inFlight = new AtomicLong();
		long startNanos = System.nanoTime();
		long startMicros = Micros.now();
		for (int i = 0; i < count; i++) {
			long due = startNanos + i * period;
			long wait;
			while ((wait = due - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			while (inFlight.get() >= MAX_IN_FLIGHT) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			inFlight.incrementAndGet();
			long intended = startMicros + (due - startNanos) / 1000;
			sent.add(commands.create(sequence.incrementAndGet(), intended)
				.whenComplete((outcome, failure) -> inFlight.decrementAndGet()));
		}
		return sent.stream().map(CompletableFuture::join).toList();
	}

}
