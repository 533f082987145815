package io.infrapm.contracts.project;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * A status report was drafted from the facts, by its manager or by the project's report
 * schedule; the manager completes and publishes it. notification-service reminds the
 * manager of a scheduled draft.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param reportId the report's id
 * @param code the project's code
 * @param number the report's number, e.g. {@code SR-4}
 * @param edition its edition
 * @param period the time it covers
 * @param audience whom it is for
 * @param asOf the day its facts hold for
 * @param scheduled whether the report schedule drafted it
 * @param draftedAt when it was drafted
 * @param actor who drafted it (the schedule drafts as {@code service:project-service})
 */
@EventType("io.infrapm.project.StatusReportDrafted.v1")
public record StatusReportDrafted(UUID projectId, UUID reportId, String code, String number, int edition,
		ReportPeriod period, ReportAudience audience, LocalDate asOf, boolean scheduled, Instant draftedAt,
		Actor actor) {
}
