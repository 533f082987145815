package io.infrapm.project.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ReportAudience;
import io.infrapm.contracts.project.ReportPeriod;
import io.infrapm.contracts.project.StatusReportDrafted;
import io.infrapm.contracts.project.StatusReportPublished;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A status report: drafted from the facts as of a date, completed by the manager, and
 * published once, after which it never changes. A correction is a new edition of the same
 * number that supersedes it. Its own document, as a project's reports grow without bound.
 */
@Document(StatusReport.COLLECTION)
@CompoundIndexes({
		@CompoundIndex(name = "project_number_edition", def = "{'projectId': 1, 'number': 1, 'edition': 1}",
				unique = true),
		@CompoundIndex(name = "project_as_of", def = "{'projectId': 1, 'asOf': -1, 'draftedAt': -1}") })
public class StatusReport extends AggregateRoot {

	/** The collection. */
	public static final String COLLECTION = "status_reports";

	/** The longest summary. */
	public static final int LONGEST_SUMMARY = 8000;

	@Id
	private UUID id;

	private UUID projectId;

	private String code;

	private String name;

	private String number;

	private int edition;

	private UUID supersedes;

	private ReportPeriod period;

	private ReportAudience audience;

	private LocalDate periodStart;

	private LocalDate asOf;

	private ReportFacts facts;

	private Narrative narrative;

	private Status status;

	private String requestKey;

	// The project and the client's key: unique, and absent without a key.
	@Indexed(unique = true, sparse = true)
	private String requestSlot;

	private String requestFingerprint;

	private Instant draftedAt;

	private Actor draftedBy;

	private Instant revisedAt;

	private Actor revisedBy;

	private Instant publishedAt;

	private Actor publishedBy;

	private long revision;

	StatusReport() {
		// for the mapping layer
	}

	/**
	 * A new draft.
	 * @param projectId the project
	 * @param code its code
	 * @param name its name
	 * @param number the report's number, e.g. {@code SR-4}
	 * @param edition 1, or one more than the report it supersedes
	 * @param supersedes the report it corrects, or {@code null}
	 * @param period the time it covers
	 * @param audience whom it is for
	 * @param asOf the day its facts hold for
	 * @param facts the facts as of that day
	 * @param narrative the narrative to start from (a correction's is the corrected
	 * one's)
	 * @param requestKey the client's idempotency key, or {@code null}
	 * @param requestFingerprint the request's fingerprint, or {@code null}
	 * @param scheduled whether the report schedule drafts it
	 * @param actor who drafts it
	 * @param now the current time
	 * @return the draft
	 */
	static StatusReport draft(UUID projectId, String code, String name, String number, int edition, UUID supersedes,
			ReportPeriod period, ReportAudience audience, LocalDate asOf, ReportFacts facts, Narrative narrative,
			String requestKey, String requestFingerprint, boolean scheduled, Actor actor, Instant now) {
		StatusReport report = new StatusReport();
		report.id = UUID.randomUUID();
		report.projectId = projectId;
		report.code = code;
		report.name = name;
		report.number = number;
		report.edition = edition;
		report.supersedes = supersedes;
		report.period = period;
		report.audience = audience;
		report.asOf = asOf;
		report.periodStart = periodStart(period, asOf);
		report.facts = facts;
		report.narrative = narrative;
		report.status = Status.DRAFT;
		report.requestKey = requestKey;
		report.requestSlot = (requestKey != null) ? projectId + "/" + requestKey : null;
		report.requestFingerprint = requestFingerprint;
		report.draftedAt = now;
		report.draftedBy = actor;
		report.revision = 1;
		report.registerEvent(new StatusReportDrafted(projectId, report.id, code, number, edition, period, audience,
				asOf, scheduled, now, actor), projectId, report.id, now);
		return report;
	}

	/**
	 * The first day a report covers.
	 * @param period the period
	 * @param asOf its last day
	 * @return the first
	 */
	public static LocalDate periodStart(ReportPeriod period, LocalDate asOf) {
		return switch (period) {
			case DAILY -> asOf;
			case WEEKLY -> asOf.minusDays(6);
			case MONTHLY -> asOf.minusMonths(1).plusDays(1);
		};
	}

