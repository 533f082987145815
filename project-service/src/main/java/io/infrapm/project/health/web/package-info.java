/**
 * {@code /api/projects/{projectId}/health}: the computed health, its history and the
 * manual overrides.
 */
package io.infrapm.project.health.web;
