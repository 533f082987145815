package io.infrapm.contracts.budget;

/**
 * How an amount is accounted for.
 */
public enum ExpenditureType {

	/** Capital expenditure, capitalised and depreciated. */
	CAPEX,
	/** Operating expenditure, expensed in the period. */
	OPEX

}
