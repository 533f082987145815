package io.infrapm.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.infrapm.embedded.PlatformSettings;
import org.bson.Document;
import org.bson.UuidRepresentation;

/**
 * Where the benchmark looks for a command's effects, and when each was recorded: the
 * budget in budget-service's database ({@code establishedAt}), the risk register in
 * risk-service's ({@code openedAt}), the notification in notification-service's, and the
 * mail at the SMTP server ({@code receivedAt}). The services store times in milliseconds
 * (BSON dates); such a time is taken as the middle of its millisecond.
 */
final class Effects implements AutoCloseable {

	/**
	 * What arrived for a set of commands.
	 *
	 * @param budgets the time each project's budget was established, by project
	 * @param registers the time each project's register was opened, by project
	 * @param notifications how many notifications each project has
	 * @param mails the times each recipient's mails arrived at
	 */
	record Seen(Map<UUID, Long> budgets, Map<UUID, Long> registers, Map<UUID, Integer> notifications,
			Map<String, List<Long>> mails) {

	}

	private final MongoClient client;

	private final Target target;

	private final MongoCollection<Document> budgets;

	private final MongoCollection<Document> registers;

	private final MongoCollection<Document> notifications;

	private final MongoCollection<Document> projects;

	Effects(Target target) {
		this.target = target;
		this.client = client(target.mongoUri(PlatformSettings.databaseOf("budget-service")));
		this.budgets = collection(target, "budget-service", "budgets");
		this.registers = collection(target, "risk-service", "registers");
		this.notifications = collection(target, "notification-service", "notifications");
		this.projects = collection(target, "project-service", "projects");
	}

	/**
	 * A client that reads UUIDs as the services write them (binary subtype 4).
	 * @param uri a connection string
	 * @return the client
	 */
	static MongoClient client(String uri) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(uri))
			.uuidRepresentation(UuidRepresentation.STANDARD)
			.build());
	}

	private MongoCollection<Document> collection(Target target, String service, String name) {
		return this.client.getDatabase(PlatformSettings.databaseOf(service)).getCollection(name);
	}

	/**
	 * Reads what has arrived for these commands so far.
	 * @param commands created projects
	 * @return the effects found
	 * @throws Exception if the mailbox cannot be read
	 */
	Seen read(Collection<ProjectCommands.Outcome> commands) throws Exception {
		return read(commands, true);
	}

	/**
	 * Reads what has arrived for these commands so far.
	 * @param commands created projects
	 * @param notifications whether to count the notifications too (a search through all
	 * of them, as they are not stored by project; a mail arrives only after its
	 * notification anyway)
	 * @return the effects found
	 * @throws Exception if the mailbox cannot be read
	 */
	Seen read(Collection<ProjectCommands.Outcome> commands, boolean notifications) throws Exception {
		Set<UUID> ids = new HashSet<>();
		Set<String> recipients = new HashSet<>();
		for (ProjectCommands.Outcome command : commands) {
			ids.add(command.projectId());
			recipients.add(command.recipient());
		}
		Map<UUID, Long> budgets = times(this.budgets, ids, "establishedAt");
		Map<UUID, Long> registers = times(this.registers, ids, "openedAt");
		Map<UUID, Integer> perProject = new HashMap<>();
		if (notifications) {
			for (Document notification : this.notifications.find().projection(Projections.include("projectId"))) {
				UUID project = notification.get("projectId", UUID.class);
				if (ids.contains(project)) {
					perProject.merge(project, 1, Integer::sum);
				}
			}
		}
		Map<String, List<Long>> mails = new HashMap<>();
		for (Target.Mail mail : this.target.mails()) {
			for (String recipient : mail.recipients()) {
				if (recipients.contains(recipient)) {
					mails.computeIfAbsent(recipient, (key) -> new ArrayList<>()).add(mail.receivedAtMicros());
				}
			}
		}
		return new Seen(budgets, registers, perProject, mails);
	}

	/**
	 * How many of these projects project-service holds, and how many with each code.
	 * @param codes the codes the commands used
	 * @return per code, how many projects have it
	 */
	Map<String, Integer> projectsByCode(Collection<String> codes) {
		Map<String, Integer> found = new HashMap<>();
		for (Document project : byChunks(this.projects, "code", new HashSet<>(codes), "code")) {
			found.merge(project.getString("code"), 1, Integer::sum);
		}
		return found;
	}

	private Map<UUID, Long> times(MongoCollection<Document> collection, Set<UUID> ids, String field) {
		Map<UUID, Long> times = new HashMap<>();
		for (Document document : byChunks(collection, "_id", ids, field)) {
			Date at = document.getDate(field);
			if (at != null) {
				times.put(document.get("_id", UUID.class), at.getTime() * 1000 + 500);
			}
		}
		return times;
	}

	/**
	 * The documents whose {@code key} is one of the values, a thousand values a query.
	 */
	private static <T> List<Document> byChunks(MongoCollection<Document> collection, String key, Set<T> values,
			String field) {
		List<Document> found = new ArrayList<>();
		List<T> all = new ArrayList<>(values);
		for (int from = 0; from < all.size(); from += 1000) {
			collection.find(Filters.in(key, all.subList(from, Math.min(all.size(), from + 1000))))
				.projection(Projections.include("_id", key, field))
				.into(found);
		}
		return found;
	}

	@Override
	public void close() {
		this.client.close();
	}

}
