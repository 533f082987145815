package io.infrapm.project.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.contracts.project.HealthReason;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of a project's health history: a change of the computed colours, or an
 * override set or withdrawn. Written from the project's own {@code ProjectHealthChanged}
 * and {@code ProjectHealthOverridden} events, under the event's id, so that every change
 * is recorded exactly once however often the event arrives.
 *
 * @param id the event's id
 * @param projectId the project
 * @param at when it happened
 * @param kind what happened
 * @param colours the computed colours after it, by dimension ({@link Kind#CHANGED}), or
 * {@code null}
 * @param changed the dimensions whose computed colour changed, or empty
 * @param reasons the reasons of the computed colours, or empty
 * @param rulesVersion the rules' version, or {@code null}
 * @param causeType the type of the event whose facts changed it, or {@code null}
 * @param causeId its id, or {@code null}
 * @param dimension the overridden dimension ({@link Kind#OVERRIDDEN},
 * {@link Kind#OVERRIDE_WITHDRAWN}), or {@code null}
 * @param override the manager's colour, or {@code null}
 * @param computed the computed colour beside it, or {@code null}
 * @param reason the override's reason, or {@code null}
 * @param expiresOn the override's last day, or {@code null}
 * @param actor who overrode, or {@code null} for a computed change
 */
@Document(HealthRecord.COLLECTION)
@CompoundIndex(name = "project_at", def = "{'projectId': 1, 'at': -1}")
public record HealthRecord(@Id UUID id, UUID projectId, Instant at, Kind kind,
		Map<HealthDimension, HealthColour> colours, List<HealthDimension> changed, List<HealthReason> reasons,
		String rulesVersion, String causeType, UUID causeId, HealthDimension dimension, HealthColour override,
		HealthColour computed, String reason, LocalDate expiresOn, Actor actor) {

	/** The collection. */
	public static final String COLLECTION = "health_history";

	/** What an entry records. */
	public enum Kind {

		/** The computed colours changed. */
		CHANGED,

		/** A manager set a colour. */
		OVERRIDDEN,

		/** A manager withdrew their colour. */
		OVERRIDE_WITHDRAWN

	}

}
