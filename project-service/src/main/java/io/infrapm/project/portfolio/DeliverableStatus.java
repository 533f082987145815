package io.infrapm.project.portfolio;

/**
 * Where a vendor's deliverable stands.
 */
public enum DeliverableStatus {

	/** Not delivered yet. */
	OWED,

	/** Delivered, but the last delivery was rejected: still owed. */
	REJECTED,

	/** Delivered and accepted. */
	ACCEPTED

}
