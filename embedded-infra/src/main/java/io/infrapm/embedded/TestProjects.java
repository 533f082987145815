package io.infrapm.embedded;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Project events as project-service publishes them, for the tests of the services that
 * consume them: a project with a manager and stakeholders, and later changes of its
 * stakeholder list, each with the {@code ce_sequence} of the project's stream.
 */
public final class TestProjects {

	/** The project topic. */
	public static final String TOPIC = "infrapm.project.v1";

	private static final String ACTOR = "{\"subject\":\"%1$s\",\"email\":\"%1$s\",\"name\":\"%2$s\"}";

	private final KafkaTestClient kafka;

	private final Map<UUID, Long> sequences = new LinkedHashMap<>();

	/**
	 * Publishes through a client of the test broker.
	 * @param kafka the client
	 */
	public TestProjects(KafkaTestClient kafka) {
		this.kafka = kafka;
	}

	/**
	 * Publishes {@code ProjectCreated} of a new project.
	 * @param projectId the project
	 * @param managerEmail its manager, also the event's actor
	 * @param stakeholders stakeholder address → role, e.g. {@code VENDOR}
	 * @return the event id
	 */
	public UUID created(UUID projectId, String managerEmail, Map<String, String> stakeholders) {
		String code = "T-" + projectId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
		String members = stakeholders.entrySet()
			.stream()
			.map((s) -> "{\"stakeholderId\":\"" + UUID.randomUUID() + "\",\"name\":\""
					+ TestIssuer.displayName(s.getKey()) + "\",\"email\":\"" + s.getKey() + "\",\"role\":\""
					+ s.getValue() + "\"}")
			.collect(Collectors.joining(","));
		String json = """
				{"projectId":"%s","code":"%s","name":"Project %s","category":"DATA_CENTRE_MIGRATION",
				 "methodology":"WATERFALL","phase":"INITIATING","manager":{"name":"%s","email":"%s"},"sponsor":null,
				 "plannedStart":"2027-01-04","plannedFinish":"2027-09-30","budgetAmount":1250000,"currency":"EUR",
				 "stakeholders":[%s],"createdAt":"2026-11-24T10:00:00Z","actor":%s}
				""".formatted(projectId, code, code, TestIssuer.displayName(managerEmail), managerEmail, members,
				actor(managerEmail));
		return publish(projectId, "ProjectCreated", json);
	}

	/**
	 * Publishes {@code StakeholderAdded}.
	 * @param projectId the project
	 * @param stakeholderId the new stakeholder's id
	 * @param email their address
	 * @param role their role
	 * @param actorEmail who added them
	 * @return the event id
	 */
	public UUID stakeholderAdded(UUID projectId, UUID stakeholderId, String email, String role, String actorEmail) {
		return publish(projectId, "StakeholderAdded", """
				{"projectId":"%s","stakeholderId":"%s","name":"%s","email":"%s","role":"%s",
				 "addedAt":"2026-11-24T11:00:00Z","actor":%s}
				""".formatted(projectId, stakeholderId, TestIssuer.displayName(email), email, role, actor(actorEmail)));
	}

	/**
	 * Publishes {@code StakeholderRemoved}.
	 * @param projectId the project
	 * @param stakeholderId the stakeholder's id
	 * @param email their address
	 * @param role the role they had
	 * @param actorEmail who removed them
	 * @return the event id
	 */
	public UUID stakeholderRemoved(UUID projectId, UUID stakeholderId, String email, String role, String actorEmail) {
		return publish(projectId, "StakeholderRemoved", """
				{"projectId":"%s","stakeholderId":"%s","email":"%s","role":"%s",
				 "removedAt":"2026-11-24T12:00:00Z","actor":%s}
				""".formatted(projectId, stakeholderId, email, role, actor(actorEmail)));
	}

	/**
	 * Publishes {@code ProjectClosed}.
	 * @param projectId the project
	 * @param actorEmail who approved the closing gate
	 * @return the event id
	 */
	public UUID closed(UUID projectId, String actorEmail) {
		return publish(projectId, "ProjectClosed", """
				{"projectId":"%s","gateId":"%s","closedAt":"2027-10-01T12:00:00Z","actor":%s}
				""".formatted(projectId, UUID.randomUUID(), actor(actorEmail)));
	}

	private UUID publish(UUID projectId, String type, String json) {
		UUID eventId = UUID.randomUUID();
		long sequence = this.sequences.merge(projectId, 1L, Long::sum);
		Map<String, String> headers = KafkaTestClient.cloudEventHeaders(eventId, "io.infrapm.project." + type + ".v1",
				projectId.toString());
		headers.put("ce_source", "/infrapm/project-service");
		headers.put("ce_sequence", String.format(Locale.ROOT, "%019d", sequence));
		this.kafka.publish(TOPIC, projectId.toString(), headers, json);
		return eventId;
	}

	private static String actor(String email) {
		return ACTOR.formatted(email, TestIssuer.displayName(email));
	}

}