	/**
	 * The last day of the period after a report's.
	 * @param period the period
	 * @param asOf the report's last day
	 * @return the next period's last day
	 */
	public static LocalDate nextPeriodEnd(ReportPeriod period, LocalDate asOf) {
		return switch (period) {
			case DAILY -> asOf.plusDays(1);
			case WEEKLY -> asOf.plusDays(7);
			case MONTHLY -> asOf.plusMonths(1);
		};
	}

	/**
	 * Changes the manager's narrative of a draft.
	 * @param change what changes
	 * @param actor who changes it
	 * @param now the current time
	 */
	public void revise(Narrative.Change change, Actor actor, Instant now) {
		requireDraft("changed");
		this.narrative = this.narrative.with(change);
		touched(actor, now);
		changed("narrative", this.narrative);
	}

	/**
	 * Drafts the facts of a draft again, as they stand now for its date.
	 * @param fresh the facts
	 * @param actor who asks
	 * @param now the current time
	 */
	public void redraft(ReportFacts fresh, Actor actor, Instant now) {
		requireDraft("drafted again");
		this.facts = fresh;
		touched(actor, now);
		changed("facts", fresh);
	}

	/**
	 * Publishes the draft: from now on it is an immutable snapshot, and
	 * {@code StatusReportPublished} carries it to its audience.
	 * @param actor who publishes it
	 * @param now the current time
	 */
	public void publish(Actor actor, Instant now) {
		requireDraft("published again");
		if (this.narrative.summary() == null || this.narrative.summary().isBlank()) {
			throw new RuleViolationException("summary", "a report is published with the manager's summary");
		}
		this.status = Status.PUBLISHED;
		this.publishedAt = now;
		this.publishedBy = actor;
		this.revision++;
		changed("status", Status.PUBLISHED);
		changed("publishedAt", now);
		changed("publishedBy", actor);
		changed("revision", this.revision);
		ReportFacts f = this.facts;
		registerEvent(new StatusReportPublished(this.projectId, this.id, this.code, this.name, this.number,
				this.edition, this.supersedes, this.period, this.audience, this.periodStart, this.asOf, f.health(),
				this.narrative.summary(), this.narrative.accomplishments(), this.narrative.nextSteps(),
				this.narrative.decisionsRequested(), f.milestonesCompleted(), f.milestonesDue(), f.milestonesMissed(),
				f.changeRequests(), f.outages(), f.serviceBreaches(), f.budget(), f.risks(), f.issues(), now, actor),
				this.projectId, this.id, now);
	}

	private void requireDraft(String what) {
		if (this.status == Status.PUBLISHED) {
			throw new ConflictException("status", "report " + this.number + " edition " + this.edition
					+ " is published and cannot be " + what + "; draft a correction that supersedes it");
		}
	}

	private void touched(Actor actor, Instant now) {
		this.revisedAt = now;
		this.revisedBy = actor;
		this.revision++;
		changed("revisedAt", now);
		changed("revisedBy", actor);
		changed("revision", this.revision);
	}

	public UUID id() {
		return this.id;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public String code() {
		return this.code;
	}

	public String name() {
		return this.name;
	}

	public String number() {
		return this.number;
	}

	public int edition() {
		return this.edition;
	}

	public UUID supersedes() {
		return this.supersedes;
	}

	public ReportPeriod period() {
		return this.period;
	}

	public ReportAudience audience() {
		return this.audience;
	}

	public LocalDate periodStart() {
		return this.periodStart;
	}

	public LocalDate asOf() {
		return this.asOf;
	}

	public ReportFacts facts() {
		return this.facts;
	}

	public Narrative narrative() {
		return this.narrative;
	}

	public Status status() {
		return this.status;
	}

	String requestKey() {
		return this.requestKey;
	}

	String requestFingerprint() {
		return this.requestFingerprint;
	}

	public Instant draftedAt() {
		return this.draftedAt;
	}

	public Actor draftedBy() {
		return this.draftedBy;
	}

	public Instant revisedAt() {
		return this.revisedAt;
	}

	public Actor revisedBy() {
		return this.revisedBy;
	}

	public Instant publishedAt() {
		return this.publishedAt;
	}

	public Actor publishedBy() {
		return this.publishedBy;
	}

	/**
	 * The report's own revision, its ETag: one more with every change of a draft and with
	 * its publication.
	 * @return the revision
	 */
	public long revision() {
		return this.revision;
	}

	/** Where a report stands. */
	public enum Status {

		/** Being written; the facts may be drafted again. */
		DRAFT,

		/** Published: immutable. */
		PUBLISHED

	}

}
