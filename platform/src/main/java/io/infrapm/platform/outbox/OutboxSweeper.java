package io.infrapm.platform.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay's sweep periodically while the application runs, on a thread of its own
 * so that a slow broker never holds up request threads, and renews the relay's leases on
 * another.
 */
class OutboxSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

	private final OutboxRelay relay;

	private final Duration interval;

	private ScheduledExecutorService scheduler;

	private ScheduledExecutorService renewer;

	OutboxSweeper(OutboxRelay relay, Duration interval) {
		this.relay = relay;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "outbox-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::sweepQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		// On its own thread: the sweep's thread may itself be inside a long send.
		this.renewer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "outbox-lease-renewer");
			thread.setDaemon(true);
			return thread;
		});
		long renewal = this.relay.leaseRenewalInterval().toMillis();
		this.renewer.scheduleWithFixedDelay(this.relay::renewLeases, renewal, renewal, TimeUnit.MILLISECONDS);
	}

	private void sweepQuietly() {
		try {
			this.relay.sweep();
		}
		catch (RuntimeException ex) {
			// A failed sweep (database or broker away) must not cancel the schedule.
			log.warn("Outbox sweep failed; retrying in {}", this.interval, ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		if (this.renewer != null) {
			this.renewer.shutdownNow();
			this.renewer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		// Start after the bindings are up, stop before they go down.
		return Integer.MAX_VALUE - 1000;
	}

}
