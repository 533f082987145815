package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ChangeWindowKind;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A maintenance window or change freeze on the change calendar, for one project or for
 * every project, once or weekly. Its times are local to its time zone, so a weekly window
 * keeps its hour across daylight-saving changes. An aggregate of its own: it publishes
 * its events through its own outbox.
 */
@Document("change_windows")
public class ChangeWindow extends AggregateRoot {

	/** The key of events about windows for every project: they are not about one. */
	static final UUID EVERY_PROJECT = new UUID(0, 0);

	@Id
	private UUID id;

	private ChangeWindowKind kind;

	@Indexed
	private UUID projectId;

	private String name;

	private String reason;

	private LocalDateTime start;

	private LocalDateTime end;

	private String timeZone;

	private LocalDate repeatsWeeklyUntil;

	private boolean cancelled;

	private String cancelReason;

	/**
	 * Whether the projects it applies to were marked for the date watch to look at their
	 * cutovers again since it was scheduled or cancelled.
	 */
	@Indexed
	private boolean applied;

	private ClientRequest request;

	private Instant scheduledAt;

	private Actor scheduledBy;

	private Instant cancelledAt;

	private Actor cancelledBy;

	ChangeWindow() {
		// for the mapping layer
	}

	static ChangeWindow schedule(UUID id, Definition definition, ClientRequest request, Actor actor, Instant now) {
		ChangeWindow window = new ChangeWindow();
		window.id = id;
		window.kind = definition.kind();
		window.projectId = definition.projectId();
		window.name = definition.name().strip();
		window.reason = (definition.reason() == null || definition.reason().isBlank()) ? null
				: definition.reason().strip();
		window.start = definition.start();
		window.end = definition.end();
		window.timeZone = definition.timeZone().getId();
		window.repeatsWeeklyUntil = definition.repeatsWeeklyUntil();
		window.request = request;
		window.scheduledAt = now;
		window.scheduledBy = actor;
		window.registerEvent(ProjectEvents.windowScheduled(window), window.key(), window.id, now);
		return window;
	}

	void cancel(String reason, Actor actor, Instant now) {
		if (this.cancelled) {
			throw new ConflictException(null, "'" + this.name + "' was cancelled already");
		}
		this.cancelled = true;
		this.cancelReason = reason.strip();
		this.cancelledAt = now;
		this.cancelledBy = actor;
		this.applied = false;
		changed("cancelled", true);
		changed("cancelReason", this.cancelReason);
		changed("cancelledAt", now);
		changed("cancelledBy", actor);
		changed("applied", false);
		registerEvent(ProjectEvents.windowCancelled(this), key(), this.id, now);
	}

	/** The Kafka key of its events: its project, or {@link #EVERY_PROJECT}. */
	UUID key() {
		return (this.projectId != null) ? this.projectId : EVERY_PROJECT;
	}

	/**
	 * Whether any occurrence overlaps a calendar day, both in the window's local time.
	 * @param day the day
	 * @return whether it does
	 */
	public boolean covers(LocalDate day) {
		LocalDateTime dayStart = day.atStartOfDay();
		LocalDateTime dayEnd = day.plusDays(1).atStartOfDay();
		LocalDateTime start = this.start;
		LocalDateTime end = this.end;
		while (true) {
			if (start.isBefore(dayEnd) && end.isAfter(dayStart)) {
				return true;
			}
			if (this.repeatsWeeklyUntil == null || !start.isBefore(dayEnd)) {
				return false;
			}
			start = start.plusWeeks(1);
			end = end.plusWeeks(1);
			if (start.toLocalDate().isAfter(this.repeatsWeeklyUntil)) {
				return false;
			}
		}
	}

	/**
	 * The window in words, for conflicts.
	 * @return e.g. {@code 'Year-end freeze' (2027-12-15T00:00 to 2028-01-05T00:00,
	 * Europe/Berlin)}
	 */
	String describe() {
		return "'" + this.name + "' (" + this.start + " to " + this.end
				+ ((this.repeatsWeeklyUntil != null) ? ", weekly until " + this.repeatsWeeklyUntil : "") + ", "
				+ this.timeZone + ")";
	}

	public UUID id() {
		return this.id;
	}

	public ChangeWindowKind kind() {
		return this.kind;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public String name() {
		return this.name;
	}

	public String reason() {
		return this.reason;
	}

	public LocalDateTime start() {
		return this.start;
	}

	public LocalDateTime end() {
		return this.end;
	}

	public String timeZone() {
		return this.timeZone;
	}

	/**
	 * When its first occurrence begins.
	 * @return the instant
	 */
	public Instant startInstant() {
		return this.start.atZone(ZoneId.of(this.timeZone)).toInstant();
	}

	/**
	 * When its first occurrence ends.
	 * @return the instant
	 */
	public Instant endInstant() {
		return this.end.atZone(ZoneId.of(this.timeZone)).toInstant();
	}

	public LocalDate repeatsWeeklyUntil() {
		return this.repeatsWeeklyUntil;
	}

	public boolean cancelled() {
		return this.cancelled;
	}

	public String cancelReason() {
		return this.cancelReason;
	}

	boolean applied() {
		return this.applied;
	}

	ClientRequest request() {
		return this.request;
	}

	public Instant scheduledAt() {
		return this.scheduledAt;
	}

	public Actor scheduledBy() {
		return this.scheduledBy;
	}

	public Instant cancelledAt() {
		return this.cancelledAt;
	}

	public Actor cancelledBy() {
		return this.cancelledBy;
	}

	/**
	 * A window as defined.
	 *
	 * @param kind maintenance window or change freeze
	 * @param projectId the project, or {@code null} for every project
	 * @param name its name
	 * @param reason why, or {@code null}
	 * @param start its first occurrence's start, local to its time zone
	 * @param end its first occurrence's end, local to its time zone
	 * @param timeZone its time zone
	 * @param repeatsWeeklyUntil the last day a weekly repetition may begin on, or
	 * {@code null}
	 */
	public record Definition(ChangeWindowKind kind, UUID projectId, String name, String reason, LocalDateTime start,
			LocalDateTime end, ZoneId timeZone, LocalDate repeatsWeeklyUntil) {
	}

}
