/**
 * {@code /api/projects/{projectId}/status-reports}: drafting, editing, publishing and
 * reading status reports as JSON, HTML and PDF.
 */
package io.infrapm.project.reporting.web;
