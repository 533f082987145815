package io.infrapm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The effects of a set of commands as they arrive: polled every quarter of a second, each
 * poll asking only for the commands with an effect still missing, so that waiting for a
 * large run does not load the store it measures.
 */
final class Arrivals {

	private static final Duration POLL = Duration.ofMillis(250);

	private final Map<UUID, Long> budgets = new HashMap<>();

	private final Map<UUID, Long> registers = new HashMap<>();

	private final Map<String, List<Long>> mails = new HashMap<>();

	private final List<ProjectCommands.Outcome> commands;

	private boolean complete;

	private Arrivals(Collection<ProjectCommands.Outcome> commands) {
		this.commands = List.copyOf(commands);
	}

	/**
	 * Waits until every effect of every command has arrived, or the time is up.
	 * @param effects where to look
	 * @param commands created projects
	 * @param timeout how long to wait at most
	 * @return what arrived
	 * @throws Exception if the effects cannot be read
	 */
	static Arrivals await(Effects effects, Collection<ProjectCommands.Outcome> commands, Duration timeout)
			throws Exception {
		Arrivals arrivals = new Arrivals(commands);
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ProjectCommands.Outcome> pending = arrivals.commands;
		while (true) {
			Effects.Seen seen = effects.read(pending, false);
			arrivals.budgets.putAll(seen.budgets());
			arrivals.registers.putAll(seen.registers());
			arrivals.mails.putAll(seen.mails());
			pending = arrivals.missing();
			if (pending.isEmpty()) {
				arrivals.complete = true;
				return arrivals;
			}
			if (System.nanoTime() > deadline) {
				return arrivals;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	private List<ProjectCommands.Outcome> missing() {
		List<ProjectCommands.Outcome> missing = new ArrayList<>();
		for (ProjectCommands.Outcome command : this.commands) {
			if (!this.budgets.containsKey(command.projectId()) || !this.registers.containsKey(command.projectId())
					|| !this.mails.containsKey(command.recipient())) {
				missing.add(command);
			}
		}
		return missing;
	}

	boolean complete() {
		return this.complete;
	}

	int missingCount() {
		return missing().size();
	}

	/**
	 * The latest time an effect of these commands was recorded at, in epoch microseconds.
	 */
	long lastMicros() {
		long last = Long.MIN_VALUE;
		for (ProjectCommands.Outcome command : this.commands) {
			last = Math.max(last, this.budgets.getOrDefault(command.projectId(), Long.MIN_VALUE));
			last = Math.max(last, this.registers.getOrDefault(command.projectId(), Long.MIN_VALUE));
			for (long mail : this.mails.getOrDefault(command.recipient(), List.of())) {
				last = Math.max(last, mail);
			}
		}
		return last;
	}

	/**
	 * From each command's answer to each of its effects.
	 * @return the latencies per effect: budget, register, mail
	 */
	Map<String, Distribution> latencies() {
		Samples budget = new Samples();
		Samples register = new Samples();
		Samples mail = new Samples();
		for (ProjectCommands.Outcome command : this.commands) {
			Long established = this.budgets.get(command.projectId());
			if (established != null) {
				budget.add(established - command.returnedAtMicros());
			}
			Long opened = this.registers.get(command.projectId());
			if (opened != null) {
				register.add(opened - command.returnedAtMicros());
			}
			List<Long> received = this.mails.get(command.recipient());
			if (received != null) {
				mail.add(received.stream().mapToLong(Long::longValue).min().getAsLong() - command.returnedAtMicros());
			}
		}
		Map<String, Distribution> latencies = new java.util.LinkedHashMap<>();
		latencies.put("budget", budget.distribution());
		latencies.put("register", register.distribution());
		latencies.put("mail", mail.distribution());
		return latencies;
	}

}
