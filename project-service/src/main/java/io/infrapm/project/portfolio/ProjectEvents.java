package io.infrapm.project.portfolio;

import io.infrapm.contracts.project.ProjectCreated;
import io.infrapm.contracts.project.ProjectUpdated;
import io.infrapm.contracts.project.StakeholderAdded;
import io.infrapm.contracts.project.StakeholderRemoved;
import io.infrapm.contracts.project.StakeholderRoleChanged;

/**
 * Maps what happened to a project onto the public contract records of
 * {@code infrapm.project.v1}, which the project registers.
 */
final class ProjectEvents {

	private ProjectEvents() {
	}

	/**
	 * The project was created.
	 * @param project the new project
	 * @return the event
	 */
	static ProjectCreated created(Project project) {
		ProjectCreated event = new ProjectCreated(project.id(), project.code(), project.name(), project.category(),
				project.methodology(), project.phase(), person(project.manager()), person(project.sponsor()),
				project.plannedStart(), project.plannedFinish(), project.budget().amount(), project.budget().currency(),
				project.stakeholders()
					.stream()
					.map((s) -> new io.infrapm.contracts.project.Stakeholder(s.id(), s.name(), s.email(), s.role()))
					.toList(),
				project.createdAt(), project.createdBy());
		return event;
	}

	/**
	 * The project's attributes were revised; called before the save that increments its
	 * version.
	 * @param project the revised project
	 * @return the event
	 */
	static ProjectUpdated updated(Project project) {
		ProjectUpdated event = new ProjectUpdated(project.id(), project.code(), project.name(), project.category(),
				project.methodology(), person(project.manager()), person(project.sponsor()), project.plannedStart(),
				project.plannedFinish(), project.version() + 1, project.updatedAt(), project.updatedBy());
		return event;
	}

	static StakeholderAdded stakeholderAdded(Project project, Stakeholder added) {
		return new StakeholderAdded(project.id(), added.id(), added.name(), added.email(), added.role(),
				project.updatedAt(), project.updatedBy());
	}

	static StakeholderRoleChanged stakeholderRoleChanged(Project project, Stakeholder before, Stakeholder after) {
		return new StakeholderRoleChanged(project.id(), after.id(), after.email(), before.role(), after.role(),
				project.updatedAt(), project.updatedBy());
	}

	static StakeholderRemoved stakeholderRemoved(Project project, Stakeholder removed) {
		return new StakeholderRemoved(project.id(), removed.id(), removed.email(), removed.role(), project.updatedAt(),
				project.updatedBy());
	}

	private static io.infrapm.contracts.project.Person person(Person person) {
		return (person != null) ? new io.infrapm.contracts.project.Person(person.name(), person.email()) : null;
	}

}
