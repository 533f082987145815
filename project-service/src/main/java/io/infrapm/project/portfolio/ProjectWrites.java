package io.infrapm.project.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Applies one change to a project: loads it as the caller may see it, lets the change
 * check what the caller may do and what the client saw, and writes the changed fields
 * with the events in one update. A change that lost a race with another writer is applied
 * again to the fresh project, a few times, where its preconditions are checked against
 * what it changes (a milestone's revision, the stakeholder list) rather than against the
 * whole project.
 */
@Component
class ProjectWrites {

	private static final int ATTEMPTS = 3;

	private final ProjectRepository projects;

	private final Aggregates aggregates;

	private final Clock clock;

	private final ChangeCalendars calendars;

	ProjectWrites(ProjectRepository projects, Aggregates aggregates, ChangeCalendars calendars, Clock clock) {
		this.projects = projects;
		this.aggregates = aggregates;
		this.calendars = calendars;
		this.clock = clock;
	}

	/**
	 * Reads a project the caller may see.
	 * @param id the project
	 * @param caller who asks
	 * @return the project and the caller's access
	 */
	ProjectPortfolio.Visible read(UUID id, Caller caller) {
		Project project = this.projects.findById(id).orElseThrow(() -> ProjectAccess.notFound(id));
		return new ProjectPortfolio.Visible(project, project.members().accessOf(caller).requireRead());
	}

	/**
	 * Applies a change, retrying it on a lost race if {@code retry}.
	 * @param <T> what the change answers
	 * @param projectId the project
	 * @param caller who changes it
	 * @param retry whether a change that lost a race may be applied again
	 * @param change the change
	 * @return its answer and the project after it
	 */
	<T> Changed<T> change(UUID projectId, Caller caller, boolean retry, Change<T> change) {
		for (int attempt = 1;; attempt++) {
			ProjectPortfolio.Visible current = read(projectId, caller);
			Project project = current.project();
			// Cutovers planned or moved are checked against the calendar in the same
			// write.
			project.calendar(() -> this.calendars.of(projectId));
			T result = change.apply(project, current.access(), this.clock.instant());
			if (project.registeredEvents().isEmpty()) {
				return new Changed<>(result, project);
			}
			try {
				return new Changed<>(result, this.aggregates.update(project));
			}
			catch (OptimisticLockingFailureException ex) {
				if (!retry || attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * One change of a project.
	 *
	 * @param <T> what it answers
	 */
	@FunctionalInterface
	interface Change<T> {

		/**
		 * Checks and applies the change.
		 * @param project the project as read
		 * @param access what the caller may do on it
		 * @param now the current time
		 * @return the answer
		 */
		T apply(Project project, ProjectAccess access, Instant now);

	}

	/**
	 * The outcome of a change.
	 *
	 * @param <T> the answer's type
	 * @param result the answer
	 * @param project the project after the change
	 */
	record Changed<T>(T result, Project project) {
	}

}
