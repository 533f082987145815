package io.infrapm.project.reporting;

import java.util.List;

/**
 * The manager's judgement in a status report.
 *
 * @param summary the summary, or {@code null} until written
 * @param accomplishments what was achieved
 * @param nextSteps what comes next
 * @param decisionsRequested what the audience is asked to decide
 */
public record Narrative(String summary, List<String> accomplishments, List<String> nextSteps,
		List<String> decisionsRequested) {

	/** Nothing written yet. */
	public static final Narrative EMPTY = new Narrative(null, List.of(), List.of(), List.of());

	public Narrative {
		accomplishments = (accomplishments != null) ? List.copyOf(accomplishments) : List.of();
		nextSteps = (nextSteps != null) ? List.copyOf(nextSteps) : List.of();
		decisionsRequested = (decisionsRequested != null) ? List.copyOf(decisionsRequested) : List.of();
	}

	/**
	 * This narrative with the parts of a change that are given.
	 * @param change the change
	 * @return the changed narrative
	 */
	public Narrative with(Change change) {
		return new Narrative((change.summary() != null) ? change.summary() : this.summary,
				(change.accomplishments() != null) ? change.accomplishments() : this.accomplishments,
				(change.nextSteps() != null) ? change.nextSteps() : this.nextSteps,
				(change.decisionsRequested() != null) ? change.decisionsRequested() : this.decisionsRequested);
	}

	/**
	 * A change of the narrative: each part given replaces the one held, each part
	 * {@code null} stays as it is (an empty list empties it).
	 *
	 * @param summary the summary, or {@code null}
	 * @param accomplishments what was achieved, or {@code null}
	 * @param nextSteps what comes next, or {@code null}
	 * @param decisionsRequested what the audience is asked to decide, or {@code null}
	 */
	public record Change(String summary, List<String> accomplishments, List<String> nextSteps,
			List<String> decisionsRequested) {
	}

}
