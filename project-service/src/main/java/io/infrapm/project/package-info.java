/**
 * project-service: owns projects and everything planned and reported about them, and
 * publishes {@code infrapm.project.v1}.
 */
package io.infrapm.project;
