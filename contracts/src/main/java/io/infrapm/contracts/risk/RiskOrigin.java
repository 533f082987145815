package io.infrapm.contracts.risk;

/**
 * Who or what raised a risk.
 */
public enum RiskOrigin {

	/** A person, through the register. */
	MANUAL,

	/** risk-service, from a critical milestone that was missed. */
	MILESTONE_MISSED,

	/** risk-service, from a budget threshold of 90 % or more that was crossed. */
	BUDGET_THRESHOLD,

	/**
	 * risk-service, from a milestone that fell into a maintenance window or change
	 * freeze.
	 */
	SCHEDULE_CONFLICT

}
