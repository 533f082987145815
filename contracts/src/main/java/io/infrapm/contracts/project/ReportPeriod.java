package io.infrapm.contracts.project;

/**
 * How much time a status report covers, up to its as-of date.
 */
public enum ReportPeriod {

	/** The as-of day. */
	DAILY,

	/** The seven days up to the as-of date. */
	WEEKLY,

	/** The month up to the as-of date. */
	MONTHLY

}
