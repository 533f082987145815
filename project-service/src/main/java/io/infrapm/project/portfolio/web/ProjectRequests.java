package io.infrapm.project.portfolio.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.platform.web.BoundedDecimal;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.project.portfolio.Money;
import io.infrapm.project.portfolio.NewProject;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.ProjectPlan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The JSON bodies project-service accepts.
 */
final class ProjectRequests {

	private ProjectRequests() {
	}

	/**
	 * {@code POST /api/projects}.
	 */
	record CreateProject(
			@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
					message = "must be letters, digits, '.', '_' or '-'") String code,
			@NotBlank @Size(max = 200) String name, @NotNull ProjectCategory category, Methodology methodology,
			@Valid PersonBody manager, @Valid PersonBody sponsor, @NotNull @CalendarDate LocalDate plannedStart,
			@NotNull @CalendarDate LocalDate plannedFinish, @NotNull @Valid MoneyBody budget,
			@Size(max = 200) List<@NotNull @Valid StakeholderBody> stakeholders, @Size(max = 4000) String description) {

		NewProject toCommand() {
			return new NewProject(
					new ProjectPlan(this.code, this.name, this.category,
							(this.methodology != null) ? this.methodology : Methodology.WATERFALL, person(this.manager),
							person(this.sponsor), this.plannedStart, this.plannedFinish, this.description),
					new Money(this.budget.amount(), this.budget.currency()), (this.stakeholders != null)
							? this.stakeholders.stream().map(StakeholderBody::toCommand).toList() : List.of());
		}

	}

	/**
	 * {@code PATCH /api/projects/{id}}: absent fields stay as they are.
	 */
	record ReviseProject(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			ProjectCategory category, Methodology methodology, @Valid PersonBody manager, @Valid PersonBody sponsor,
			@CalendarDate LocalDate plannedStart, @CalendarDate LocalDate plannedFinish,
			@Size(max = 4000) String description) {

		ProjectPlan toPlan() {
			return new ProjectPlan(null, this.name, this.category, this.methodology, person(this.manager),
					person(this.sponsor), this.plannedStart, this.plannedFinish, this.description);
		}

	}

	/**
	 * An amount with its currency. The amount is bounded so that it is stored exactly
	 * (Decimal128) and written plainly in events.
	 */
	record MoneyBody(@NotNull @PositiveOrZero @BoundedDecimal BigDecimal amount,
			@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
	}

	/** A person. */
	record PersonBody(@NotBlank @Size(max = 200) String name, @NotBlank @Email String email) {
	}

	/** A stakeholder. */
	record StakeholderBody(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
			@NotNull StakeholderRole role, @Size(max = 200) String organisation, Boolean receivesReports) {

		NewProject.NewStakeholder toCommand() {
			return new NewProject.NewStakeholder(this.name, this.email, this.role, this.organisation,
					this.receivesReports);
		}

	}

	static Person person(PersonBody body) {
		return (body != null) ? new Person(body.name().strip(), body.email().strip()) : null;
	}

}
