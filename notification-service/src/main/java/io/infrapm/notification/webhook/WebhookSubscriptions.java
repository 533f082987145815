package io.infrapm.notification.webhook;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.audience.Directory;
import io.infrapm.notification.audience.ProjectDirectory;
import io.infrapm.notification.delivery.Cause;
import io.infrapm.notification.delivery.Message;
import io.infrapm.notification.delivery.Notification;
import io.infrapm.notification.delivery.NotificationStatus;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.delivery.Outgoing;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.notification.routing.EventNames;
import io.infrapm.notification.routing.RoutingSettings;
import io.infrapm.notification.webhook.WebhookSubscription.Status;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.PreconditionFailedException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.ETags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
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
import org.springframework.web.util.HtmlUtils;

/**
 * The webhook subscriptions, and who may do what with them. A project's manager (or a
 * portfolio manager) subscribes to one project's events; only a portfolio manager to
 * every project's. A subscription is seen and changed by its owner, by the managers of
 * its project and by portfolio managers; anyone else is told it does not exist.
 * <p>
 * Its secret is shown once, when it is created or rotated; afterwards it is only used to
 * sign. Deliveries that failed for good, and those held while it was suspended, are sent
 * again by a {@linkplain #redrive re-drive}, which also lifts the suspension.
 */
@Service
public class WebhookSubscriptions {

	private static final Logger log = LoggerFactory.getLogger(WebhookSubscriptions.class);

	/** The cause of the notice that tells an owner their subscription was suspended. */
	static final String SUSPENDED_CAUSE = "io.infrapm.notification.WebhookSubscriptionSuspended";

	private final MongoOperations mongo;

	private final ProjectMemberships memberships;

	private final AddressGuard guard;

	private final Notifications notifications;

	private final Directory directory;

	private final RoutingSettings routing;

	private final Clock clock;

	WebhookSubscriptions(MongoOperations mongo, ProjectMemberships memberships, AddressGuard guard,
			Notifications notifications, Directory directory, RoutingSettings routing, Clock clock) {
		this.mongo = mongo;
		this.memberships = memberships;
		this.guard = guard;
		this.notifications = notifications;
		this.directory = directory;
		this.routing = routing;
		this.clock = clock;
	}

