package io.infrapm.notification.routing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.notification.routing.Condition.Operator;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.PreconditionFailedException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;
import io.infrapm.platform.web.ETags;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The routing rules: the built-in defaults, seeded once, and those a portfolio manager
 * adds. Everybody may read them, so that anyone can see why they were told; only a
 * portfolio manager changes them, under the version last read. The router reads the
 * enabled ones from a copy at most {@link RoutingSettings#ruleRefresh()} old, so a change
 * on another instance applies within that time.
 */
@Service
public class RoutingRules {

	private static final Actor SYSTEM = Actor.service("notification-service");

	private static final List<Channel> EMAIL_AND_FEED = List.of(Channel.EMAIL, Channel.IN_APP);

	/** The built-in rules, by id, as they are seeded. */
	public static final List<Default> DEFAULTS = List.of(
			new Default("welcome",
					new RoutingRule.Spec("Welcome", "Tells each stakeholder they were added to a project",
							List.of("ProjectCreated", "StakeholderAdded"), List.of(), Severity.INFO,
							List.of(Audience.SUBJECT), EMAIL_AND_FEED, true, false, false)),
			new Default("critical-milestone-missed",
					new RoutingRule.Spec("Critical milestone missed", "A critical milestone passed its due date undone",
							List.of("MilestoneMissed"), List.of(new Condition("critical", Operator.EQUALS, "true")),
							Severity.CRITICAL, List.of(Audience.PROJECT_MANAGER, Audience.SPONSOR), EMAIL_AND_FEED,
							true, true, false)),
			new Default("risk-escalated",
					new RoutingRule.Spec("Risk escalated", "A risk was escalated beyond the project team",
							List.of("RiskEscalated"), List.of(), Severity.CRITICAL,
							List.of(Audience.PROJECT_MANAGER, Audience.SPONSOR), EMAIL_AND_FEED, true, true, false)),
			new Default("risk-escalated-to-steering-committee",
					new RoutingRule.Spec("Risk escalated to the steering committee",
							"The steering committee hears of the risks escalated to it", List.of("RiskEscalated"),
							List.of(new Condition("level", Operator.EQUALS, "STEERING_COMMITTEE")), Severity.CRITICAL,
							List.of(Audience.STEERING_COMMITTEE), EMAIL_AND_FEED, true, true, false)),
			new Default("budget-threshold-90",
					new RoutingRule.Spec("Budget 90 % consumed", "Actual costs crossed 90 % or more of the budget",
							List.of("BudgetThresholdCrossed"),
							List.of(new Condition("thresholdPercent", Operator.AT_LEAST, "90")), Severity.CRITICAL,
							List.of(Audience.PROJECT_MANAGER, Audience.SPONSOR), EMAIL_AND_FEED, true, true, false)),
			new Default("budget-threshold", new RoutingRule.Spec("Budget threshold crossed",
					"Actual costs crossed a threshold below 90 % of the budget", List.of("BudgetThresholdCrossed"),
					List.of(new Condition("thresholdPercent", Operator.AT_MOST, "89")), Severity.WARNING,
					List.of(Audience.PROJECT_MANAGER, Audience.FINANCE), EMAIL_AND_FEED, true, false, false)),
			new Default("unplanned-outage",
					new RoutingRule.Spec("Unplanned outage", "A service the project touches went down unplanned",
							List.of("OutageRecorded"), List.of(new Condition("planned", Operator.EQUALS, "false")),
							Severity.CRITICAL, List.of(Audience.PROJECT_MANAGER, Audience.SPONSOR), EMAIL_AND_FEED,
							true, true, false)),
			new Default("project-health-red",
					new RoutingRule.Spec("Project health turned red",
							"The computed health of a project turned red overall, with the reasons",
							List.of("ProjectHealthChanged"),
							List.of(new Condition("overall", Operator.EQUALS, "RED"),
									new Condition("previousOverall", Operator.NOT_EQUALS, "RED")),
							Severity.CRITICAL, List.of(Audience.PROJECT_MANAGER, Audience.SPONSOR), EMAIL_AND_FEED,
							true, true, false)),
			new Default("status-report-drafted", new RoutingRule.Spec("Status report drafted on schedule",
					"The project's report schedule drafted a report for its manager to complete and publish",
					List.of("StatusReportDrafted"), List.of(new Condition("scheduled", Operator.EQUALS, "true")),
					Severity.INFO, List.of(Audience.PROJECT_MANAGER), EMAIL_AND_FEED, true, false, false)),
			new Default("status-report-team", new RoutingRule.Spec("Status report for the team",
					"A published team report reaches every stakeholder who receives reports",
					List.of("StatusReportPublished"), List.of(new Condition("audience", Operator.EQUALS, "TEAM")),
					Severity.INFO, List.of(Audience.TEAM), EMAIL_AND_FEED, true, false, false)),
			new Default("status-report-steering-committee",
					new RoutingRule.Spec("Status report for the steering committee",
							"A published steering committee report reaches the committee and the sponsor",
							List.of("StatusReportPublished"),
							List.of(new Condition("audience", Operator.EQUALS, "STEERING_COMMITTEE")), Severity.INFO,
							List.of(Audience.STEERING_COMMITTEE, Audience.SPONSOR), EMAIL_AND_FEED, true, false,
							false)),
			new Default("status-report-executive", new RoutingRule.Spec("Status report for the executives",
					"A published executive report reaches the sponsor and the executives",
					List.of("StatusReportPublished"), List.of(new Condition("audience", Operator.EQUALS, "EXECUTIVE")),
					Severity.INFO, List.of(Audience.SPONSOR, Audience.EXECUTIVE), EMAIL_AND_FEED, true, false, false)),
			new Default("project-team",
					new RoutingRule.Spec("Project news for the team",
							"Everything that happens on a project, in the team's feed", List.of("project.*"), List.of(),
							Severity.INFO, List.of(Audience.TEAM), List.of(Channel.IN_APP), true, false, false)),
			new Default("risk-team", new RoutingRule.Spec("Risk register news for the team",
					"Everything that happens in a project's RAID register, in the team's feed", List.of("risk.*"),
					List.of(), Severity.INFO, List.of(Audience.TEAM), List.of(Channel.IN_APP), true, false, false)),
			new Default("budget-holders",
					new RoutingRule.Spec("Budget news for those who hold it",
							"Budget events reach only the manager, the sponsor and finance, never vendors or engineers",
							List.of("budget.*"), List.of(), Severity.INFO,
							List.of(Audience.PROJECT_MANAGER, Audience.SPONSOR, Audience.FINANCE),
							List.of(Channel.IN_APP), true, false, false)));

	private final MongoOperations mongo;

	private final Clock clock;

	private final Duration refresh;

	private volatile Snapshot snapshot;

	RoutingRules(MongoOperations mongo, Clock clock, RoutingSettings settings) {
		this.mongo = mongo;
		this.clock = clock;
		this.refresh = settings.ruleRefresh();
	}

	/**
	 * The enabled rules an event calls for.
	 * @param name the event's logical name
	 * @param source its source
	 * @param data its data
	 * @return the rules, in id order
	 */
	public List<RoutingRule> matching(String name, String source, JsonNode data) {
		return current().stream().filter((rule) -> rule.appliesTo(name, source, data)).toList();
	}

	private List<RoutingRule> current() {
		Snapshot seen = this.snapshot;
		long now = System.nanoTime();
		if (seen != null && now - seen.loadedAt() < this.refresh.toNanos()) {
			return seen.rules();
		}
		if (seen == null) {
			seed();
		}
		List<RoutingRule> rules = this.mongo.find(Query.query(Criteria.where("enabled").is(true)).with(Sort.by("_id")),
				RoutingRule.class);
		this.snapshot = new Snapshot(now, rules);
		return rules;
	}

	/** Inserts each built-in rule once; one changed or disabled since stays as it is. */
	void seed() {
		Instant now = this.clock.instant();
		for (Default rule : DEFAULTS) {
			EventIdempotency.insertOnce(this.mongo,
					new RoutingRule(rule.id(), rule.spec(), true, 0, now, SYSTEM, now, SYSTEM));
		}
	}

	/**
	 * A page of all rules, by id.
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	public Page<RoutingRule> page(int page, int size) {
		seedOnce();
		Query all = new Query();
		long total = this.mongo.count(all, RoutingRule.class);
		List<RoutingRule> rules = this.mongo.find(all.with(PageRequest.of(page, size, Sort.by("_id"))),
				RoutingRule.class);
		return new PageImpl<>(rules, PageRequest.of(page, size), total);
	}

	/**
	 * One rule.
	 * @param id its id
	 * @return the rule
	 * @throws NotFoundException if there is none
	 */
	public RoutingRule get(String id) {
		seedOnce();
		RoutingRule rule = this.mongo.findById(id, RoutingRule.class);
		if (rule == null) {
			throw new NotFoundException("ruleId", "no routing rule " + id);
		}
		return rule;
	}

	/**
	 * Adds a rule; with an idempotency key, once.
	 * @param spec what it says
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller a portfolio manager
	 * @return the rule, and whether it was there already
	 */
	public Added add(RoutingRule.Spec spec, String idempotencyKey, Caller caller) {
		authorise(caller);
		validate(spec);
		String id = (idempotencyKey != null) ? UUID
			.nameUUIDFromBytes(
					("routing-rule/" + caller.subject() + "/" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
			.toString() : UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		RoutingRule rule = new RoutingRule(id, spec, false, 0, now, caller.actor(), now, caller.actor());
		try {
			this.mongo.insert(rule);
		}
		catch (DuplicateKeyException ex) {
			return new Added(get(id), true);
		}
		this.snapshot = null;
		return new Added(rule, false);
	}

	/**
	 * Replaces what a rule says, under the version last read.
	 * @param id the rule
	 * @param ifMatch the ETag last read
	 * @param spec what it says now
	 * @param caller a portfolio manager
	 * @return the rule
	 */
	public RoutingRule replace(String id, String ifMatch, RoutingRule.Spec spec, Caller caller) {
		authorise(caller);
		RoutingRule current = get(id);
		long version = ETags.requireCurrent(ifMatch, current.version());
		validate(spec);
		RoutingRule changed = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("version").is(version)),
				new Update().set("name", spec.name())
					.set("description", spec.description())
					.set("eventTypes", spec.eventTypes())
					.set("conditions", spec.conditions())
					.set("severity", spec.severity())
					.set("audience", spec.audience())
					.set("channels", spec.channels())
					.set("enabled", spec.enabled())
					.set("requiresAcknowledgement", spec.requiresAcknowledgement())
					.set("digest", spec.digest())
					.set("version", version + 1)
					.set("updatedAt", this.clock.instant())
					.set("updatedBy", caller.actor()),
				FindAndModifyOptions.options().returnNew(true), RoutingRule.class);
		if (changed == null) {
			throw stale(version);
		}
		this.snapshot = null;
		return changed;
	}

	/**
	 * Deletes a rule that is not built in, under the version last read.
	 * @param id the rule
	 * @param ifMatch the ETag last read
	 * @param caller a portfolio manager
	 */
	public void delete(String id, String ifMatch, Caller caller) {
		authorise(caller);
		RoutingRule current = get(id);
		long version = ETags.requireCurrent(ifMatch, current.version());
		if (current.builtIn()) {
			throw new ConflictException("ruleId",
					"built-in rule " + id + " cannot be deleted; disable it instead (enabled: false)");
		}
		if (this.mongo.findAndRemove(Query.query(Criteria.where("_id").is(id).and("version").is(version)),
				RoutingRule.class) == null) {
			throw stale(version);
		}
		this.snapshot = null;
	}

	private void seedOnce() {
		if (this.snapshot == null) {
			current();
		}
	}

	private static PreconditionFailedException stale(long version) {
		return new PreconditionFailedException("If-Match",
				"version " + version + " was changed meanwhile; fetch the rule again and reapply your change");
	}

	private static void authorise(Caller caller) {
		if (!caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
			throw new ForbiddenException("ruleId", "only a portfolio manager may change routing rules");
		}
	}

	/**
	 * What the annotations of a request cannot check: that every event name is known,
	 * every condition names a field those events have and compares numbers with a number,
	 * and every channel is one a rule can address.
	 */
	static void validate(RoutingRule.Spec spec) {
		List<Class<? extends Record>> named = new ArrayList<>();
		for (int i = 0; i < spec.eventTypes().size(); i++) {
			String name = spec.eventTypes().get(i);
			if (!EventNames.isKnown(name)) {
				throw new RuleViolationException("eventTypes[" + i + "]", "'" + name
						+ "' is no event this service routes; name one such as MilestoneMissed, or project.*, risk.*, budget.*");
			}
			EventNames.recordOf(name).ifPresent(named::add);
		}
		for (int i = 0; i < spec.conditions().size(); i++) {
			Condition condition = spec.conditions().get(i);
			String top = condition.field().split("\\.")[0];
			for (Class<? extends Record> type : named) {
				boolean has = java.util.Arrays.stream(type.getRecordComponents())
					.anyMatch((component) -> component.getName().equals(top));
				if (!has) {
					throw new RuleViolationException("conditions[" + i + "].field",
							"'" + top + "' is not a field of " + type.getSimpleName());
				}
			}
			if (condition.operator() == Operator.AT_LEAST || condition.operator() == Operator.AT_MOST) {
				try {
					new java.math.BigDecimal(condition.value().strip());
				}
				catch (NumberFormatException ex) {
					throw new RuleViolationException("conditions[" + i + "].value", "'" + condition.value()
							+ "' is not a number, and " + condition.operator() + " compares numbers");
				}
			}
		}
		if (spec.requiresAcknowledgement() && spec.severity() != Severity.CRITICAL) {
			throw new RuleViolationException("requiresAcknowledgement",
					"only CRITICAL notifications are acknowledged and escalated, not " + spec.severity());
		}
		if (spec.digest() && spec.severity() == Severity.CRITICAL) {
			throw new RuleViolationException("digest", "a CRITICAL notification never waits for a digest");
		}
		for (int i = 0; i < spec.channels().size(); i++) {
			if (spec.channels().get(i) == Channel.WEBHOOK) {
				throw new RuleViolationException("channels[" + i + "]",
						"webhooks are subscribed to, not routed to people; use EMAIL or IN_APP");
			}
		}
	}

	/**
	 * A built-in rule.
	 *
	 * @param id its fixed id
	 * @param spec what it says when seeded
	 */
	public record Default(String id, RoutingRule.Spec spec) {
	}

	/**
	 * An added rule.
	 *
	 * @param rule the rule
	 * @param replayed {@code true} if the key had added it before
	 */
	public record Added(RoutingRule rule, boolean replayed) {
	}

	private record Snapshot(long loadedAt, List<RoutingRule> rules) {
	}

}
