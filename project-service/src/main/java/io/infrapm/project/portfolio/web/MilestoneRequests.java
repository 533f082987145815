package io.infrapm.project.portfolio.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.platform.web.CalendarDate;
import io.infrapm.project.portfolio.MilestoneChange;
import io.infrapm.project.portfolio.NewMilestone;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The JSON bodies of the milestone endpoints.
 */
final class MilestoneRequests {

	private MilestoneRequests() {
	}

	/** {@code POST /api/projects/{projectId}/milestones}. */
	record PlanMilestone(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
			@NotNull @CalendarDate LocalDate dueDate, @Valid ProjectRequests.PersonBody owner, Boolean critical,
			Boolean cutover, @Size(max = 100) List<@NotNull UUID> dependsOn) {

		NewMilestone toCommand() {
			return new NewMilestone(this.name, this.description, this.dueDate, ProjectRequests.person(this.owner),
					Boolean.TRUE.equals(this.critical), Boolean.TRUE.equals(this.cutover),
					(this.dependsOn != null) ? this.dependsOn : List.of());
		}

	}

	/**
	 * {@code PATCH /api/projects/{projectId}/milestones/{milestoneId}}: absent fields
	 * stay as they are; {@code dependsOn} replaces the list.
	 */
	record ReviseMilestone(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			@Size(max = 2000) String description, @Valid ProjectRequests.PersonBody owner, Boolean critical,
			Boolean cutover, @Size(max = 100) List<@NotNull UUID> dependsOn) {

		MilestoneChange toChange() {
			return new MilestoneChange(this.name, this.description, ProjectRequests.person(this.owner), this.critical,
					this.cutover, this.dependsOn);
		}

	}

	/** {@code POST .../reschedules}: the new due date and why. */
	record RescheduleMilestone(@NotNull @CalendarDate LocalDate dueDate, @NotBlank @Size(max = 2000) String reason) {
	}

	/** {@code POST .../completion}: when the milestone was reached. */
	record CompleteMilestone(@NotNull @CalendarDate LocalDate completedOn) {
	}

	/** {@code POST .../waiver}: why it need not be reached. */
	record WaiveMilestone(@NotBlank @Size(max = 2000) String reason) {
	}

}
