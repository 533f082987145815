package io.infrapm.notification.audience;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.project.StakeholderRole;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One project's recipients as notification-service knows them from project events: its
 * code and name for subjects, its manager and sponsor, and its stakeholders by id. Kept
 * by the {@link Directory}.
 */
@Document(ProjectDirectory.COLLECTION)
public class ProjectDirectory {

	/** The collection of the directory. */
	public static final String COLLECTION = "project_directory";

	@Id
	private UUID id;

	private String code;

	private String name;

	private Person manager;

	private Person sponsor;

	private Map<String, Entry> stakeholders = new LinkedHashMap<>();

	/** Recipients added directly, not stakeholders of the project. */
	private List<DirectEntry> direct = new ArrayList<>();

	/** The project version of the last {@code ProjectUpdated} applied. */
	private long projectVersion;

	private Map<String, Long> appliedSequences = new LinkedHashMap<>();

	ProjectDirectory() {
		// for the mapping layer
	}

	ProjectDirectory(UUID id, String code, String name, Person manager, Person sponsor, Map<String, Entry> stakeholders,
			Map<String, Long> appliedSequences) {
		this.id = id;
		this.code = code;
		this.name = name;
		this.manager = manager;
		this.sponsor = sponsor;
		this.stakeholders = new LinkedHashMap<>(stakeholders);
		this.appliedSequences = new LinkedHashMap<>(appliedSequences);
	}

	public UUID id() {
		return this.id;
	}

	public String code() {
		return this.code;
	}

	public String name() {
		return this.name;
	}

	public Person manager() {
		return this.manager;
	}

	public Person sponsor() {
		return this.sponsor;
	}

	/**
	 * Everyone the project's notifications may reach: the manager, the sponsor and every
	 * stakeholder, once per address and role.
	 * @return the recipients, manager and sponsor first
	 */
	public List<Recipient> recipients() {
		List<Recipient> all = new ArrayList<>();
		if (this.manager != null && this.manager.email() != null) {
			all.add(new Recipient(this.manager.email(), this.manager.name(), StakeholderRole.PROJECT_MANAGER, null,
					true));
		}
		if (this.sponsor != null && this.sponsor.email() != null) {
			all.add(new Recipient(this.sponsor.email(), this.sponsor.name(), StakeholderRole.SPONSOR, null, true));
		}
		this.stakeholders.values()
			.stream()
			.filter((entry) -> entry.email() != null)
			.map((entry) -> new Recipient(entry.email(), entry.name(), entry.role(), entry.organisation(),
					entry.receivesReports() == null || entry.receivesReports()))
			.forEach(all::add);
		direct().forEach((entry) -> all.add(new Recipient(entry.email(), entry.name(), entry.role(),
				entry.organisation(), entry.receivesReports())));
		return all.stream()
			.filter((recipient) -> recipient.email() != null)
			.collect(Collectors.toMap((r) -> r.email() + "/" + r.role(), (r) -> r, (a, b) -> a, LinkedHashMap::new))
			.values()
			.stream()
			.toList();
	}

	/**
	 * The recipients added directly.
	 * @return them, in the order added
	 */
	public List<DirectEntry> direct() {
		return (this.direct != null) ? List.copyOf(this.direct) : List.of();
	}

	/**
	 * A recipient added directly to a project: an auditor, an external steering committee
	 * member, a service desk list, who is no stakeholder in project-service.
	 *
	 * @param name their name
	 * @param email their address, in lower case
	 * @param role the role they are addressed in
	 * @param organisation their organisation, or {@code null}
	 * @param receivesReports whether status reports go to them
	 * @param addedAt when they were added
	 * @param addedBy who added them
	 */
	public record DirectEntry(String name, String email, StakeholderRole role, String organisation,
			boolean receivesReports, java.time.Instant addedAt, io.infrapm.contracts.Actor addedBy) {
	}

	/**
	 * A stakeholder as the directory keeps them.
	 *
	 * @param name their name
	 * @param email their address
	 * @param role their role
	 * @param organisation their organisation, or {@code null}
	 * @param receivesReports whether status reports go to them, or {@code null} for yes
	 */
	public record Entry(String name, String email, StakeholderRole role, String organisation, Boolean receivesReports) {
	}

}
