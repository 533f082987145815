package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;

/**
 * A time-box of an agile or hybrid project (a sprint), with its goal, the scope committed
 * and, once completed, its outcome and the scope completed. Part of the {@link Project}
 * aggregate; each change raises its revision, which is its ETag.
 */
public class Iteration {

	private UUID id;

	private int number;

	private String name;

	private LocalDate start;

	private LocalDate end;

	private String goal;

	private BigDecimal committedPoints;

	private boolean completed;

	private String outcome;

	private BigDecimal completedPoints;

	private List<String> completedItems = new ArrayList<>();

	private int revision;

	private ClientRequest request;

	private Instant plannedAt;

	private Actor plannedBy;

	private Instant completedAt;

	private Actor completedBy;

	Iteration() {
		// for the mapping layer
	}

	static Iteration plan(int number, Plan plan, ClientRequest request, Actor actor, Instant now) {
		Iteration iteration = new Iteration();
		iteration.id = UUID.randomUUID();
		iteration.number = number;
		iteration.apply(plan);
		iteration.revision = 1;
		iteration.request = request;
		iteration.plannedAt = now;
		iteration.plannedBy = actor;
		return iteration;
	}

	/** Applies a partial change; whether anything changed. */
	boolean revise(Plan change) {
		Plan current = plan();
		Plan next = new Plan((change.name() != null) ? change.name() : current.name(),
				(change.start() != null) ? change.start() : current.start(),
				(change.end() != null) ? change.end() : current.end(),
				(change.goal() != null) ? change.goal() : current.goal(),
				(change.committedPoints() != null) ? change.committedPoints() : current.committedPoints());
		if (normalized(next).equals(current)) {
			return false;
		}
		apply(next);
		return true;
	}

	private void apply(Plan plan) {
		Plan normalized = normalized(plan);
		this.name = normalized.name();
		this.start = normalized.start();
		this.end = normalized.end();
		this.goal = normalized.goal();
		this.committedPoints = normalized.committedPoints();
	}

	private static Plan normalized(Plan plan) {
		return new Plan(Objects.requireNonNull(plan.name(), "name").strip(), plan.start(), plan.end(),
				Texts.blankToNull(plan.goal()),
				(plan.committedPoints() != null) ? plan.committedPoints().stripTrailingZeros() : null);
	}

	void complete(Outcome outcome, Actor actor, Instant now) {
		this.completed = true;
		this.outcome = outcome.outcome().strip();
		this.completedPoints = (outcome.completedPoints() != null) ? outcome.completedPoints().stripTrailingZeros()
				: null;
		this.completedItems = outcome.completedItems().stream().map(String::strip).toList();
		this.completedAt = now;
		this.completedBy = actor;
	}

	void touched() {
		this.revision++;
	}

	/**
	 * What it is planned as.
	 * @return the plan
	 */
	public Plan plan() {
		return new Plan(this.name, this.start, this.end, this.goal, this.committedPoints);
	}

	/**
	 * Whether its days overlap another's.
	 * @param start the other's first day
	 * @param end the other's last day
	 * @return whether they overlap
	 */
	boolean overlaps(LocalDate start, LocalDate end) {
		return !this.start.isAfter(end) && !start.isAfter(this.end);
	}

	public UUID id() {
		return this.id;
	}

	public int number() {
		return this.number;
	}

	public String name() {
		return this.name;
	}

	public LocalDate start() {
		return this.start;
	}

	public LocalDate end() {
		return this.end;
	}

	public String goal() {
		return this.goal;
	}

	public BigDecimal committedPoints() {
		return this.committedPoints;
	}

	public boolean completed() {
		return this.completed;
	}

	public String outcome() {
		return this.outcome;
	}

	public BigDecimal completedPoints() {
		return this.completedPoints;
	}

	public List<String> completedItems() {
		return List.copyOf(this.completedItems);
	}

	public int revision() {
		return this.revision;
	}

	ClientRequest request() {
		return this.request;
	}

	public Instant plannedAt() {
		return this.plannedAt;
	}

	public Actor plannedBy() {
		return this.plannedBy;
	}

	public Instant completedAt() {
		return this.completedAt;
	}

	public Actor completedBy() {
		return this.completedBy;
	}

	/**
	 * An iteration as planned; for a change, {@code null} parts stay.
	 *
	 * @param name its name
	 * @param start its first day
	 * @param end its last day
	 * @param goal what it is to achieve, or {@code null}
	 * @param committedPoints the scope committed, or {@code null}
	 */
	public record Plan(String name, LocalDate start, LocalDate end, String goal, BigDecimal committedPoints) {
	}

	/**
	 * How an iteration ended.
	 *
	 * @param outcome what it achieved, in words
	 * @param completedPoints the scope completed, or {@code null}
	 * @param completedItems what was completed
	 */
	public record Outcome(String outcome, BigDecimal completedPoints, List<String> completedItems) {
	}

}