	/**
	 * Subscribes; with an idempotency key, once (a repeat answers the same subscription
	 * and secret to the same caller).
	 * @param projectId the project, or {@code null} for every project
	 * @param spec what it asks for
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the project's manager, or a portfolio manager
	 * @return the subscription with its secret, and whether it was there already
	 */
	public Created create(UUID projectId, WebhookSubscription.Spec spec, String idempotencyKey, Caller caller) {
		if (projectId == null) {
			if (!caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
				throw new ForbiddenException("projectId",
						"only a portfolio manager may subscribe to every project's events; name a projectId");
			}
		}
		else {
			this.memberships.accessOf(projectId, caller).requireManage();
		}
		validate(spec);
		UUID id = (idempotencyKey != null)
				? UUID.nameUUIDFromBytes(
						("webhook/" + caller.subject() + "/" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
				: UUID.randomUUID();
		WebhookSubscription subscription = new WebhookSubscription(id, projectId, spec,
				WebhookSignature.generateSecret(), caller.actor(), this.clock.instant());
		try {
			this.mongo.insert(subscription);
		}
		catch (DuplicateKeyException ex) {
			WebhookSubscription earlier = this.mongo.findById(id, WebhookSubscription.class);
			return new Created(earlier, earlier.secret(), true);
		}
		return new Created(subscription, subscription.secret(), false);
	}

	/**
	 * The subscriptions a caller may see, oldest first.
	 * @param projectId only this project's (every-project subscriptions excluded), or
	 * {@code null}
	 * @param caller the caller
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<WebhookSubscription> page(UUID projectId, Caller caller, int page, int size) {
		Criteria criteria;
		if (caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
			criteria = (projectId != null) ? Criteria.where("projectId").is(projectId) : new Criteria();
		}
		else {
			List<UUID> managed = (projectId != null)
					? (this.memberships.accessOf(projectId, caller).manage() ? List.of(projectId) : List.of())
					: this.memberships.projectsOf(caller, ProjectAccess::manage);
			List<Criteria> visible = new ArrayList<>();
			visible.add(Criteria.where("projectId").in(managed));
			if (caller.email() != null) {
				Criteria own = Criteria.where("owner.email").is(caller.email());
				visible.add((projectId != null) ? own.and("projectId").is(projectId) : own);
			}
			criteria = new Criteria().orOperator(visible);
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, WebhookSubscription.class);
		List<WebhookSubscription> items = this.mongo.find(
				query.with(PageRequest.of(page, size, Sort.by("createdAt").and(Sort.by("_id")))),
				WebhookSubscription.class);
		return new PageImpl<>(items, PageRequest.of(page, size), total);
	}

	/**
	 * One subscription the caller may see.
	 * @param id the subscription
	 * @param caller the caller
	 * @return the subscription
	 * @throws NotFoundException if there is none, or the caller may not see it
	 */
	public WebhookSubscription get(UUID id, Caller caller) {
		WebhookSubscription subscription = this.mongo.findById(id, WebhookSubscription.class);
		if (subscription == null || !visibleTo(subscription, caller)) {
			throw notFound(id);
		}
		return subscription;
	}

	/**
	 * Changes what a subscription asks for, under the version last read. Deliveries
	 * waiting already go to the new URL.
	 * @param id the subscription
	 * @param ifMatch the ETag last read
	 * @param spec what it asks for now
	 * @param caller who may see it
	 * @return the subscription
	 */
	public WebhookSubscription replace(UUID id, String ifMatch, WebhookSubscription.Spec spec, Caller caller) {
		WebhookSubscription current = get(id, caller);
		long version = ETags.requireCurrent(ifMatch, current.version());
		validate(spec);
		return changed(id, version,
				new Update().set("url", spec.url().toString())
					.set("description", spec.description())
					.set("eventTypes", List.copyOf(spec.eventTypes())),
				caller);
	}

	/**
	 * Gives a subscription a new secret, shown once; every attempt from now on is signed
	 * with it, those of deliveries waiting already included.
	 * @param id the subscription
	 * @param ifMatch the ETag last read
	 * @param caller who may see it
	 * @return the subscription with its new secret
	 */
	public Created rotateSecret(UUID id, String ifMatch, Caller caller) {
		WebhookSubscription current = get(id, caller);
		long version = ETags.requireCurrent(ifMatch, current.version());
		String secret = WebhookSignature.generateSecret();
		return new Created(changed(id, version, new Update().set("secret", secret), caller), secret, false);
	}

	/**
	 * Deletes a subscription under the version last read. Its deliveries stay in the log;
	 * those still waiting fail, since nobody will take them.
	 * @param id the subscription
	 * @param ifMatch the ETag last read
	 * @param caller who may see it
	 */
	public void delete(UUID id, String ifMatch, Caller caller) {
		WebhookSubscription current = get(id, caller);
		long version = ETags.requireCurrent(ifMatch, current.version());
		if (this.mongo.findAndRemove(Query.query(Criteria.where("_id").is(id).and("version").is(version)),
				WebhookSubscription.class) == null) {
			throw stale(version);
		}
	}

	/**
	 * Lifts a suspension and sends the subscription's failed and held deliveries again
	 * (or just one of them), each with a fresh count of attempts.
	 * @param id the subscription
	 * @param deliveryId one delivery, or {@code null} for all
	 * @param caller who may see it
	 * @return the subscription as it is now, and how many deliveries go out again
	 * @throws NotFoundException if one delivery was named and it is not the
	 * subscription's, or neither failed nor held
	 */
	public Redriven redrive(UUID id, UUID deliveryId, Caller caller) {
		WebhookSubscription subscription = get(id, caller);
		if (subscription.status() == Status.SUSPENDED) {
			// First, so that the deliveries sent again are not held again.
			WebhookSubscription resumed = this.mongo.findAndModify(
					Query.query(Criteria.where("_id").is(id).and("status").is(Status.SUSPENDED)),
					new Update().set("status", Status.ACTIVE)
						.unset("suspendedReason")
						.unset("suspendedAt")
						.set("updatedAt", this.clock.instant())
						.set("updatedBy", caller.actor())
						.inc("version", 1),
					FindAndModifyOptions.options().returnNew(true), WebhookSubscription.class);
			if (resumed != null) {
				subscription = resumed;
			}
		}
		long redriven = this.notifications.redrive(id, deliveryId);
		if (deliveryId != null && redriven == 0) {
			throw new NotFoundException("deliveryId",
					"subscription " + id + " has no failed or held delivery " + deliveryId);
		}
		return new Redriven(this.mongo.findById(id, WebhookSubscription.class), redriven);
	}

	/**
	 * A subscription's deliveries, newest first.
	 * @param id the subscription
	 * @param status only in this state, or {@code null}
	 * @param caller who may see it
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public Page<Notification> deliveries(UUID id, NotificationStatus status, Caller caller, int page, int size) {
		get(id, caller);
		return this.notifications.ofSubscription(id, status, page, size);
	}

	/**
	 * The subscriptions an event goes to: those of its project and those of every
	 * project, that want its type and existed when it occurred (a new subscription is not
	 * sent the past, not even on a replay).
	 * @param name the event's logical name
	 * @param source its source name
	 * @param projectId its project
	 * @param occurred when it occurred
	 * @return the subscriptions, suspended ones included (their deliveries are held)
	 */
	public List<WebhookSubscription> matching(String name, String source, UUID projectId, Instant occurred) {
		return this.mongo
			.find(Query.query(new Criteria()
				.orOperator(Criteria.where("projectId").is(projectId), Criteria.where("projectId").isNull())
				.and("createdAt")
				.lte(occurred)), WebhookSubscription.class)
			.stream()
			.filter((subscription) -> subscription.wants(name, source))
			.toList();
	}

	/**
	 * Tells the owners of suspended subscriptions who have not been told yet, by e-mail
	 * and in their feed: once per suspension (the notice's id comes from the subscription
	 * and the suspension's number).
	 * @return how many owners were told
	 */
	public int tellOwners() {
		int told = 0;
		for (WebhookSubscription subscription : this.mongo
			.find(Query.query(Criteria.where("ownerUntold").is(true)).limit(100), WebhookSubscription.class)) {
			tellOwner(subscription);
			told++;
		}
		return told;
	}

	@EventListener
	void suspended(SubscribedReceivers.Suspended suspended) {
		WebhookSubscription subscription = this.mongo.findById(suspended.subscriptionId(), WebhookSubscription.class);
		if (subscription != null && subscription.ownerUntold()) {
			try {
				tellOwner(subscription);
			}
			catch (RuntimeException ex) {
				log.warn("Telling the owner of suspended webhook subscription {} failed; the next sweep retries",
						subscription.id(), ex);
			}
		}
	}

	private void tellOwner(WebhookSubscription subscription) {
		String owner = subscription.owner().email();
		if (owner != null && subscription.suspendedOn() != null) {
			Cause cause = new Cause(
					EventIdempotency.derivedId(subscription.id(), "suspended/" + subscription.suspensions()),
					SUSPENDED_CAUSE);
			Message message = notice(subscription);
			this.notifications.record(cause, subscription.suspendedOn(),
					List.of(new Outgoing(owner, subscription.owner().name(), Channel.EMAIL, Severity.WARNING, List.of(),
							message, null, null),
							new Outgoing(owner, subscription.owner().name(), Channel.IN_APP, Severity.WARNING,
									List.of(), message, null, null)));
		}
		this.mongo.updateFirst(
				Query.query(
						Criteria.where("_id").is(subscription.id()).and("suspensions").is(subscription.suspensions())),
				new Update().set("ownerUntold", false), WebhookSubscription.class);
	}

	private Message notice(WebhookSubscription subscription) {
		String code = (subscription.projectId() != null)
				? this.directory.of(subscription.projectId()).map(ProjectDirectory::code).orElse("InfraPM") : "InfraPM";
		String link = this.routing.linkBase("notification") + "/api/webhooks/" + subscription.id();
		String title = "Webhook suspended: " + subscription.url();
		List<String> lines = List.of(title,
				"A delivery to this receiver failed on every attempt; the last answer was: "
						+ subscription.suspendedReason(),
				"Events keep being recorded for it and wait; none is lost.",
				"When the receiver is back, re-drive them: POST /api/webhooks/" + subscription.id() + "/redelivery", "",
				"Open: " + link, "", "-- ", "You get this because you own the subscription.", "InfraPM");
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
		html.append("<h2>").append(HtmlUtils.htmlEscape(title)).append("</h2>");
		lines.subList(1, 4).forEach((line) -> html.append("<p>").append(HtmlUtils.htmlEscape(line)).append("</p>"));
		html.append("<p><a href=\"")
			.append(HtmlUtils.htmlEscape(link))
			.append("\">Open the subscription</a></p></body></html>");
		return new Message("[" + code + "] " + title, String.join("\n", lines), html.toString(), link);
	}

	private boolean visibleTo(WebhookSubscription subscription, Caller caller) {
		if (caller.has(PlatformRole.PORTFOLIO_MANAGER) || caller.isAddressedBy(subscription.owner().email())) {
			return true;
		}
		return subscription.projectId() != null && this.memberships.accessOf(subscription.projectId(), caller).manage();
	}

	private WebhookSubscription changed(UUID id, long version, Update update, Caller caller) {
		WebhookSubscription changed = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("version").is(version)),
				update.set("version", version + 1)
					.set("updatedAt", this.clock.instant())
					.set("updatedBy", caller.actor()),
				FindAndModifyOptions.options().returnNew(true), WebhookSubscription.class);
		if (changed == null) {
			throw stale(version);
		}
		return changed;
	}

