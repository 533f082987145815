package io.infrapm.risk.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.Person;
import io.infrapm.contracts.risk.IssueRaised;
import io.infrapm.contracts.risk.IssueResolved;
import io.infrapm.contracts.risk.IssueSeverity;
import io.infrapm.contracts.risk.RiskCategory;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An issue of a project's register: a problem that is happening, with its severity,
 * owner, due date and, once resolved, its resolution. Raised directly, or by a risk that
 * occurred, which it then names.
 */
@Document("issues")
public class Issue extends AggregateRoot {

	@Id
	private UUID id;

	@Indexed
	private UUID projectId;

	private String number;

	private String title;

	private String description;

	private RiskCategory category;

	private IssueSeverity severity;

	private Person owner;

	private LocalDate dueDate;

	private UUID riskId;

	private boolean resolved;

	private String resolution;

	private Instant raisedAt;

	private Actor raisedBy;

	private Instant resolvedAt;

	private Actor resolvedBy;

	Issue() {
		// for the mapping layer
	}

	/**
	 * A new issue, without its event: for one a risk's occurrence raises, whose
	 * {@code IssueRaised} the risk publishes in the same write as its own change.
	 * @param id its id
	 * @param projectId the project
	 * @param number its number in the register
	 * @param details what it is
	 * @param riskId the risk it comes from, or {@code null}
	 * @param actor who raises it
	 * @param now when
	 * @return the issue
	 */
	static Issue of(UUID id, UUID projectId, String number, Details details, UUID riskId, Actor actor, Instant now) {
		if (details.title() == null || details.title().isBlank()) {
			throw new RuleViolationException("title", "an issue says in a line what happens");
		}
		Issue issue = new Issue();
		issue.id = Objects.requireNonNull(id, "id");
		issue.projectId = Objects.requireNonNull(projectId, "projectId");
		issue.number = number;
		issue.title = details.title().strip();
		issue.description = (details.description() != null && !details.description().isBlank())
				? details.description().strip() : null;
		issue.category = Objects.requireNonNull(details.category(), "category");
		issue.severity = Objects.requireNonNull(details.severity(), "severity");
		issue.owner = details.owner();
		issue.dueDate = details.dueDate();
		issue.riskId = riskId;
		issue.raisedAt = now;
		issue.raisedBy = actor;
		return issue;
	}

	/**
	 * Raises an issue directly, with its event.
	 * @param id its id
	 * @param projectId the project
	 * @param number its number in the register
	 * @param details what it is
	 * @param actor who raises it
	 * @param now when
	 * @return the issue
	 */
	static Issue raise(UUID id, UUID projectId, String number, Details details, Actor actor, Instant now) {
		Issue issue = of(id, projectId, number, details, null, actor, now);
		issue.registerEvent(issue.raised(), projectId, id, now);
		return issue;
	}

	/**
	 * The event that announces the issue.
	 * @return {@code IssueRaised}
	 */
	IssueRaised raised() {
		return new IssueRaised(this.projectId, this.id, this.number, this.title, this.description, this.category,
				this.severity, this.owner, this.dueDate, this.riskId, this.raisedAt, this.raisedBy);
	}

	/**
	 * Resolves the issue, once.
	 * @param resolution how
	 * @param actor who
	 * @param now when
	 */
	void resolve(String resolution, Actor actor, Instant now) {
		if (this.resolved) {
			throw new ConflictException(null, "issue " + this.number + " was resolved already: " + this.resolution);
		}
		this.resolved = true;
		this.resolution = resolution.strip();
		this.resolvedAt = now;
		this.resolvedBy = actor;
		changed("resolved", true);
		changed("resolution", this.resolution);
		changed("resolvedAt", now);
		changed("resolvedBy", actor);
		registerEvent(new IssueResolved(this.projectId, this.id, this.number, this.resolution, now, actor),
				this.projectId, this.id, now);
	}

	public UUID id() {
		return this.id;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public String number() {
		return this.number;
	}

	public String title() {
		return this.title;
	}

	public String description() {
		return this.description;
	}

	public RiskCategory category() {
		return this.category;
	}

	public IssueSeverity severity() {
		return this.severity;
	}

	public Person owner() {
		return this.owner;
	}

	public LocalDate dueDate() {
		return this.dueDate;
	}

	public UUID riskId() {
		return this.riskId;
	}

	public boolean resolved() {
		return this.resolved;
	}

	public String resolution() {
		return this.resolution;
	}

	public Instant raisedAt() {
		return this.raisedAt;
	}

	public Actor raisedBy() {
		return this.raisedBy;
	}

	public Instant resolvedAt() {
		return this.resolvedAt;
	}

	public Actor resolvedBy() {
		return this.resolvedBy;
	}

	/**
	 * What an issue is.
	 *
	 * @param title what happens, in a line
	 * @param description in full, or {@code null}
	 * @param category what it hurts
	 * @param severity how much
	 * @param owner who resolves it, or {@code null}
	 * @param dueDate by when, or {@code null}
	 */
	public record Details(String title, String description, RiskCategory category, IssueSeverity severity, Person owner,
			LocalDate dueDate) {
	}

}
