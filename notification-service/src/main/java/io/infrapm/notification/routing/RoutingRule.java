package io.infrapm.notification.routing;

import java.time.Instant;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Severity;
import tools.jackson.databind.JsonNode;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Which events reach whom, how urgently, on which channels: an event matches when its
 * name is one of {@link #eventTypes()} (or its source's wildcard) and every condition
 * holds; then every recipient in the audience gets it on every channel. Every matching
 * rule applies; per recipient and channel the strongest severity wins, and the
 * notification names all the rules that called for it.
 * <p>
 * Built-in rules are seeded once ({@link RoutingRules#DEFAULTS}); they may be changed or
 * disabled, not deleted. Every change is made under the version last read.
 */
@Document(RoutingRule.COLLECTION)
public class RoutingRule {

	/** The collection of the rules. */
	public static final String COLLECTION = "routing_rules";

	@Id
	private String id;

	private String name;

	private String description;

	private List<String> eventTypes;

	private List<Condition> conditions;

	private Severity severity;

	private List<Audience> audience;

	private List<Channel> channels;

	private boolean enabled;

	private boolean requiresAcknowledgement;

	private boolean digest;

	private boolean builtIn;

	private long version;

	private Instant createdAt;

	private Actor createdBy;

	private Instant updatedAt;

	private Actor updatedBy;

	RoutingRule() {
		// for the mapping layer
	}

	RoutingRule(String id, Spec spec, boolean builtIn, long version, Instant createdAt, Actor createdBy,
			Instant updatedAt, Actor updatedBy) {
		this.id = id;
		this.name = spec.name();
		this.description = spec.description();
		this.eventTypes = List.copyOf(spec.eventTypes());
		this.conditions = List.copyOf(spec.conditions());
		this.severity = spec.severity();
		this.audience = List.copyOf(spec.audience());
		this.channels = List.copyOf(spec.channels());
		this.enabled = spec.enabled();
		this.requiresAcknowledgement = spec.requiresAcknowledgement();
		this.digest = spec.digest();
		this.builtIn = builtIn;
		this.version = version;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
		this.updatedAt = updatedAt;
		this.updatedBy = updatedBy;
	}

	/**
	 * Whether an event calls for this rule.
	 * @param name the event's logical name
	 * @param source its source ({@code project}, {@code risk}, {@code budget})
	 * @param data its data
	 * @return {@code true} if enabled, named and every condition holds
	 */
	public boolean appliesTo(String name, String source, JsonNode data) {
		return this.enabled && (this.eventTypes.contains(name) || this.eventTypes.contains(source + ".*"))
				&& this.conditions.stream().allMatch((condition) -> condition.matches(data));
	}

	/**
	 * What the rule says, without its identity and history.
	 * @return the spec
	 */
	public Spec spec() {
		return new Spec(this.name, this.description, this.eventTypes, this.conditions, this.severity, this.audience,
				this.channels, this.enabled, this.requiresAcknowledgement, this.digest);
	}

	public String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public Severity severity() {
		return this.severity;
	}

	public List<Audience> audience() {
		return this.audience;
	}

	public List<Channel> channels() {
		return this.channels;
	}

	/**
	 * Whether its e-mails wait for the recipient's digest.
	 * @return {@code true} if so
	 */
	public boolean digest() {
		return this.digest;
	}

	public boolean requiresAcknowledgement() {
		return this.requiresAcknowledgement;
	}

	public boolean builtIn() {
		return this.builtIn;
	}

	public long version() {
		return this.version;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Actor createdBy() {
		return this.createdBy;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

	/**
	 * What a rule says.
	 *
	 * @param name a short name
	 * @param description what it is for, or {@code null}
	 * @param eventTypes logical event names or source wildcards ({@link EventNames})
	 * @param conditions tests on the event's data, all of which must hold
	 * @param severity how urgent its notifications are
	 * @param audience whom it addresses
	 * @param channels on which channels ({@code EMAIL}, {@code IN_APP})
	 * @param enabled whether it applies
	 * @param requiresAcknowledgement whether its critical notifications must be
	 * acknowledged, or climb the escalation ladder
	 * @param digest whether its e-mails wait for the recipient's digest (daily at 08:00
	 * for one who chose none); a critical one never waits
	 */
	public record Spec(String name, String description, List<String> eventTypes, List<Condition> conditions,
			Severity severity, List<Audience> audience, List<Channel> channels, boolean enabled,
			boolean requiresAcknowledgement, boolean digest) {
	}

}
