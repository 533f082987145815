package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.infrapm.contracts.Actor;

/**
 * Who a project needs, at what share of their time, when: part of the {@link Project}
 * aggregate, replaced as a whole. Its revision is its ETag.
 */
public class ResourcePlan {

	private List<Allocation> allocations = new ArrayList<>();

	private int revision;

	private Instant updatedAt;

	private Actor updatedBy;

	ResourcePlan() {
		// for the mapping layer, and the empty plan of a project that has none yet
	}

	ResourcePlan(List<Allocation> allocations, int revision, Instant updatedAt, Actor updatedBy) {
		this.allocations = new ArrayList<>(allocations);
		this.revision = revision;
		this.updatedAt = updatedAt;
		this.updatedBy = updatedBy;
	}

	public List<Allocation> allocations() {
		return List.copyOf(this.allocations);
	}

	/**
	 * The plan's revision: 0 until it is first set.
	 * @return the revision
	 */
	public int revision() {
		return this.revision;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

}
