/**
 * Status reports for steering committees: drafted by project-service from the facts as of
 * a date, completed by the manager with their judgement, and published as an immutable,
 * versioned snapshot that {@code StatusReportPublished} carries to its audience.
 */
package io.infrapm.project.reporting;
