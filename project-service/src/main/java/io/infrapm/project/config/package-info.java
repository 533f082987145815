/**
 * How project-service is wired to its store.
 */
package io.infrapm.project.config;
