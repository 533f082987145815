package io.infrapm.notification.digest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.notification.audience.Directory;
import io.infrapm.notification.audience.ProjectDirectory;
import io.infrapm.notification.audience.Recipient;
import io.infrapm.notification.delivery.Message;
import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.routing.EventNames;
import io.infrapm.notification.routing.Messages;
import io.infrapm.notification.routing.RoutingSettings;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * Builds and sends digests. Each is one e-mail per recipient, with a section per project:
 * the list of what happened, or, for a recipient who is the project's executive, a
 * summary of the project (cost, schedule, risk, and how many of which events) instead.
 * <p>
 * A digest is made in two steps: its e-mails are first marked with its id, then it is
 * built from exactly the marked ones and recorded under that id. A crash between the
 * steps leaves marked e-mails, from which the next run builds the same digest; an e-mail
 * batched meanwhile waits for the next digest.
 */
@Service
public class Digests {

	private static final Logger log = LoggerFactory.getLogger(Digests.class);

	/** Later than any digest is due. */
	private static final Instant WHENEVER = Instant.parse("9999-12-31T00:00:00Z");

	private final Notifications notifications;

	private final Directory directory;

	private final Pulses pulses;

	private final RoutingSettings routing;

	private final Clock clock;

	Digests(Notifications notifications, Directory directory, Pulses pulses, RoutingSettings routing, Clock clock) {
		this.notifications = notifications;
		this.directory = directory;
		this.pulses = pulses;
		this.routing = routing;
		this.clock = clock;
	}

	/**
	 * Sends every digest that is due.
	 * @return how many were sent
	 */
	public int sendDue() {
		Instant now = this.clock.instant();
		for (String recipient : this.notifications.digestsDue(now)) {
			this.notifications.openDigest(recipient, now);
		}
		int sent = 0;
		for (Map.Entry<UUID, List<Notification>> digest : this.notifications.openDigests().entrySet()) {
			try {
				this.notifications.sendDigest(digest.getKey(), digest.getValue(), render(digest.getValue()));
				sent++;
			}
			catch (RuntimeException ex) {
				log.warn("Sending digest {} failed; the next sweep tries again", digest.getKey(), ex);
			}
		}
		return sent;
	}

	/**
	 * Sends a recipient's digest now, with everything batched for them whenever it was
	 * due: "send me my digest" (say before a holiday), and for operators.
	 * @param email the recipient
	 * @param caller the recipient or a portfolio manager
	 * @return the digest sent, or none if nothing waited
	 */
	public Sent sendNow(String email, Caller caller) {
		if (!caller.isAddressedBy(email) && !caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
			throw new ForbiddenException("email", "only the recipient or a portfolio manager may send their digest");
		}
		UUID digestId = this.notifications.openDigest(email, WHENEVER);
		List<Notification> items = this.notifications.itemsOf(digestId);
		if (items.isEmpty()) {
			return new Sent(null, 0);
		}
		this.notifications.sendDigest(digestId, items, render(items));
		return new Sent(digestId, items.size());
	}

	/**
	 * What one digest says.
	 * @param items its e-mails, oldest first, all to one recipient
	 * @return the message
	 */
	Message render(List<Notification> items) {
		String recipient = items.get(0).recipient();
		Map<UUID, List<Notification>> byProject = items.stream()
			.collect(Collectors.groupingBy(Notification::projectId, LinkedHashMap::new, Collectors.toList()));
		Map<UUID, ProjectDirectory> projects = new LinkedHashMap<>();
		byProject.keySet().forEach((id) -> this.directory.of(id).ifPresent((project) -> projects.put(id, project)));
		Map<UUID, ProjectPulse> pulses = this.pulses.of(byProject.keySet());
		List<Section> sections = new ArrayList<>();
		byProject.forEach((projectId, news) -> {
			ProjectDirectory project = projects.get(projectId);
			String heading = (project != null) ? project.code() + " \"" + project.name() + "\"" : projectId.toString();
			if (project != null && isExecutive(project, recipient)) {
				sections.add(new Section(heading, summary(news, pulses.get(projectId)), null));
			}
			else {
				sections
					.add(new Section(heading, news.stream().map((item) -> "- " + withoutCode(item.subject())).toList(),
							news.stream().map(Notification::link).toList()));
			}
		});
		sections.sort(Comparator.comparing(Section::heading));
		String title = "Your InfraPM digest: " + items.size() + ((items.size() == 1) ? " update" : " updates") + " on "
				+ sections.size() + ((sections.size() == 1) ? " project" : " projects");
		String link = this.routing.linkBase("notification") + "/api/notifications";
		List<String> lines = new ArrayList<>(List.of(title, ""));
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
		html.append("<h2>").append(escape(title)).append("</h2>");
		for (Section section : sections) {
			lines.add(section.heading());
			lines.addAll(section.lines());
			lines.add("");
			html.append("<h3>").append(escape(section.heading())).append("</h3><ul>");
			for (int i = 0; i < section.lines().size(); i++) {
				String line = section.lines().get(i);
				String text = escape(line.startsWith("- ") ? line.substring(2) : line);
				String target = (section.links() != null) ? section.links().get(i) : null;
				html.append("<li>")
					.append((target != null) ? "<a href=\"" + escape(target) + "\">" + text + "</a>" : text)
					.append("</li>");
			}
			html.append("</ul>");
		}
		lines.addAll(List.of("Everything is also in your feed: " + link, "", "-- ",
				"You get this digest because of your notification preferences; critical alerts never wait for it.",
				"InfraPM"));
		html.append("<p><a href=\"").append(escape(link)).append("\">Open your feed</a></p></body></html>");
		return new Message(title, String.join("\n", lines), html.toString(), link);
	}

