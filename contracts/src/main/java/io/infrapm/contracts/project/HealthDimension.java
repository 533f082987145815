package io.infrapm.contracts.project;

/**
 * What a health colour is about.
 */
public enum HealthDimension {

	/** The worst of the four others. */
	OVERALL,

	/** Milestones, vendor deliverables, schedule conflicts and schedule performance. */
	SCHEDULE,

	/** Budget consumption, cost performance and the estimate at completion. */
	COST,

	/** Change requests waiting for a decision. */
	SCOPE,

	/** Open risks and issues. */
	RISK

}
