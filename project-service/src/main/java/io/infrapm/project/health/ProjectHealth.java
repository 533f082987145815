package io.infrapm.project.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.contracts.project.HealthReason;
import io.infrapm.contracts.project.ProjectHealthChanged;
import io.infrapm.contracts.project.ProjectHealthOverridden;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A project's health: the latest computed assessment and the manual overrides beside it.
 * It publishes {@code ProjectHealthChanged} only when a computed colour changes, with an
 * id derived from the event whose facts changed it, so that facts applied again, or
 * replayed, never publish a second change; a new assessment that keeps every colour only
 * refreshes the findings.
 */
@Document(ProjectHealth.COLLECTION)
public class ProjectHealth extends AggregateRoot {

	/** The collection. */
	public static final String COLLECTION = "project_health";

	/** The longest an override may hold. */
	public static final int LONGEST_OVERRIDE_DAYS = 92;

	@Id
	private UUID projectId;

	private String code;

	private String name;

	private HealthAssessment assessment;

	private Instant assessedAt;

	private Instant changedAt;

	private Map<HealthDimension, ManualColour> overrides = new EnumMap<>(HealthDimension.class);

	private long overridesRevision;

	ProjectHealth() {
		// for the mapping layer
	}

	private ProjectHealth(UUID projectId, String code, String name) {
		this.projectId = projectId;
		this.code = code;
		this.name = name;
	}

	/**
	 * The health of a project never assessed.
	 * @param projectId the project
	 * @param code its code
	 * @param name its name
	 * @return a health with no assessment
	 */
	public static ProjectHealth of(UUID projectId, String code, String name) {
		return new ProjectHealth(projectId, code, name);
	}

	/**
	 * Takes a new assessment.
	 * @param fresh the assessment
	 * @param code the project's code now
	 * @param name the project's name now
	 * @param cause the event whose facts led to it
	 * @param now the current time
	 * @return whether a colour changed (and {@code ProjectHealthChanged} was registered)
	 */
	public boolean reassess(HealthAssessment fresh, String code, String name, Cause cause, Instant now) {
		HealthAssessment previous = this.assessment;
		if (previous != null && previous.colours().equals(fresh.colours())
				&& previous.findings().equals(fresh.findings())
				&& previous.rulesVersion().equals(fresh.rulesVersion())) {
			return false;
		}
		List<HealthDimension> changed = fresh.changedFrom(previous);
		this.assessment = fresh;
		this.assessedAt = now;
		this.code = code;
		this.name = name;
		changed("assessment", fresh);
		changed("assessedAt", now);
		changed("code", code);
		changed("name", name);
		if (changed.isEmpty()) {
			return false;
		}
		this.changedAt = now;
		changed("changedAt", now);
		registerEvent(EventIdempotency.derivedId(cause.eventId(), "health"),
				new ProjectHealthChanged(this.projectId, code, name, fresh.colour(HealthDimension.OVERALL),
						fresh.colour(HealthDimension.SCHEDULE), fresh.colour(HealthDimension.COST),
						fresh.colour(HealthDimension.SCOPE), fresh.colour(HealthDimension.RISK),
						(previous != null) ? previous.colour(HealthDimension.OVERALL) : null, changed, reasons(fresh),
						fresh.rulesVersion(), cause.type(), cause.eventId(), now),
				this.projectId, this.projectId, now);
		return true;
	}

	/**
	 * Sets a manual colour beside the computed one.
	 * @param dimension the dimension
	 * @param colour the manager's colour
	 * @param reason why
	 * @param expiresOn the last day it holds
	 * @param today today
	 * @param actor who sets it
	 * @param now the current time
	 * @return the override
	 */
	public ManualColour override(HealthDimension dimension, HealthColour colour, String reason, LocalDate expiresOn,
			LocalDate today, Actor actor, Instant now) {
		if (this.assessment == null) {
			throw new RuleViolationException("dimension", "the project has not been assessed yet");
		}
		if (expiresOn.isBefore(today)) {
			throw new RuleViolationException("expiresOn", "must be today or later, not " + expiresOn);
		}
		if (expiresOn.isAfter(today.plusDays(LONGEST_OVERRIDE_DAYS))) {
			throw new RuleViolationException("expiresOn", "must be at most " + LONGEST_OVERRIDE_DAYS + " days ahead ("
					+ today.plusDays(LONGEST_OVERRIDE_DAYS) + "): an override is revisited");
		}
		HealthColour computed = this.assessment.colour(dimension);
		ManualColour override = new ManualColour(colour, computed, reason, expiresOn, now, actor);
		this.overrides.put(dimension, override);
		changed("overrides." + dimension.name(), override);
		overridesChanged();
		registerEvent(
				new ProjectHealthOverridden(this.projectId, dimension, colour, computed, reason, expiresOn, now, actor),
				this.projectId, this.projectId, now);
		return override;
	}

	/**
	 * Withdraws a manual colour.
	 * @param dimension the dimension
	 * @param actor who withdraws it
	 * @param now the current time
	 * @return whether there was one
	 */
	public boolean withdrawOverride(HealthDimension dimension, Actor actor, Instant now) {
		if (this.overrides.remove(dimension) == null) {
			return false;
		}
		changed("overrides." + dimension.name(), null);
		overridesChanged();
		registerEvent(new ProjectHealthOverridden(this.projectId, dimension, null,
				(this.assessment != null) ? this.assessment.colour(dimension) : HealthColour.GREEN, null, null, now,
				actor), this.projectId, this.projectId, now);
		return true;
	}

	private void overridesChanged() {
		this.overridesRevision++;
		changed("overridesRevision", this.overridesRevision);
	}

	static List<HealthReason> reasons(HealthAssessment assessment) {
		return assessment.findings()
			.stream()
			.map((finding) -> new HealthReason(finding.dimension(), finding.colour(), finding.rule(), finding.fact()))
			.toList();
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

	/**
	 * The latest assessment.
	 * @return it, if the project was assessed
	 */
	public Optional<HealthAssessment> assessment() {
		return Optional.ofNullable(this.assessment);
	}

	public Instant assessedAt() {
		return this.assessedAt;
	}

	/**
	 * When a colour last changed.
	 * @return the time, or {@code null} if never assessed
	 */
	public Instant changedAt() {
		return this.changedAt;
	}

	/**
	 * The overrides that hold on a day.
	 * @param day the day
	 * @return them, by dimension
	 */
	public Map<HealthDimension, ManualColour> overridesOn(LocalDate day) {
		Map<HealthDimension, ManualColour> holding = new EnumMap<>(HealthDimension.class);
		if (this.overrides != null) {
			this.overrides.forEach((dimension, override) -> {
				if (!override.expiresOn().isBefore(day)) {
					holding.put(dimension, override);
				}
			});
		}
		return holding;
	}

	/**
	 * How often the overrides changed: the ETag of the health, which a manager sends back
	 * with {@code If-Match}, and which a recomputation does not move.
	 * @return the revision
	 */
	public long overridesRevision() {
		return this.overridesRevision;
	}

	/**
	 * What led to an assessment.
	 *
	 * @param type the logical event type
	 * @param eventId the event id
	 */
	public record Cause(String type, UUID eventId) {
	}

	/**
	 * A manual colour.
	 *
	 * @param colour the manager's colour
	 * @param computed the computed colour when it was set
	 * @param reason why
	 * @param expiresOn the last day it holds
	 * @param setAt when it was set
	 * @param setBy who set it
	 */
	public record ManualColour(HealthColour colour, HealthColour computed, String reason, LocalDate expiresOn,
			Instant setAt, Actor setBy) {
	}

}
