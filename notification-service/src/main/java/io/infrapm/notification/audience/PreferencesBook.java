package io.infrapm.notification.audience;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Notifications;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.PreconditionFailedException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;
import io.infrapm.platform.web.ETags;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Reads and changes recipients' preferences. A recipient reads and changes their own (the
 * address of their token); a portfolio manager anyone's. Every change is made under the
 * version last read ({@code If-Match}).
 */
@Service
public class PreferencesBook {

	private final MongoOperations mongo;

	private final Clock clock;

	private final Notifications notifications;

	PreferencesBook(MongoOperations mongo, Clock clock, Notifications notifications) {
		this.mongo = mongo;
		this.clock = clock;
		this.notifications = notifications;
	}

	/**
	 * A recipient's preferences, as the caller may read them.
	 * @param email the recipient
	 * @param caller who asks
	 * @return their preferences, or the defaults if they never chose
	 * @throws ForbiddenException if the caller is neither them nor a portfolio manager
	 */
	public Preferences read(String email, Caller caller) {
		authorise(email, caller, "read");
		return of(email);
	}

	/**
	 * A recipient's preferences, for routing.
	 * @param email the recipient
	 * @return theirs, or the defaults
	 */
	public Preferences of(String email) {
		Preferences stored = this.mongo.findById(Recipient.normalized(email), Preferences.class);
		return (stored != null) ? stored : Preferences.defaults(email);
	}

	/**
	 * The preferences of several recipients at once, for routing one event.
	 * @param emails their addresses
	 * @return by normalized address, the defaults for those who never chose
	 */
	public Map<String, Preferences> ofAll(Collection<String> emails) {
		Set<String> wanted = emails.stream()
			.map(Recipient::normalized)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		Map<String, Preferences> found = this.mongo
			.find(Query.query(Criteria.where("_id").in(wanted)), Preferences.class)
			.stream()
			.collect(Collectors.toMap(Preferences::email, Function.identity()));
		return wanted.stream()
			.collect(Collectors.toMap(Function.identity(),
					(email) -> found.getOrDefault(email, Preferences.defaults(email))));
	}

	/**
	 * Replaces a recipient's preferences under the version last read.
	 * @param email the recipient
	 * @param ifMatch the ETag last read
	 * @param choice the new preferences
	 * @param caller who changes them
	 * @return the stored preferences
	 */
	public Preferences replace(String email, String ifMatch, Choice choice, Caller caller) {
		authorise(email, caller, "change");
		String address = Recipient.normalized(email);
		Preferences current = of(address);
		long version = ETags.requireCurrent(ifMatch, current.version());
		Preferences stored = store(address, version, choice, caller);
		DigestSchedule before = current.digest();
		DigestSchedule after = stored.digest();
		if (!Objects.equals(before, after)) {
			// E-mails already waiting follow the new schedule; with none, they go in
			// one digest at once.
			Instant now = this.clock.instant();
			this.notifications.retimeBatched(address, (after != null) ? after.nextAfter(now) : now);
		}
		return stored;
	}

	private Preferences store(String address, long version, Choice choice, Caller caller) {
		Preferences next = new Preferences(address, choice.channels(), choice.minimumSeverity(), choice.mutedProjects(),
				choice.quietHours(), choice.digest(), version + 1, this.clock.instant(), caller.actor());
		if (version == 0) {
			try {
				this.mongo.insert(next);
				return next;
			}
			catch (DuplicateKeyException ex) {
				throw stale(version);
			}
		}
		Preferences replaced = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(address).and("version").is(version)),
				new Update().set("channels", next.channels())
					.set("minimumSeverity", next.minimumSeverity())
					.set("mutedProjects", next.mutedProjects())
					.set("quietHours", next.quietHours())
					.set("digest", choice.digest())
					.set("version", next.version())
					.set("updatedAt", next.updatedAt())
					.set("updatedBy", next.updatedBy()),
				FindAndModifyOptions.options().returnNew(true), Preferences.class);
		if (replaced == null) {
			throw stale(version);
		}
		return replaced;
	}

	private static PreconditionFailedException stale(long version) {
		return new PreconditionFailedException("If-Match",
				"version " + version + " was changed meanwhile; fetch the preferences again and reapply your change");
	}

	private static void authorise(String email, Caller caller, String what) {
		if (!caller.isAddressedBy(email) && !caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
			throw new ForbiddenException("email",
					"only the recipient or a portfolio manager may " + what + " these preferences");
		}
	}

	/**
	 * Preferences as a recipient chooses them.
	 *
	 * @param channels the channels they want, a non-empty subset of
	 * {@link Preferences#PERSONAL_CHANNELS}
	 * @param minimumSeverity what is less severe is not sent (critical alerts always are)
	 * @param mutedProjects projects they want nothing from but critical alerts
	 * @param quietHours when e-mail that can wait is held, or {@code null}
	 * @param digest when e-mail that can wait is collected into a digest, or {@code null}
	 * for never
	 */
	public record Choice(Set<Channel> channels, Severity minimumSeverity, List<UUID> mutedProjects,
			QuietHours quietHours, DigestSchedule digest) {
	}

}
