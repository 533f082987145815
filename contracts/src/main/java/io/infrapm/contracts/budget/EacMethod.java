package io.infrapm.contracts.budget;

/**
 * How an estimate at completion (EAC) is forecast from the earned value so far.
 */
public enum EacMethod {

	/** The cost performance so far goes on: EAC = BAC / CPI. */
	CPI,

	/**
	 * What overran so far was a one-off; the rest costs as planned: EAC = AC + (BAC −
	 * EV).
	 */
	ATYPICAL,

	/**
	 * Cost and schedule performance both weigh on the rest: EAC = AC + (BAC − EV) / (CPI
	 * × SPI).
	 */
	CPI_SPI

}
