package io.infrapm.platform.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.infrapm.contracts.project.StakeholderRole;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A service's copy of one project's membership, built from the project's events: one
 * document per project, each change applied once and in the project's order.
 */
@Document(ProjectMemberships.COLLECTION)
class ProjectMembership {

	@Id
	private UUID projectId;

	private String manager;

	private String sponsor;

	/** By stakeholder id. */
	private Map<String, Entry> stakeholders = new HashMap<>();

	private Map<String, Long> appliedSequences = new HashMap<>();

	/**
	 * Every address that was ever manager, sponsor or stakeholder, normalised: a superset
	 * of the members, to find a caller's projects by; the access is decided on the
	 * members.
	 */
	private Set<String> addresses = new HashSet<>();

	/** The version of the project the manager and sponsor are from. */
	private long projectVersion;

	ProjectMembership() {
		// for the mapping layer
	}

	ProjectMembership(UUID projectId, String manager, String sponsor, Map<String, Entry> stakeholders,
			Map<String, Long> appliedSequences) {
		this.projectId = projectId;
		this.manager = manager;
		this.sponsor = sponsor;
		this.stakeholders = new HashMap<>(stakeholders);
		this.appliedSequences = new HashMap<>(appliedSequences);
		Stream.concat(Stream.of(manager, sponsor), stakeholders.values().stream().map(Entry::email))
			.map(ProjectMembers::normalized)
			.filter(Objects::nonNull)
			.forEach(this.addresses::add);
	}

	ProjectMembers members() {
		return ProjectMembers.of(this.projectId, this.manager, this.sponsor,
				this.stakeholders.values()
					.stream()
					.map((s) -> new ProjectMembers.Member(s.email(), s.role()))
					.toList());
	}

	/** The field of {@link #addresses}. */
	static final String ADDRESSES = "addresses";

	record Entry(String email, StakeholderRole role) {
	}

}
