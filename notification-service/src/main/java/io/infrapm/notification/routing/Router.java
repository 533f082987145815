package io.infrapm.notification.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.notification.audience.Directory;
import io.infrapm.notification.audience.Preferences;
import io.infrapm.notification.audience.PreferencesBook;
import io.infrapm.notification.audience.ProjectDirectory;
import io.infrapm.notification.audience.Recipient;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.delivery.Outgoing;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.messaging.UnknownAggregateException;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Turns one event into the notifications it calls for. The rules it matches name an
 * audience on the event's project, which the {@link Directory} resolves to people; per
 * person and channel the strongest severity wins and the notification names every rule
 * that called for it. Then each person's {@link Preferences} decide: a {@code CRITICAL}
 * notification goes out whatever they chose; anything else only on the channels they
 * want, from the severity they set, not for muted projects, and e-mail not in their quiet
 * hours (it waits until they end). Nobody is told, below {@code CRITICAL}, of what they
 * did themselves.
 * <p>
 * Every notification is recorded once per event, recipient and channel
 * ({@link Notifications#record}), so a redelivered event sends nothing again.
 */
@Service
public class Router {

	/**
	 * The event that carries a status report, which only those who receive reports get.
	 */
	static final String REPORT = "StatusReportPublished";

	/** The event of a drafted report, which only the project's manager hears of. */
	static final String DRAFT = "StatusReportDrafted";

	private final RoutingRules rules;

	private final Directory directory;

	private final PreferencesBook preferences;

	private final Messages messages;

	private final Notifications notifications;

	private final Escalations escalations;

	private final Clock clock;

	private final Duration maxEventAge;

	private final MeterRegistry registry;

	Router(RoutingRules rules, Directory directory, PreferencesBook preferences, Messages messages,
			Notifications notifications, Escalations escalations, Clock clock, RoutingSettings settings,
			MeterRegistry registry) {
		this.escalations = escalations;
		this.rules = rules;
		this.directory = directory;
		this.preferences = preferences;
		this.messages = messages;
		this.notifications = notifications;
		this.clock = clock;
		this.maxEventAge = settings.maxEventAge();
		this.registry = registry;
	}

	/**
	 * Routes one event.
	 * @param event the event
	 * @return {@link HandlingOutcome#APPLIED} if it recorded a notification,
	 * {@link HandlingOutcome#DUPLICATE} if all were recorded before,
	 * {@link HandlingOutcome#IGNORED} if nobody is to be told
	 * @throws UnknownAggregateException if the event concerns a project the directory
	 * does not know yet (its {@code ProjectCreated} comes on another topic): the binder
	 * retries, and dead-letters it in the end for a re-drive
	 */
	public HandlingOutcome route(IncomingEvent<?> event) {
		Instant now = this.clock.instant();
		if (event.metadata().time().isBefore(now.minus(this.maxEventAge))) {
			this.registry.counter("infrapm.notifications.routing", "outcome", "too_old").increment();
			return HandlingOutcome.IGNORED;
		}
		String type = event.metadata().type();
		String name = EventNames.nameOf(type);
		String source = EventNames.sourceOf(type);
		JsonNode data = EventJson.mapper().valueToTree(event.data());
		List<RoutingRule> matched = this.rules.matching(name, source, data);
		if (matched.isEmpty() || !data.path("projectId").isString()) {
			return HandlingOutcome.IGNORED;
		}
		UUID projectId = UUID.fromString(data.path("projectId").asString());
		ProjectDirectory project = this.directory.of(projectId)
			.orElseThrow(() -> new UnknownAggregateException(
					"Project " + projectId + " of " + type + " " + event.id() + " is not in the directory yet"));

		String actor = Recipient.normalized(data.path("actor").path("email").asString(null));
		Map<String, Candidate> candidates = new LinkedHashMap<>();
		for (RoutingRule rule : matched) {
			for (Recipient recipient : audience(rule.audience(), project, data)) {
				if (rule.severity() != Severity.CRITICAL && recipient.email().equals(actor)) {
					continue;
				}
				if (DRAFT.equals(name) && recipient.role() != StakeholderRole.PROJECT_MANAGER) {
					// A draft is its manager's until it is published.
					continue;
				}
				if (REPORT.equals(name) && !recipient.receivesReports()) {
					// The stakeholder asked not to receive status reports.
					continue;
				}
				for (Channel channel : rule.channels()) {
					candidates
						.computeIfAbsent(recipient.email() + "/" + channel, (key) -> new Candidate(recipient, channel))
						.add(rule);
				}
			}
		}
		if (candidates.isEmpty()) {
			return HandlingOutcome.IGNORED;
		}
		Map<String, Preferences> chosen = this.preferences
			.ofAll(candidates.values().stream().map((c) -> c.recipient.email()).toList());
		List<Outgoing> outgoing = new ArrayList<>();
		for (Candidate candidate : candidates.values()) {
			Preferences.Decision decision = chosen.get(candidate.recipient.email())
				.decide(projectId, candidate.channel, candidate.severity, candidate.digest(), now);
			if (!decision.send()) {
				this.registry.counter("infrapm.notifications.routing", "outcome", "declined").increment();
				continue;
			}
			outgoing.add(new Outgoing(candidate.recipient.email(), candidate.recipient.name(), candidate.channel,
					candidate.severity, candidate.rules.stream().map(RoutingRule::id).toList(), this.messages
						.render(name, source, data, project, candidate.recipient, candidate.severity, candidate.rules),
					decision.notBefore(), decision.digestAt()));
		}
		if (outgoing.isEmpty()) {
			return HandlingOutcome.IGNORED;
		}
		Cause cause = new Cause(event.id(), type);
		UUID alertId = null;
		if (matched.stream().anyMatch(RoutingRule::requiresAcknowledgement)
				&& outgoing.stream().anyMatch((one) -> one.severity() == Severity.CRITICAL)) {
			// Raised before its notifications, so that each can be acknowledged at once.
			alertId = this.escalations.raise(projectId, cause, Messages.title(name, data, project),
					this.messages.link(source, data, project));
		}
		return this.notifications.record(cause, projectId, outgoing, alertId);
	}

	/** The people an audience is on the project, once each. */
	static List<Recipient> audience(List<Audience> audiences, ProjectDirectory project, JsonNode data) {
		List<Recipient> everyone = project.recipients();
		Map<String, Recipient> people = new LinkedHashMap<>();
		for (Audience audience : audiences) {
			if (audience == Audience.SUBJECT) {
				subjects(data, everyone).forEach((person) -> people.putIfAbsent(person.email(), person));
				continue;
			}
			everyone.stream()
				.filter((recipient) -> audience == Audience.TEAM || recipient.role() == audience.role())
				.forEach((recipient) -> people.putIfAbsent(recipient.email(), recipient));
		}
		return List.copyOf(people.values());
	}

	/**
	 * The people an event names: the stakeholders of a new project, a stakeholder added,
	 * an owner. Their role is the one the event gives, else the directory's.
	 */
	static List<Recipient> subjects(JsonNode data, List<Recipient> everyone) {
		List<JsonNode> named = new ArrayList<>();
		data.path("stakeholders").values().forEach(named::add);
		if (data.path("email").isString()) {
			named.add(data);
		}
		if (data.path("owner").path("email").isString()) {
			named.add(data.path("owner"));
		}
		return named.stream().map((person) -> {
			String email = Recipient.normalized(person.path("email").asString(null));
			if (email == null) {
				return null;
			}
			Recipient known = everyone.stream()
				.filter((recipient) -> recipient.email().equals(email))
				.findFirst()
				.orElse(null);
			StakeholderRole role = roleOf(person.path("role").asString(null));
			if (role == null && known != null) {
				role = known.role();
			}
			String name = person.path("name").isString() ? person.path("name").asString()
					: (known != null) ? known.name() : null;
			return new Recipient(email, name, role, (known != null) ? known.organisation() : null,
					known == null || known.receivesReports());
		}).filter(Objects::nonNull).toList();
	}

	private static StakeholderRole roleOf(String name) {
		try {
			return (name != null) ? StakeholderRole.valueOf(name) : null;
		}
		catch (IllegalArgumentException ex) {
			// A role added to the contract after this service was built.
			return StakeholderRole.OTHER;
		}
	}

	/** One person on one channel, with the rules that call for it. */
	private static final class Candidate {

		private final Recipient recipient;

		private final Channel channel;

		private final List<RoutingRule> rules = new ArrayList<>();

		private Severity severity = Severity.INFO;

		Candidate(Recipient recipient, Channel channel) {
			this.recipient = recipient;
			this.channel = channel;
		}

		/** Whether every rule that calls for it wants it in a digest. */
		boolean digest() {
			return this.rules.stream().allMatch(RoutingRule::digest);
		}

		void add(RoutingRule rule) {
			this.rules.add(rule);
			if (rule.severity().atLeast(this.severity)) {
				this.severity = rule.severity();
			}
		}

	}

}
