package io.infrapm.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.project.StakeholderRole;

/**
 * Who belongs to one project: its manager, its sponsor and its stakeholders with their
 * roles, matched on e-mail address (ignoring case). project-service builds it from its
 * project; every other service from its own copy of the project's events
 * ({@link ProjectMemberships}).
 */
public final class ProjectMembers {

	private final UUID projectId;

	private final String manager;

	private final String sponsor;

	private final Map<String, Set<StakeholderRole>> roles;

	private ProjectMembers(UUID projectId, String manager, String sponsor, Map<String, Set<StakeholderRole>> roles) {
		this.projectId = projectId;
		this.manager = manager;
		this.sponsor = sponsor;
		this.roles = roles;
	}

	/**
	 * The members of a project.
	 * @param projectId the project
	 * @param managerEmail the manager's address, or {@code null}
	 * @param sponsorEmail the sponsor's address, or {@code null}
	 * @param stakeholders the stakeholders
	 * @return the members
	 */
	public static ProjectMembers of(UUID projectId, String managerEmail, String sponsorEmail,
			Collection<Member> stakeholders) {
		Map<String, Set<StakeholderRole>> roles = new HashMap<>();
		for (Member member : stakeholders) {
			roles.computeIfAbsent(normalized(member.email()), (email) -> EnumSet.noneOf(StakeholderRole.class))
				.add(member.role());
		}
		return new ProjectMembers(projectId, normalized(managerEmail), normalized(sponsorEmail), roles);
	}

	/**
	 * What a caller may do on this project.
	 * @param caller the caller
	 * @return the access
	 */
	public ProjectAccess accessOf(Caller caller) {
		boolean portfolio = caller.has(PlatformRole.PORTFOLIO_MANAGER);
		boolean manager = caller.isAddressedBy(this.manager);
		boolean sponsor = caller.isAddressedBy(this.sponsor);
		Set<StakeholderRole> stakeholder = (caller.email() != null) ? this.roles.getOrDefault(caller.email(), Set.of())
				: Set.of();
		boolean member = manager || sponsor || !stakeholder.isEmpty();
		boolean read = member || caller.readsWholePortfolio();
		boolean decide = portfolio || sponsor || stakeholder.contains(StakeholderRole.SPONSOR)
				|| stakeholder.contains(StakeholderRole.STEERING_COMMITTEE);
		boolean onlyVendor = !caller.readsWholePortfolio() && !manager && !sponsor
				&& stakeholder.equals(Set.of(StakeholderRole.VENDOR));
		boolean budget = caller.readsWholePortfolio() || manager || sponsor
				|| stakeholder.stream().anyMatch(BUDGET_ROLES::contains);
		return new ProjectAccess(this.projectId, read, portfolio || manager, decide, read && budget, onlyVendor);
	}

	/**
	 * The addresses of those who may see the project's money besides those who read the
	 * whole portfolio: its manager, its sponsor, and its sponsors, steering committee,
	 * executives and finance among the stakeholders; for read models that answer for many
	 * projects at once.
	 * @return the addresses, normalised
	 */
	public Set<String> moneyReaders() {
		Set<String> readers = new java.util.TreeSet<>();
		if (this.manager != null) {
			readers.add(this.manager);
		}
		if (this.sponsor != null) {
			readers.add(this.sponsor);
		}
		this.roles.forEach((email, roles) -> {
			if (roles.stream().anyMatch(BUDGET_ROLES::contains)) {
				readers.add(email);
			}
		});
		return readers;
	}

	/** The stakeholder roles that see a project's money. */
	private static final Set<StakeholderRole> BUDGET_ROLES = EnumSet.of(StakeholderRole.SPONSOR,
			StakeholderRole.STEERING_COMMITTEE, StakeholderRole.EXECUTIVE, StakeholderRole.FINANCE);

	static String normalized(String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * One stakeholder entry.
	 *
	 * @param email the stakeholder's address
	 * @param role their role on the project
	 */
	public record Member(String email, StakeholderRole role) {
	}

}
