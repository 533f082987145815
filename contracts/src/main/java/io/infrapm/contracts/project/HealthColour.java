package io.infrapm.contracts.project;

/**
 * A RAG colour of a project's health.
 */
public enum HealthColour {

	/** On track. */
	GREEN,

	/** At risk: it needs watching or a correction the team can make. */
	AMBER,

	/** Off track: it needs a decision above the team. */
	RED

}
