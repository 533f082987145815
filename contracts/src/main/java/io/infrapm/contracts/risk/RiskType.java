package io.infrapm.contracts.risk;

/**
 * Whether an uncertain event would harm the project or help it.
 */
public enum RiskType {

	/** A risk with a negative effect. */
	THREAT,

	/** A risk with a positive effect. */
	OPPORTUNITY

}
