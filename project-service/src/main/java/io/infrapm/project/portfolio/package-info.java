/**
 * The project portfolio: the {@link io.infrapm.project.portfolio.Project} aggregate and
 * its use cases. The categories, methodologies, phases and stakeholder roles are those of
 * the public contract: they are the vocabulary project managers and consumers share.
 */
package io.infrapm.project.portfolio;
