package io.infrapm.project.portfolio.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.infrapm.platform.web.ETags;
import io.infrapm.project.portfolio.Project;
import io.infrapm.project.portfolio.ProjectPortfolio;
import io.infrapm.project.portfolio.ProjectPortfolio.Initiation;
import io.infrapm.project.portfolio.ProjectPortfolio.PlanChange;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects}: start, read and revise projects.
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
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1,
					max = 200) String idempotencyKey) {
		Initiation initiation = this.portfolio.initiate(body.toCommand(), idempotencyKey);
		Project project = initiation.project();
		// A retried request gets the answer of the first one: same status, same project.
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + project.id()))
			.eTag(ETags.of(project.version()))
			.header("Idempotent-Replayed", String.valueOf(initiation.replayed()))
			.body(ProjectView.of(project));
	}

	@GetMapping
	List<ProjectView> list() {
		return this.portfolio.all().stream().map(ProjectView::of).toList();
	}

	@GetMapping("/{id}")
	ResponseEntity<ProjectView> get(@PathVariable UUID id) {
		Project project = this.portfolio.get(id);
		return ResponseEntity.ok().eTag(ETags.of(project.version())).body(ProjectView.of(project));
	}

	@PatchMapping("/{id}")
	ResponseEntity<ProjectView> revise(@PathVariable UUID id, @Valid @RequestBody ProjectRequests.ReviseProject body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		Project project = this.portfolio.revise(id, ifMatch, new PlanChange(body.toPlan()));
		return ResponseEntity.ok().eTag(ETags.of(project.version())).body(ProjectView.of(project));
	}

}
