package io.infrapm.contracts.budget;

/**
 * Whether a cost entry is money spent or money promised.
 */
public enum CostKind {

	/** An actual expense: an invoice, a timesheet, a payment. */
	ACTUAL,
	/** A commitment: a purchase order not yet invoiced. */
	COMMITMENT

}
