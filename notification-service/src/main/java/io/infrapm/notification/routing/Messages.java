package io.infrapm.notification.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.infrapm.notification.audience.ProjectDirectory;
import io.infrapm.notification.audience.Recipient;
import io.infrapm.notification.delivery.Message;
import io.infrapm.notification.delivery.Severity;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Writes what a notification says: a subject that starts with the project code, the facts
 * of the event as text and as HTML, a link back to the resource in the service that owns
 * it, and why the recipient got it (the rules and the severity).
 */
@Component
public class Messages {

	/** Fields every event has, or that say nothing to a reader. */
	private static final Set<String> NOT_SHOWN = Set.of("projectId", "actor", "stakeholders", "revision", "version",
			"eventSequence");

	private static final int MOST_DETAILS = 12;

	private final RoutingSettings settings;

	Messages(RoutingSettings settings) {
		this.settings = settings;
	}

	/**
	 * The message of one event to one recipient.
	 * @param name the event's logical name
	 * @param source its source
	 * @param data its data
	 * @param project the project as the directory knows it
	 * @param recipient to whom
	 * @param severity the strongest severity of the rules that called for it
	 * @param rules those rules
	 * @return the message
	 */
	public Message render(String name, String source, JsonNode data, ProjectDirectory project, Recipient recipient,
			Severity severity, List<RoutingRule> rules) {
		String title = welcomes(name, data, recipient) ? "You were added to project " + project.name()
				: title(name, data, project);
		String link = link(source, data, project);
		List<String> intro = intro(name, data, project, recipient);
		Map<String, String> details = details(data);
		String why = "You get this because of the rule" + ((rules.size() > 1) ? "s " : " ")
				+ rules.stream().map((rule) -> "\"" + rule.name() + "\"").collect(Collectors.joining(", ")) + " ("
				+ severity.name().toLowerCase(Locale.ROOT) + "). Choose what reaches you: PUT /api/recipients/"
				+ recipient.email() + "/preferences";

		List<String> text = new ArrayList<>(intro);
		text.add("");
		details.forEach((label, value) -> text.add(label + ": " + value));
		text.add("");
		text.add("Open: " + link);
		text.add("");
		text.add("-- ");
		text.add(why);
		text.add("InfraPM");

		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
		html.append("<h2>").append(escape(title)).append("</h2>");
		intro.forEach((line) -> html.append(line.isEmpty() ? "" : "<p>" + escape(line) + "</p>"));
		html.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
		details.forEach((label, value) -> html.append("<tr><th align=\"left\">")
			.append(escape(label))
			.append("</th><td>")
			.append(escape(value))
			.append("</td></tr>"));
		html.append("</table><p><a href=\"").append(escape(link)).append("\">Open in InfraPM</a></p>");
		html.append("<p style=\"color:#666;font-size:small\">").append(escape(why)).append("</p></body></html>");

		String subject = "[" + project.code() + "] " + ((severity == Severity.CRITICAL) ? "CRITICAL: " : "") + title;
		return new Message(subject, String.join("\n", text), html.toString(), link);
	}

	/**
	 * The message of one step up the ladder, to one person at the new level.
	 * @param alert the alert
	 * @param to the level reached
	 * @param project the project
	 * @param recipient to whom
	 * @return the message
	 */
	public Message escalation(Alert alert, io.infrapm.contracts.risk.EscalationLevel to, ProjectDirectory project,
			Recipient recipient) {
		String title = "Escalated to the " + label(to.name()) + ": " + alert.title();
		List<String> lines = List.of(title, "Project: " + project.code() + " \"" + project.name() + "\"",
				"Nobody has acknowledged this critical alert since " + alert.raisedAt() + ".",
				"Acknowledge it on your notification: POST /api/notifications/{id}/acknowledgement (the id is in your "
						+ "feed, GET /api/notifications).",
				"", "Open: " + alert.link(), "", "-- ", "Critical alerts reach you whatever your preferences.",
				"InfraPM");
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
		html.append("<h2>").append(escape(title)).append("</h2>");
		lines.subList(1, 4).forEach((line) -> html.append("<p>").append(escape(line)).append("</p>"));
		html.append("<p><a href=\"").append(escape(alert.link())).append("\">Open in InfraPM</a></p></body></html>");
		return new Message("[" + project.code() + "] CRITICAL: " + title, String.join("\n", lines), html.toString(),
				alert.link());
	}

