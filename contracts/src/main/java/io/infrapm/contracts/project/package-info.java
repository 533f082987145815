/**
 * Events of project-service, published on {@code infrapm.project.v1}.
 */
package io.infrapm.contracts.project;
