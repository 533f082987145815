package io.infrapm.project.portfolio;

import java.util.UUID;

import io.infrapm.contracts.project.ProjectStatus;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads the change calendar of a project, and hands windows that were scheduled or
 * cancelled to the date watch: the open projects they apply to that have cutovers are
 * marked to be looked at again, then the window is marked applied. A window whose request
 * crashed between the two is applied by the watch's next run, so no window is ever left
 * unapplied; applying twice only marks projects twice.
 */
@Component
class ChangeCalendars {

	private final MongoOperations mongo;

	ChangeCalendars(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * The windows that apply to a project now: its own and those for every project.
	 * @param projectId the project
	 * @return its calendar
	 */
	ChangeCalendar of(UUID projectId) {
		return new ChangeCalendar(this.mongo.find(
				Query.query(
						new Criteria().andOperator(new Criteria().orOperator(Criteria.where("projectId").is(projectId),
								Criteria.where("projectId").is(null)), Criteria.where("cancelled").is(false))),
				ChangeWindow.class));
	}

	/**
	 * Marks the projects a window applies to for the date watch, then the window applied.
	 * @param window the window just scheduled or cancelled
	 */
	void apply(ChangeWindow window) {
		Criteria projects = Criteria.where("milestones.cutover").is(true);
		projects = (window.projectId() != null) ? projects.and("_id").is(window.projectId())
				: projects.and("status").nin(ProjectStatus.CLOSED, ProjectStatus.CANCELLED);
		this.mongo.updateMulti(Query.query(projects),
				new Update().set("datesNextCheck", DateWatchClaim.AT_ONCE).inc("datesMarks", 1), Project.class);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(window.id()).and("applied").is(false)),
				new Update().set("applied", true), ChangeWindow.class);
	}

	/**
	 * Applies every window not applied yet.
	 * @return how many
	 */
	int applyPending() {
		int applied = 0;
		for (ChangeWindow window : this.mongo.find(Query.query(Criteria.where("applied").is(false)),
				ChangeWindow.class)) {
			apply(window);
			applied++;
		}
		return applied;
	}

}
