package io.infrapm.notification.audience;

import java.util.Locale;

import io.infrapm.contracts.project.StakeholderRole;

/**
 * A person a project's notifications may reach.
 *
 * @param email their address, in lower case
 * @param name their name, or {@code null}
 * @param role their role on the project: a stakeholder's role, {@code PROJECT_MANAGER}
 * for the manager, {@code SPONSOR} for the sponsor
 * @param organisation their organisation (a vendor's, for example), or {@code null}
 * @param receivesReports whether status reports are sent to them
 */
public record Recipient(String email, String name, StakeholderRole role, String organisation, boolean receivesReports) {

	public Recipient {
		email = normalized(email);
	}

	/**
	 * An address as notifications are keyed by it.
	 * @param email an address
	 * @return it stripped and in lower case, or {@code null}
	 */
	public static String normalized(String email) {
		return (email != null && !email.isBlank()) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

}
