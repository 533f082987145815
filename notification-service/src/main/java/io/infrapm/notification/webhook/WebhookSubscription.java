package io.infrapm.notification.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A receiver's standing order for events: every event of the named types (or of a whole
 * source, {@code risk.*}) that occurs on its project, or on every project, from the
 * moment it was created, is posted to its URL as a CloudEvent, signed with its secret.
 * <p>
 * While {@link Status#ACTIVE}, deliveries are attempted and retried with a growing
 * back-off. When one delivery has used up its attempts the subscription is
 * {@link Status#SUSPENDED}: its owner is told, and every later delivery is kept back
 * ({@code HELD}), not dropped, until someone re-drives them. Every change is made under
 * the version last read.
 */
@Document(WebhookSubscription.COLLECTION)
@CompoundIndex(name = "project", def = "{'projectId': 1, 'createdAt': 1}")
@CompoundIndex(name = "owner", def = "{'owner.email': 1, 'createdAt': 1}")
@CompoundIndex(name = "untold", def = "{'ownerUntold': 1}")
public class WebhookSubscription {

	/** The collection of the subscriptions. */
	public static final String COLLECTION = "webhook_subscriptions";

	/** Whether a subscription's deliveries go out. */
	public enum Status {

		/** Deliveries are attempted. */
		ACTIVE,
		/**
		 * A delivery failed for good; new deliveries are held until the subscription is
		 * re-driven.
		 */
		SUSPENDED

	}

	@Id
	private UUID id;

	private UUID projectId;

	private String url;

	private String description;

	private List<String> eventTypes;

	private String secret;

	private Status status;

	private String suspendedReason;

	private Instant suspendedAt;

	/** The project of the delivery whose failure suspended it. */
	private UUID suspendedOn;

	/** How often it was suspended: numbers the owner's notices. */
	private int suspensions;

	/** Whether its owner is still to be told of its suspension. */
	private boolean ownerUntold;

	private long version;

	private Actor owner;

	private Instant createdAt;

	private Instant updatedAt;

	private Actor updatedBy;

	WebhookSubscription() {
		// for the mapping layer
	}

	WebhookSubscription(UUID id, UUID projectId, Spec spec, String secret, Actor owner, Instant now) {
		this.id = id;
		this.projectId = projectId;
		this.url = spec.url().toString();
		this.description = spec.description();
		this.eventTypes = List.copyOf(spec.eventTypes());
		this.secret = secret;
		this.status = Status.ACTIVE;
		this.owner = owner;
		this.createdAt = now;
		this.updatedAt = now;
		this.updatedBy = owner;
	}

	/**
	 * Whether an event of this name, from this source, is one the subscription asked for.
	 * @param name the logical name, e.g. {@code RiskEscalated}
	 * @param source the source name, e.g. {@code risk}
	 * @return {@code true} if so
	 */
	public boolean wants(String name, String source) {
		return this.eventTypes.contains(name) || this.eventTypes.contains(source + ".*");
	}

	public UUID id() {
		return this.id;
	}

	/**
	 * The project whose events it receives.
	 * @return the project, or {@code null} for every project
	 */
	public UUID projectId() {
		return this.projectId;
	}

	public URI url() {
		return URI.create(this.url);
	}

	public String description() {
		return this.description;
	}

	public List<String> eventTypes() {
		return this.eventTypes;
	}

	String secret() {
		return this.secret;
	}

	public Status status() {
		return this.status;
	}

	public String suspendedReason() {
		return this.suspendedReason;
	}

	public Instant suspendedAt() {
		return this.suspendedAt;
	}

	int suspensions() {
		return this.suspensions;
	}

	UUID suspendedOn() {
		return this.suspendedOn;
	}

	boolean ownerUntold() {
		return this.ownerUntold;
	}

	public long version() {
		return this.version;
	}

	public Actor owner() {
		return this.owner;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

	/**
	 * What a subscription asks for, as its owner may change it.
	 *
	 * @param url where deliveries are posted
	 * @param description what it is for, or {@code null}
	 * @param eventTypes logical event names or source wildcards
	 */
	public record Spec(URI url, String description, List<String> eventTypes) {
	}

}
