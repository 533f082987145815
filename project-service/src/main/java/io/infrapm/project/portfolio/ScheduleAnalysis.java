package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.infrapm.contracts.project.ScheduleConflictKind;

/**
 * What a project's milestones and their finish-to-start dependencies say about its
 * schedule: whether a dependency would close a cycle, which milestones are due before one
 * they depend on, and the plan in order with each milestone's slack and the critical
 * path.
 * <p>
 * The network is the milestones that are not waived; a waived milestone passes its own
 * predecessors on to its dependants. Milestones have no duration: the work leading to one
 * is taken to run from the latest of its predecessors' dates (the project's planned start
 * if it has none) to its own date, which is its due date, or its completion date once
 * reached. The latest date a milestone can move to without delaying the planned finish
 * follows backwards from the planned finish; its slack is the days between that and its
 * own date, negative when the schedule already runs past the planned finish. The open
 * milestones with the least slack form the critical path.
 */
public final class ScheduleAnalysis {

	private final Map<UUID, Milestone> byId;

	private ScheduleAnalysis(List<Milestone> milestones) {
		this.byId = milestones.stream()
			.collect(Collectors.toMap(Milestone::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
	}

	/**
	 * Analyses a schedule.
	 * @param milestones the project's milestones
	 * @return the analysis
	 */
	public static ScheduleAnalysis of(List<Milestone> milestones) {
		return new ScheduleAnalysis(milestones);
	}

	/**
	 * The cycle that giving a milestone these dependencies would close.
	 * @param milestoneId the milestone (possibly not in the schedule yet)
	 * @param dependsOn its dependencies
	 * @return the milestones around the cycle, starting and ending with
	 * {@code milestoneId}, if there is one
	 */
	public Optional<List<UUID>> cycleThrough(UUID milestoneId, List<UUID> dependsOn) {
		// A path from one of the dependencies back to the milestone closes a cycle.
		for (UUID dependency : dependsOn) {
			List<UUID> path = new ArrayList<>();
			if (pathTo(dependency, milestoneId, path, new HashSet<>())) {
				List<UUID> cycle = new ArrayList<>();
				cycle.add(milestoneId);
				cycle.addAll(path);
				return Optional.of(cycle);
			}
		}
		return Optional.empty();
	}

	private boolean pathTo(UUID from, UUID target, List<UUID> path, Set<UUID> visited) {
		path.add(from);
		if (from.equals(target)) {
			return true;
		}
		Milestone milestone = this.byId.get(from);
		if (milestone != null && visited.add(from)) {
			for (UUID next : milestone.dependsOn()) {
				if (pathTo(next, target, path, visited)) {
					return true;
				}
			}
		}
		path.remove(path.size() - 1);
		return false;
	}

	/**
	 * The conflicts of every milestone now: an open milestone due before a milestone it
	 * depends on is due or was reached. A conflict already known (same kind, same other
	 * milestone) keeps the time it was first detected.
	 * @param now the time of the change that is being analysed
	 * @return the conflicts of each milestone, empty for those without
	 */
	public Map<UUID, List<ScheduleConflict>> conflicts(Instant now) {
		Map<UUID, List<ScheduleConflict>> conflicts = new LinkedHashMap<>();
		for (Milestone milestone : this.byId.values()) {
			List<ScheduleConflict> found = new ArrayList<>();
			if (milestone.open()) {
				for (Milestone predecessor : predecessors(milestone)) {
					if (predecessor.effectiveDate().isAfter(milestone.dueDate())) {
						ScheduleConflict conflict = new ScheduleConflict(ScheduleConflictKind.DEPENDENCY,
								predecessor.id(),
								"depends on '" + predecessor.name() + "', " + (predecessor.open() ? "due " : "reached ")
										+ predecessor.effectiveDate() + ", after its own due date "
										+ milestone.dueDate(),
								now, null);
						// Still the same conflict when dates moved: it keeps when it
						// arose.
						found.add(milestone.conflicts()
							.stream()
							.filter((known) -> known.sameAs(conflict))
							.findFirst()
							.map((known) -> new ScheduleConflict(known.kind(), known.withMilestoneId(),
									conflict.detail(), known.since(), null))
							.orElse(conflict));
					}
				}
			}
			conflicts.put(milestone.id(), found);
		}
		return conflicts;
	}

	/**
	 * The milestones a milestone waits for, with waived ones replaced by what they waited
	 * for.
	 * @param milestone a milestone of this schedule
	 * @return its effective predecessors
	 */
	public List<Milestone> predecessors(Milestone milestone) {
		Set<Milestone> found = new LinkedHashSet<>();
		collectPredecessors(milestone, found, new HashSet<>());
		return List.copyOf(found);
	}

	private void collectPredecessors(Milestone milestone, Set<Milestone> found, Set<UUID> visited) {
		for (UUID id : milestone.dependsOn()) {
			Milestone predecessor = this.byId.get(id);
			if (predecessor == null || !visited.add(id)) {
				continue;
			}
			if (predecessor.status() == MilestoneStatus.WAIVED) {
				collectPredecessors(predecessor, found, visited);
			}
			else {
				found.add(predecessor);
			}
		}
	}

	/**
	 * The plan: the milestones that are not waived, each after those it depends on and
	 * otherwise by date, with slack and critical path.
	 * @param plannedStart the project's planned start
	 * @param plannedFinish the project's planned finish
	 * @return the plan
	 */
	public Plan plan(LocalDate plannedStart, LocalDate plannedFinish) {
		List<Milestone> network = this.byId.values()
			.stream()
			.filter((m) -> m.status() != MilestoneStatus.WAIVED)
			.toList();
		Map<UUID, List<Milestone>> predecessors = new HashMap<>();
		Map<UUID, List<Milestone>> successors = new HashMap<>();
		network.forEach((m) -> successors.put(m.id(), new ArrayList<>()));
		for (Milestone milestone : network) {
			List<Milestone> before = predecessors(milestone);
			predecessors.put(milestone.id(), before);
			before.forEach((p) -> successors.get(p.id()).add(milestone));
		}
		List<Milestone> ordered = topologicalOrder(network, predecessors, successors);
		Map<UUID, Long> lead = new HashMap<>();
		for (Milestone milestone : ordered) {
			LocalDate from = predecessors.get(milestone.id())
				.stream()
				.map(Milestone::effectiveDate)
				.max(Comparator.naturalOrder())
				.orElse(plannedStart);
			lead.put(milestone.id(), Math.max(0, ChronoUnit.DAYS.between(from, milestone.effectiveDate())));
		}
		Map<UUID, LocalDate> latest = new HashMap<>();
		for (int i = ordered.size() - 1; i >= 0; i--) {
			Milestone milestone = ordered.get(i);
			LocalDate bound = plannedFinish;
			for (Milestone successor : successors.get(milestone.id())) {
				LocalDate allowed = latest.get(successor.id()).minusDays(lead.get(successor.id()));
				bound = allowed.isBefore(bound) ? allowed : bound;
			}
			latest.put(milestone.id(), bound);
		}
		Long leastSlack = null;
		Map<UUID, Long> slack = new HashMap<>();
		for (Milestone milestone : ordered) {
			if (milestone.open()) {
				long days = ChronoUnit.DAYS.between(milestone.dueDate(), latest.get(milestone.id()));
				slack.put(milestone.id(), days);
				leastSlack = (leastSlack == null) ? days : Math.min(leastSlack, days);
			}
		}
		List<Entry> entries = new ArrayList<>();
		List<UUID> criticalPath = new ArrayList<>();
		for (Milestone milestone : ordered) {
			Long days = slack.get(milestone.id());
			boolean critical = days != null && days.equals(leastSlack);
			if (critical) {
				criticalPath.add(milestone.id());
			}
			entries.add(new Entry(milestone, predecessors.get(milestone.id()).stream().map(Milestone::id).toList(),
					latest.get(milestone.id()), days, critical));
		}
		LocalDate forecastFinish = network.stream()
			.map(Milestone::effectiveDate)
			.max(Comparator.naturalOrder())
			.filter((last) -> last.isAfter(plannedFinish))
			.orElse(plannedFinish);
		return new Plan(entries, criticalPath, forecastFinish);
	}

	private static List<Milestone> topologicalOrder(List<Milestone> network, Map<UUID, List<Milestone>> predecessors,
			Map<UUID, List<Milestone>> successors) {
		Comparator<Milestone> byDate = Comparator.comparing(Milestone::effectiveDate)
			.thenComparing(Milestone::name)
			.thenComparing(Milestone::id);
		Map<UUID, Integer> waiting = new HashMap<>();
		PriorityQueue<Milestone> ready = new PriorityQueue<>(byDate);
		for (Milestone milestone : network) {
			int count = predecessors.get(milestone.id()).size();
			waiting.put(milestone.id(), count);
			if (count == 0) {
				ready.add(milestone);
			}
		}
		List<Milestone> ordered = new ArrayList<>();
		while (!ready.isEmpty()) {
			Milestone next = ready.poll();
			ordered.add(next);
			for (Milestone successor : successors.get(next.id())) {
				if (waiting.merge(successor.id(), -1, Integer::sum) == 0) {
					ready.add(successor);
				}
			}
		}
		return ordered;
	}

	/**
	 * The ordered plan.
	 *
	 * @param entries the milestones that are not waived, each after its predecessors
	 * @param criticalPath the open milestones with the least slack, in plan order
	 * @param forecastFinish the planned finish, or the last milestone's date if that is
	 * later
	 */
	public record Plan(List<Entry> entries, List<UUID> criticalPath, LocalDate forecastFinish) {
	}

	/**
	 * One milestone in the plan.
	 *
	 * @param milestone the milestone
	 * @param predecessors what it waits for, waived milestones bridged
	 * @param latestDate the latest date it can move to without delaying the planned
	 * finish
	 * @param slackDays days between its due date and that latest date; {@code null} once
	 * reached
	 * @param onCriticalPath whether it is on the critical path
	 */
	public record Entry(Milestone milestone, List<UUID> predecessors, LocalDate latestDate, Long slackDays,
			boolean onCriticalPath) {
	}

}
