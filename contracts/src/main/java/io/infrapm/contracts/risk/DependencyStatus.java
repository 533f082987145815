package io.infrapm.contracts.risk;

/**
 * Where a dependency stands: {@code OPEN} or {@code AT_RISK} while awaited,
 * {@code DELIVERED} or {@code CANCELLED} once settled, both final.
 */
public enum DependencyStatus {

	/** Awaited, on track. */
	OPEN,

	/** Awaited, and doubtful. */
	AT_RISK,

	/** Delivered. */
	DELIVERED,

	/** No longer needed. */
	CANCELLED

}