	/**
	 * Whether the event tells this recipient they joined the project: they are the
	 * stakeholder added, or one of those the new project names. The rest of the team
	 * hears of it in the third person.
	 */
	static boolean welcomes(String name, JsonNode data, Recipient recipient) {
		if (!name.equals("ProjectCreated") && !name.equals("StakeholderAdded")) {
			return false;
		}
		List<JsonNode> named = new ArrayList<>();
		data.path("stakeholders").values().forEach(named::add);
		named.add(data);
		return named.stream()
			.anyMatch((person) -> recipient.email().equals(Recipient.normalized(person.path("email").asString(null))));
	}

	/** The subject after the code, and the heading, as anyone on the team reads it. */
	static String title(String name, JsonNode data, ProjectDirectory project) {
		return switch (name) {
			case "ProjectCreated" -> "Project created: " + project.name();
			case "StakeholderAdded" ->
				"Stakeholder added: " + text(data, "name") + " (" + label(text(data, "role")) + ")";
			case "MilestoneMissed" ->
				(data.path("critical").asBoolean() ? "Critical milestone missed: " : "Milestone missed: ")
						+ text(data, "name") + ", " + data.path("daysLate").asInt() + " days late";
			case "RiskEscalated" -> "Risk " + text(data, "number") + " escalated to " + label(text(data, "level"))
					+ ": " + text(data, "title");
			case "BudgetThresholdCrossed" ->
				"Budget " + text(data, "thresholdPercent") + " % consumed (" + text(data, "consumedPercent") + " % of "
						+ text(data, "budgetAtCompletion") + " " + text(data, "currency") + ")";
			case "OutageRecorded" -> (data.path("planned").asBoolean() ? "Planned outage of " : "Unplanned outage of ")
					+ text(data, "service");
			case "StatusReportDrafted" -> "Status report " + text(data, "number") + " drafted ("
					+ label(text(data, "period")) + ", as of " + text(data, "asOf") + "): complete and publish it";
			case "StatusReportPublished" -> "Status report " + text(data, "number")
					+ ((data.path("edition").asInt(1) > 1) ? " edition " + text(data, "edition") : "") + " ("
					+ label(text(data, "period")) + ", as of " + text(data, "asOf") + "): health "
					+ text(data.path("health"), "overall");
			case "ProjectHealthChanged" -> "Health " + text(data, "overall")
					+ (data.path("previousOverall").isString() ? " (was " + text(data, "previousOverall") + ")" : "")
					+ ": " + project.name();
			default -> humanised(name) + subjectOf(data);
		};
	}

	/** What comes before the facts: a greeting for a welcome, the project otherwise. */
	private static List<String> intro(String name, JsonNode data, ProjectDirectory project, Recipient recipient) {
		List<String> lines = new ArrayList<>();
		if (welcomes(name, data, recipient) && recipient.role() != null) {
			lines.add("Hello " + ((recipient.name() != null) ? recipient.name() : recipient.email()) + ",");
			lines.add("");
			lines.add("you were added as " + label(recipient.role().name()) + " to project " + project.code() + " \""
					+ project.name() + "\".");
			if (project.manager() != null && project.manager().email() != null) {
				lines.add("Project manager: " + project.manager().name() + " <" + project.manager().email() + ">");
			}
			lines.add("You will be kept informed of what matters to your role.");
			return lines;
		}
		lines.add(title(name, data, project));
		lines.add("Project: " + project.code() + " \"" + project.name() + "\"");
		if ("ProjectHealthChanged".equals(name)) {
			lines.addAll(healthReasons(data));
		}
		if (Router.REPORT.equals(name)) {
			lines.addAll(report(data));
		}
		return lines;
	}

	/**
	 * Why a health is amber or red, a line per finding. Cost findings with money figures
	 * name only their rule: the team's feed gets them too, and the figures are for those
	 * who may see the budget, in project-service.
	 */
	private static List<String> healthReasons(JsonNode data) {
		List<String> lines = new ArrayList<>();
		for (JsonNode reason : data.path("reasons")) {
			String colour = reason.path("colour").asString("");
			if ("GREEN".equals(colour)) {
				continue;
			}
			String rule = reason.path("rule").asString("");
			String fact = (rule.equals("cost.eac") || rule.equals("cost.consumed"))
					? "see the budget figures behind rule " + rule : reason.path("fact").asString("");
			lines.add(colour + " " + label(reason.path("dimension").asString("")) + ": " + fact);
		}
		return lines;
	}

