package io.infrapm.contracts.risk;

/** Whom a project depends on for a dependency. */
public enum DependencyKind {

	/** Another team or project of the organisation. */
	INTERNAL,

	/** A vendor of the project. */
	VENDOR,

	/** Anyone else outside: a carrier, a landlord, an authority. */
	EXTERNAL

}
