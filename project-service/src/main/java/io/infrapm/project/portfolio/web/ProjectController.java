package io.infrapm.project.portfolio.web;

import java.net.URI;
import java.util.UUID;

import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ProjectFilter;
import io.infrapm.project.portfolio.ProjectPortfolio;
import io.infrapm.project.portfolio.ProjectPortfolio.Initiation;
import io.infrapm.project.portfolio.ProjectPortfolio.PlanChange;
import io.infrapm.project.portfolio.ProjectPortfolio.Visible;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects}: start, read and revise projects. Project managers and portfolio
 * managers start projects; a project's members read it (portfolio managers and executives
 * read every project); its manager revises it.
 */
@RestController
@RequestMapping("/api/projects")
class ProjectController {

	private final ProjectPortfolio portfolio;

	ProjectController(ProjectPortfolio portfolio) {
		this.portfolio = portfolio;
	}

	@PostMapping
	ResponseEntity<ProjectView> create(@Valid @RequestBody ProjectRequests.CreateProject body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Initiation initiation = this.portfolio.initiate(body.toCommand(), idempotencyKey, caller);
		Project project = initiation.project();
		// A retried request gets the answer of the first one: same status, same project.
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + project.id()))
			.eTag(ETags.of(project.version()))
			.header("Idempotent-Replayed", String.valueOf(initiation.replayed()))
			.body(ProjectView.of(project, project.members().accessOf(caller)));
	}

	@GetMapping
	PageView<ProjectView> list(@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			@RequestParam(required = false) ProjectStatus status, @RequestParam(required = false) ProjectPhase phase,
			@RequestParam(required = false) ProjectCategory category,
			@RequestParam(required = false) @Email String manager,
			@Parameter(description = "code, name, plannedStart, plannedFinish, createdAt or updatedAt, "
					+ "optionally followed by ,asc or ,desc; by code if absent") @RequestParam(
							required = false) String sort,
			Caller caller) {
		ProjectFilter filter = new ProjectFilter(status, phase, category, manager, ProjectFilter.sort(sort));
		return PageView.of(this.portfolio.visibleTo(caller, filter, page, size), ProjectView::of);
	}

	@GetMapping("/{id}")
	ResponseEntity<ProjectView> get(@PathVariable UUID id, Caller caller) {
		return withETag(this.portfolio.get(id, caller));
	}

	@PatchMapping("/{id}")
	ResponseEntity<ProjectView> revise(@PathVariable UUID id, @Valid @RequestBody ProjectRequests.ReviseProject body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.portfolio.revise(id, ifMatch, new PlanChange(body.toPlan()), caller));
	}

	private static ResponseEntity<ProjectView> withETag(Visible visible) {
		return ResponseEntity.ok().eTag(ETags.of(visible.project().version())).body(ProjectView.of(visible));
	}

}
