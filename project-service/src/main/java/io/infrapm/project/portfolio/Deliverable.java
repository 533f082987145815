package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;

/**
 * Something a vendor owes the project by a date, until the project accepts it: part of a
 * {@link Vendor}, changed only through the {@link Project}.
 */
public class Deliverable {

	private UUID id;

	private String name;

	private String description;

	private LocalDate dueDate;

	private DeliverableStatus status;

	private List<Review> reviews = new ArrayList<>();

	/** The due date whose lateness was reported, or {@code null}. */
	private LocalDate lateDueDate;

	private ClientRequest request;

	private Instant plannedAt;

	private Actor plannedBy;

	Deliverable() {
		// for the mapping layer
	}

	static Deliverable plan(String name, String description, LocalDate dueDate, ClientRequest request, Actor actor,
			Instant now) {
		Deliverable deliverable = new Deliverable();
		deliverable.id = UUID.randomUUID();
		deliverable.name = name.strip();
		deliverable.description = Texts.blankToNull(description);
		deliverable.dueDate = dueDate;
		deliverable.status = DeliverableStatus.OWED;
		deliverable.request = request;
		deliverable.plannedAt = now;
		deliverable.plannedBy = actor;
		return deliverable;
	}

	/** Applies a partial change; whether anything changed. */
	boolean revise(String name, String description, LocalDate dueDate) {
		boolean changed = false;
		if (name != null && !name.strip().equals(this.name)) {
			this.name = name.strip();
			changed = true;
		}
		if (description != null && !java.util.Objects.equals(Texts.blankToNull(description), this.description)) {
			this.description = Texts.blankToNull(description);
			changed = true;
		}
		if (dueDate != null && !dueDate.equals(this.dueDate)) {
			this.dueDate = dueDate;
			changed = true;
		}
		return changed;
	}

	void reviewed(Review review) {
		this.reviews.add(review);
		this.status = review.accepted() ? DeliverableStatus.ACCEPTED : DeliverableStatus.REJECTED;
	}

	void reportedLate() {
		this.lateDueDate = this.dueDate;
	}

	/**
	 * Whether it is still owed (not yet accepted).
	 * @return {@code true} until accepted
	 */
	public boolean open() {
		return this.status != DeliverableStatus.ACCEPTED;
	}

	/**
	 * Whether its current due date passed and that was reported, while it is still owed.
	 * @return whether it is reported late
	 */
	public boolean late() {
		return open() && this.dueDate.equals(this.lateDueDate);
	}

	public UUID id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public String description() {
		return this.description;
	}

	public LocalDate dueDate() {
		return this.dueDate;
	}

	public DeliverableStatus status() {
		return this.status;
	}

	public List<Review> reviews() {
		return List.copyOf(this.reviews);
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

	/**
	 * One delivery and what the project made of it.
	 *
	 * @param deliveredOn the day it was delivered
	 * @param accepted whether it was accepted
	 * @param notes why, or {@code null}
	 * @param at when it was reviewed
	 * @param by who reviewed it
	 */
	public record Review(LocalDate deliveredOn, boolean accepted, String notes, Instant at, Actor by) {
	}

}