	/**
	 * A status report in a mail: the manager's summary and what they ask, the colours,
	 * and the milestones missed; the whole report is one link away, as HTML or PDF.
	 */
	private static List<String> report(JsonNode data) {
		List<String> lines = new ArrayList<>();
		lines.add("");
		lines.add(data.path("summary").asString(""));
		JsonNode health = data.path("health");
		lines.add("Health: overall " + text(health, "overall") + ", schedule " + text(health, "schedule") + ", cost "
				+ text(health, "cost") + ", scope " + text(health, "scope") + ", risk " + text(health, "risk"));
		lines.addAll(list("Decisions requested", data.path("decisionsRequested"), (item) -> item.asString("")));
		lines.addAll(list("Accomplishments", data.path("accomplishments"), (item) -> item.asString("")));
		lines.addAll(list("Next steps", data.path("nextSteps"), (item) -> item.asString("")));
		lines.addAll(list("Milestones missed", data.path("milestonesMissed"),
				(item) -> item.path("name").asString("") + ", due " + item.path("dueDate").asString("")));
		return lines;
	}

	private static List<String> list(String heading, JsonNode items,
			java.util.function.Function<JsonNode, String> line) {
		if (!items.isArray() || items.isEmpty()) {
			return List.of();
		}
		List<String> lines = new ArrayList<>();
		lines.add(heading + ":");
		items.values().forEach((item) -> lines.add("- " + line.apply(item)));
		return lines;
	}

	/** The event's own scalar facts, labelled, in the order of the contract. */
	private static Map<String, String> details(JsonNode data) {
		Map<String, String> details = new java.util.LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : data.properties()) {
			if (details.size() >= MOST_DETAILS) {
				break;
			}
			String key = field.getKey();
			JsonNode value = field.getValue();
			if (NOT_SHOWN.contains(key) || key.endsWith("Id") || value.isNull()) {
				continue;
			}
			if (value.isValueNode()) {
				details.put(humanised(key), value.asString());
			}
			else if (value.isObject() && value.has("email")) {
				details.put(humanised(key),
						value.path("name").asString() + " <" + value.path("email").asString() + ">");
			}
		}
		return details;
	}

	/** Where the resource lives, in the service that owns it. */
	String link(String source, JsonNode data, ProjectDirectory project) {
		String base = this.settings.linkBase(source);
		String projectPath = "/api/projects/" + project.id();
		String path = switch (source) {
			case "risk" -> first(data, Map.of("riskId", "/api/risks/", "dependencyId", "/api/dependencies/",
					"assumptionId", "/api/assumptions/", "issueId", "/api/issues/"), projectPath + "/risks");
			case "budget" -> projectPath + "/budget";
			default -> first(data,
					Map.of("reportId", projectPath + "/status-reports/", "milestoneId", projectPath + "/milestones/",
							"outageId", projectPath + "/outages/", "changeRequestId", projectPath + "/change-requests/",
							"vendorId", projectPath + "/vendors/", "iterationId", projectPath + "/iterations/",
							"stakeholderId", projectPath + "/stakeholders/"),
					projectPath);
		};
		return base + path;
	}

	private static String first(JsonNode data, Map<String, String> byField, String otherwise) {
		for (String field : List.of("riskId", "dependencyId", "assumptionId", "issueId", "reportId", "milestoneId",
				"outageId", "changeRequestId", "vendorId", "iterationId", "stakeholderId")) {
			String prefix = byField.get(field);
			if (prefix != null && data.path(field).isString()) {
				return prefix + UriUtils.encodePathSegment(data.path(field).asString(), "UTF-8");
			}
		}
		return otherwise;
	}

	private static String subjectOf(JsonNode data) {
		for (String field : List.of("title", "name", "service", "number")) {
			if (data.path(field).isString()) {
				return ": " + data.path(field).asString();
			}
		}
		return "";
	}

	private static String text(JsonNode data, String field) {
		JsonNode value = data.path(field);
		return value.isValueNode() ? value.asString() : "";
	}

	/**
	 * {@code MilestoneMissed} → {@code Milestone missed}; {@code daysLate} →
	 * {@code Days late}.
	 * @param name a camel-case name
	 * @return it in words
	 */
	public static String humanised(String name) {
		String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	private static String label(String constant) {
		return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
