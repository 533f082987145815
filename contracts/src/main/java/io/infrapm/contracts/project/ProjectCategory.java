package io.infrapm.contracts.project;

/**
 * The kind of IT-infrastructure project.
 */
public enum ProjectCategory {

	/** Moving workloads from one data centre to another. */
	DATA_CENTRE_MIGRATION,
	/** Replacing or upgrading servers. */
	SERVER_UPGRADE,
	/** Replacing or upgrading storage systems. */
	STORAGE_UPGRADE,
	/** Rolling out network equipment or connectivity. */
	NETWORK_ROLLOUT,
	/** Refreshing end-of-life hardware. */
	HARDWARE_REFRESH,
	/** Moving workloads to a public cloud. */
	CLOUD_MIGRATION,
	/** Physical or logical security systems. */
	SECURITY_SYSTEMS,
	/** Anything else. */
	OTHER

}
