package io.infrapm.contracts.budget;

/**
 * What money is spent on, for budget lines and costs.
 */
public enum CostCategory {

	/** Internal staff time. */
	LABOUR,
	/** Servers, storage, network equipment, racks. */
	HARDWARE,
	/** Software bought or built. */
	SOFTWARE,
	/** Licences and subscriptions. */
	LICENSES,
	/** Professional and managed services. */
	SERVICES,
	/** Vendor charges not covered by another category. */
	VENDOR,
	/** Floor space, power, cooling, co-location. */
	FACILITIES,
	/** The reserve for identified risks. */
	CONTINGENCY,
	/** Anything else. */
	OTHER

}
