package io.infrapm.contracts.project;

/**
 * How the project is delivered.
 */
public enum Methodology {

	/** Sequential phases separated by gates. */
	WATERFALL,
	/** Iterations with a backlog. */
	AGILE,
	/** Gated phases with iterative execution. */
	HYBRID

}
