package io.infrapm.notification.audience;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Severity;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How one recipient wants to be told: on which channels, from which severity on, of which
 * projects not at all, and when not by e-mail. {@link Severity#CRITICAL} bypasses all of
 * it, and nobody can opt out of it.
 * <p>
 * A recipient who never chose has the {@linkplain #defaults defaults} at version 0; the
 * first stored choice is version 1, so {@code If-Match: "0"} creates it once.
 */
@Document(Preferences.COLLECTION)
public class Preferences {

	/** The collection of stored preferences. */
	public static final String COLLECTION = "recipient_preferences";

	/** The channels a person can be reached on. */
	public static final Set<Channel> PERSONAL_CHANNELS = EnumSet.of(Channel.EMAIL, Channel.IN_APP);

	@Id
	private String email;

	private Set<Channel> channels;

	private Severity minimumSeverity;

	private List<UUID> mutedProjects;

	private QuietHours quietHours;

	private DigestSchedule digest;

	private long version;

	private Instant updatedAt;

	private Actor updatedBy;

	Preferences() {
		// for the mapping layer
	}

	Preferences(String email, Set<Channel> channels, Severity minimumSeverity, List<UUID> mutedProjects,
			QuietHours quietHours, DigestSchedule digest, long version, Instant updatedAt, Actor updatedBy) {
		this.digest = digest;
		this.email = Recipient.normalized(email);
		this.channels = new LinkedHashSet<>(channels);
		this.minimumSeverity = minimumSeverity;
		this.mutedProjects = List.copyOf(mutedProjects);
		this.quietHours = quietHours;
		this.version = version;
		this.updatedAt = updatedAt;
		this.updatedBy = updatedBy;
	}

	/**
	 * What a recipient who never chose gets: e-mail and the feed, everything from
	 * {@code INFO} on, no project muted, no quiet hours.
	 * @param email the recipient
	 * @return the defaults, at version 0
	 */
	public static Preferences defaults(String email) {
		return new Preferences(email, PERSONAL_CHANNELS, Severity.INFO, List.of(), null, null, 0, null, null);
	}

	/**
	 * Whether and when a notification reaches this recipient.
	 * @param projectId the project it concerns
	 * @param channel its channel
	 * @param severity its severity
	 * @param now the time
	 * @return the decision
	 */
	public Decision decide(UUID projectId, Channel channel, Severity severity, Instant now) {
		return decide(projectId, channel, severity, false, now);
	}

	/**
	 * Whether and when a notification reaches this recipient: an e-mail that can wait
	 * goes into their digest if they chose one, or if every rule that sends it asks for a
	 * digest (then daily at 08:00 in their quiet hours' zone, or UTC).
	 * @param projectId the project it concerns
	 * @param channel its channel
	 * @param severity its severity
	 * @param rulesAskForDigest whether the rules that send it want it in a digest
	 * @param now the time
	 * @return the decision
	 */
	public Decision decide(UUID projectId, Channel channel, Severity severity, boolean rulesAskForDigest, Instant now) {
		if (severity == Severity.CRITICAL) {
			return Decision.now();
		}
		if (this.mutedProjects.contains(projectId) || !severity.atLeast(this.minimumSeverity)
				|| !this.channels.contains(channel)) {
			return Decision.dropped();
		}
		DigestSchedule schedule = digestFor(rulesAskForDigest);
		if (channel == Channel.EMAIL && schedule != null) {
			return Decision.inDigest(schedule.nextAfter(now));
		}
		if (channel == Channel.EMAIL && this.quietHours != null && this.quietHours.contains(now)) {
			return Decision.heldUntil(this.quietHours.endAfter(now));
		}
		return Decision.now();
	}

	public String email() {
		return this.email;
	}

	public Set<Channel> channels() {
		return Set.copyOf(this.channels);
	}

	public Severity minimumSeverity() {
		return this.minimumSeverity;
	}

	public List<UUID> mutedProjects() {
		return this.mutedProjects;
	}

	public QuietHours quietHours() {
		return this.quietHours;
	}

	/**
	 * The digest schedule chosen.
	 * @return it, or {@code null} for none (every e-mail by itself)
	 */
	public DigestSchedule digest() {
		return (this.digest != null && this.digest.collects()) ? this.digest : null;
	}

	/**
	 * The digest schedule as chosen, for showing it.
	 * @return it, {@code IMMEDIATE} if none was chosen
	 */
	public DigestSchedule digestSchedule() {
		return (this.digest != null) ? this.digest
				: new DigestSchedule(DigestSchedule.Frequency.IMMEDIATE, null, null, null);
	}

	private DigestSchedule digestFor(boolean rulesAskForDigest) {
		if (digest() != null) {
			return digest();
		}
		if (!rulesAskForDigest) {
			return null;
		}
		return (this.quietHours != null) ? new DigestSchedule(DigestSchedule.Frequency.DAILY,
				DigestSchedule.DAILY_AT_EIGHT_UTC.at(), null, this.quietHours.zone())
				: DigestSchedule.DAILY_AT_EIGHT_UTC;
	}

	public long version() {
		return this.version;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

	/**
	 * Whether a notification goes out, and when.
	 *
	 * @param send {@code false} if the recipient does not want it
	 * @param notBefore when it may go out at the earliest, or {@code null} for at once
	 * @param digestAt the digest it goes out in, or {@code null} for by itself
	 */
	public record Decision(boolean send, Instant notBefore, Instant digestAt) {

		static Decision now() {
			return new Decision(true, null, null);
		}

		static Decision dropped() {
			return new Decision(false, null, null);
		}

		static Decision heldUntil(Instant end) {
			return new Decision(true, end, null);
		}

		static Decision inDigest(Instant at) {
			return new Decision(true, null, at);
		}

	}

}