	/**
	 * An executive's view of a project: where cost, schedule and risk stand, and how many
	 * of which events happened since the last digest.
	 */
	static List<String> summary(List<Notification> news, ProjectPulse pulse) {
		List<String> lines = new ArrayList<>();
		ProjectPulse.Budget budget = (pulse != null) ? pulse.budget() : null;
		ProjectPulse.Performance performance = (pulse != null) ? pulse.performance() : null;
		ProjectPulse.Risk risk = (pulse != null) ? pulse.risk() : null;
		ProjectPulse.Health health = (pulse != null) ? pulse.health() : null;
		if (health != null) {
			lines.add("Health: " + health.overall() + " (schedule " + health.schedule() + ", cost " + health.cost()
					+ ", scope " + health.scope() + ", risk " + health.risk() + ")");
		}
		if (budget != null) {
			lines.add("Budget: " + percent(budget.consumedPercent()) + " % consumed (" + amount(budget.actualTotal())
					+ " of " + amount(budget.budgetAtCompletion()) + " " + budget.currency() + ")");
		}
		if (performance != null) {
			StringBuilder line = new StringBuilder("Performance: CPI ")
				.append(ratio(performance.costPerformanceIndex()));
			Optional.ofNullable(performance.costBand()).ifPresent((band) -> line.append(" (").append(band).append(')'));
			line.append(", SPI ").append(ratio(performance.schedulePerformanceIndex()));
			Optional.ofNullable(performance.scheduleBand())
				.ifPresent((band) -> line.append(" (").append(band).append(')'));
			if (performance.estimateAtCompletion() != null) {
				line.append(", EAC ").append(amount(performance.estimateAtCompletion()));
				Optional.ofNullable(performance.currency()).ifPresent((currency) -> line.append(' ').append(currency));
			}
			lines.add(line.toString());
		}
		if (risk != null) {
			StringBuilder line = new StringBuilder("Risks: ").append(risk.openThreats())
				.append((risk.openThreats() == 1) ? " open threat (" : " open threats (")
				.append(risk.critical())
				.append(" critical, ")
				.append(risk.high())
				.append(" high)");
			if (risk.topRiskNumber() != null) {
				line.append(", top ").append(risk.topRiskNumber()).append(" scoring ").append(risk.topScore());
			}
			if (risk.expectedExposure() != null) {
				line.append(", expected exposure ").append(amount(risk.expectedExposure()));
				Optional.ofNullable(risk.currency()).ifPresent((currency) -> line.append(' ').append(currency));
			}
			lines.add(line.toString());
		}
		if (lines.isEmpty()) {
			lines.add("No health, budget or risk figures reported yet");
		}
		Map<String, Long> counts = news.stream()
			.collect(Collectors.groupingBy((item) -> Messages.humanised(EventNames.nameOf(item.cause().eventType())),
					TreeMap::new, Collectors.counting()));
		lines.add("Since the last digest: " + counts.entrySet()
			.stream()
			.map((count) -> count.getValue() + " x " + count.getKey())
			.collect(Collectors.joining(", ")));
		return lines;
	}

	private static boolean isExecutive(ProjectDirectory project, String recipient) {
		return project.recipients()
			.stream()
			.filter((person) -> person.email().equals(Recipient.normalized(recipient)))
			.anyMatch((person) -> person.role() == StakeholderRole.EXECUTIVE);
	}

	private static String withoutCode(String subject) {
		return (subject.startsWith("[") && subject.indexOf("] ") > 0) ? subject.substring(subject.indexOf("] ") + 2)
				: subject;
	}

	private static String percent(BigDecimal value) {
		return value.setScale(1, RoundingMode.HALF_UP).toPlainString();
	}

	private static String ratio(BigDecimal value) {
		return (value != null) ? value.setScale(2, RoundingMode.HALF_UP).toPlainString() : "n/a";
	}

	private static String amount(BigDecimal value) {
		return String.format(java.util.Locale.ROOT, "%,.2f", value);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/**
	 * A digest sent on request.
	 *
	 * @param digestId its id (the e-mail's Message-ID), or {@code null} if nothing waited
	 * @param updates how many e-mails it carries
	 */
	public record Sent(UUID digestId, int updates) {
	}

	/** One project's part of a digest; links line up with lines, or are absent. */
	private record Section(String heading, List<String> lines, List<String> links) {
	}

}
