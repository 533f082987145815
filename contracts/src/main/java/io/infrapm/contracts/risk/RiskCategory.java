package io.infrapm.contracts.risk;

/**
 * What a risk threatens or promises.
 */
public enum RiskCategory {

	/** Dates and milestones. */
	SCHEDULE,

	/** Money. */
	COST,

	/** Technology, design, integration. */
	TECHNICAL,

	/** Suppliers and what they deliver. */
	VENDOR,

	/** Confidentiality, integrity, availability. */
	SECURITY,

	/** Running services and their operation. */
	OPERATIONAL,

	/** Laws, regulations, contracts, audits. */
	COMPLIANCE,

	/** People and their availability. */
	RESOURCE

}
