package io.infrapm.project.portfolio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.project.ChangeWindowKind;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.PlatformRole;

import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The change calendar: maintenance windows and change freezes for one project (set by its
 * manager) or for every project (set by a portfolio manager, as a change advisory board
 * would). Everyone reads the windows for every project; a project's own windows are read
 * by its members. Scheduling or cancelling a window has the date watch look again at the
 * cutovers it applies to; a cutover planned or moved afterwards is checked against the
 * calendar in the same write.
 */
@Service
public class ChangeCalendarService {

	/** The longest one occurrence of a window lasts. */
	static final Duration MAX_OCCURRENCE = Duration.ofDays(366);

	/** The longest a weekly window repeats. */
	static final int MAX_REPEAT_YEARS = 5;

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final ProjectWrites writes;

	private final ChangeCalendars calendars;

	private final Clock clock;

	ChangeCalendarService(MongoOperations mongo, Aggregates aggregates, ProjectWrites writes, ChangeCalendars calendars,
			Clock clock) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.writes = writes;
		this.calendars = calendars;
		this.clock = clock;
	}

	/**
	 * Puts a window on the calendar, once per idempotency key and caller.
	 * @param definition the window
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller a portfolio manager (every project) or the project's manager
	 * @return the window and whether an earlier request with the key scheduled it
	 */
	public Scheduled schedule(ChangeWindow.Definition definition, String idempotencyKey, Caller caller) {
		requireMayChange(definition.projectId(), caller);
		check(definition);
		ClientRequest request = ClientRequest.of(idempotencyKey, definition, caller);
		// A key makes the id: a retry inserts the same window again and finds it there.
		UUID id = (request != null)
				? UUID.nameUUIDFromBytes(
						("change-window:" + caller.subject() + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
				: UUID.randomUUID();
		ChangeWindow window = ChangeWindow.schedule(id, definition, request, caller.actor(), this.clock.instant());
		try {
			ChangeWindow inserted = this.aggregates.insert(window);
			this.calendars.apply(inserted);
			return new Scheduled(inserted, false);
		}
		catch (DuplicateKeyException ex) {
			ChangeWindow earlier = this.mongo.findById(window.id(), ChangeWindow.class);
			ClientRequest.earlier(request, List.of(earlier), ChangeWindow::request, "window");
			return new Scheduled(earlier, true);
		}
	}

	/**
	 * Takes a window off the calendar.
	 * @param windowId the window
	 * @param reason why
	 * @param caller as for scheduling it
	 * @return the window after the change
	 */
	public ChangeWindow cancel(UUID windowId, String reason, Caller caller) {
		ChangeWindow window = window(windowId, caller);
		requireMayChange(window.projectId(), caller);
		window.cancel(reason, caller.actor(), this.clock.instant());
		ChangeWindow cancelled = this.aggregates.update(window);
		this.calendars.apply(cancelled);
		return cancelled;
	}

	/**
	 * One window the caller may see.
	 * @param windowId the window
	 * @param caller anyone for a window of every project, a member for a project's own
	 * @return the window
	 */
	public ChangeWindow window(UUID windowId, Caller caller) {
		ChangeWindow window = this.mongo.findById(windowId, ChangeWindow.class);
		if (window == null) {
			throw new NotFoundException(null, "no change window " + windowId);
		}
		if (window.projectId() != null) {
			try {
				this.writes.read(window.projectId(), caller);
			}
			catch (NotFoundException ex) {
				throw new NotFoundException(null, "no change window " + windowId);
			}
		}
		return window;
	}

	/**
	 * The windows that apply to a project (its own and those for every project), or those
	 * for every project.
	 * @param projectId the project, or {@code null}
	 * @param kind only this kind, or {@code null}
	 * @param includeCancelled whether cancelled windows are listed too
	 * @param caller a member of the project, or anyone without one
	 * @return the windows by start
	 */
	public List<ChangeWindow> windows(UUID projectId, ChangeWindowKind kind, boolean includeCancelled, Caller caller) {
		Criteria scope = Criteria.where("projectId").is(null);
		if (projectId != null) {
			this.writes.read(projectId, caller);
			scope = new Criteria().orOperator(Criteria.where("projectId").is(projectId),
					Criteria.where("projectId").is(null));
		}
		Criteria criteria = new Criteria().andOperator(scope,
				(kind != null) ? Criteria.where("kind").is(kind) : new Criteria(),
				includeCancelled ? new Criteria() : Criteria.where("cancelled").is(false));
		return this.mongo.find(Query.query(criteria), ChangeWindow.class)
			.stream()
			.sorted(Comparator.comparing(ChangeWindow::startInstant))
			.toList();
	}

	private void requireMayChange(UUID projectId, Caller caller) {
		if (projectId == null) {
			if (!caller.has(PlatformRole.PORTFOLIO_MANAGER)) {
				throw new ForbiddenException(null,
						"only a portfolio manager puts windows for every project on the change calendar");
			}
			return;
		}
		this.writes.read(projectId, caller).access().requireManage();
	}

	private static void check(ChangeWindow.Definition d) {
		if (!d.end().isAfter(d.start())) {
			throw new RuleViolationException("end", "must be after start");
		}
		Instant start = d.start().atZone(d.timeZone()).toInstant();
		Instant end = d.end().atZone(d.timeZone()).toInstant();
		if (Duration.between(start, end).compareTo(MAX_OCCURRENCE) > 0) {
			throw new RuleViolationException("end", "must be at most 366 days after start");
		}
		if (d.repeatsWeeklyUntil() != null) {
			if (Duration.between(start, end).compareTo(Duration.ofDays(7)) > 0) {
				throw new RuleViolationException("end", "a weekly window lasts at most 7 days");
			}
			if (d.repeatsWeeklyUntil().isBefore(d.start().toLocalDate())) {
				throw new RuleViolationException("repeatsWeeklyUntil", "must not be before start");
			}
			if (d.repeatsWeeklyUntil().isAfter(d.start().toLocalDate().plusYears(MAX_REPEAT_YEARS))) {
				throw new RuleViolationException("repeatsWeeklyUntil",
						"must be at most " + MAX_REPEAT_YEARS + " years after start");
			}
		}
	}

	/**
	 * The outcome of scheduling a window.
	 *
	 * @param window the window
	 * @param replayed whether an earlier request with the key scheduled it
	 */
	public record Scheduled(ChangeWindow window, boolean replayed) {
	}

}
