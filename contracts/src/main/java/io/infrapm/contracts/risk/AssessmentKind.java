package io.infrapm.contracts.risk;

/**
 * Which score an assessment gives a risk.
 */
public enum AssessmentKind {

	/** Before any response. */
	INHERENT,

	/** What is left once the planned response works. */
	RESIDUAL

}
