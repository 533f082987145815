/**
 * What project-service takes from the risk and budget topics, and from its own topic, to
 * keep a project's health current and its history complete.
 */
package io.infrapm.project.health.messaging;