	/**
	 * What the annotations of a request cannot check: an absolute {@code https} (or,
	 * where allowed, {@code http}) URL to a host whose every address may be called, and
	 * event names this service knows.
	 */
	void validate(WebhookSubscription.Spec spec) {
		URI url = spec.url();
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!url.isAbsolute() || url.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
			throw new RuleViolationException("url", "'" + url + "' is no absolute http(s) URL with a host");
		}
		try {
			this.guard.vet(url);
		}
		catch (UnknownHostException ex) {
			throw new RuleViolationException("url", "host '" + url.getHost() + "' does not resolve");
		}
		for (int i = 0; i < spec.eventTypes().size(); i++) {
			String name = spec.eventTypes().get(i);
			if (!EventNames.isKnown(name)) {
				throw new RuleViolationException("eventTypes[" + i + "]", "'" + name
						+ "' is no event this service passes on; name one such as RiskEscalated, or project.*, risk.*, budget.*");
			}
		}
	}

	private static NotFoundException notFound(UUID id) {
		return new NotFoundException("webhookId", "no webhook subscription " + id);
	}

	private static PreconditionFailedException stale(long version) {
		return new PreconditionFailedException("If-Match",
				"version " + version + " was changed meanwhile; fetch the subscription again and reapply your change");
	}

	/**
	 * A subscription just created (or given a new secret), with the secret to show once.
	 *
	 * @param subscription the subscription
	 * @param secret its {@code whsec_} secret
	 * @param replayed {@code true} if the idempotency key had created it before
	 */
	public record Created(WebhookSubscription subscription, String secret, boolean replayed) {
	}

	/**
	 * The outcome of a re-drive.
	 *
	 * @param subscription the subscription, active again
	 * @param deliveries how many deliveries go out again
	 */
	public record Redriven(WebhookSubscription subscription, long deliveries) {
	}

}
