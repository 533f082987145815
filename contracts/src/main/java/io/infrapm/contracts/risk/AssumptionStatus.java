package io.infrapm.contracts.risk;

/**
 * Where an assumption stands: {@code OPEN} until it is found true ({@code VALIDATED}) or
 * false ({@code INVALIDATED}), both final.
 */
public enum AssumptionStatus {

	/** Believed, not yet checked. */
	OPEN,

	/** Checked and true. */
	VALIDATED,

	/** Checked and false: what rested on it is at risk. */
	INVALIDATED

}
