package io.infrapm.platform.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * A sweep run on its own daemon thread at a fixed delay while the application runs: the
 * second half of a two-step write (an entry waiting in its aggregate for its own
 * collection) that a crash between the steps left undone. A failed run, say while the
 * store is away, is logged and the next one tries again; the sweep itself must be safe to
 * run on several instances at once.
 */
public abstract class PeriodicSweep implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

	private final String name;

	private final Duration initialDelay;

	private final Duration delay;

	private ScheduledExecutorService sweeper;

	/**
	 * A sweep.
	 * @param name the thread's name, also in the log
	 * @param delay between the end of one run and the start of the next
	 */
	protected PeriodicSweep(String name, Duration delay) {
		this(name, delay, delay);
	}

	/**
	 * A sweep whose first run comes sooner (or later) than the delay between runs.
	 * @param name the thread's name, also in the log
	 * @param initialDelay from the start of the application to the first run
	 * @param delay between the end of one run and the start of the next
	 */
	protected PeriodicSweep(String name, Duration initialDelay, Duration delay) {
		this.name = name;
		this.initialDelay = initialDelay;
		this.delay = delay;
	}

	/**
	 * One run.
	 * @return how many things it finished
	 */
	public abstract int sweep();

	@Override
	public void start() {
		this.sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, this.name);
			thread.setDaemon(true);
			return thread;
		});
		this.sweeper.scheduleWithFixedDelay(() -> {
			try {
				sweep();
			}
			catch (DataAccessException | IllegalStateException ex) {
				log.warn("{} failed; the next run tries again: {}", this.name, ex.getMessage());
			}
		}, this.initialDelay.toMillis(), this.delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.sweeper != null) {
			this.sweeper.shutdownNow();
			this.sweeper = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sweeper != null;
	}

}
