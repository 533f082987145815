package io.infrapm.project.portfolio.web;

import java.net.URI;
import java.util.UUID;

import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.ProjectPortfolio;
import io.infrapm.project.portfolio.ProjectPortfolio.StakeholderChange;
import io.infrapm.project.portfolio.ProjectPortfolio.Visible;
import io.infrapm.project.portfolio.Stakeholder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * {@code /api/projects/{projectId}/stakeholders}: who belongs to a project and in which
 * role, with their organisation and whether status reports go to them. Its members read
 * the list; its manager changes it. Every change is published ({@code StakeholderAdded},
 * {@code StakeholderRoleChanged}, {@code StakeholderUpdated},
 * {@code StakeholderRemoved}), and is what every service decides membership by. The
 * answers carry the project's ETag; {@code If-Match} is optional here, since a change
 * does not depend on the rest of the list.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/stakeholders")
class StakeholderController {

	private final ProjectPortfolio portfolio;

	StakeholderController(ProjectPortfolio portfolio) {
		this.portfolio = portfolio;
	}

	@GetMapping
	ResponseEntity<PageView<Stakeholder>> list(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		Visible visible = this.portfolio.get(projectId, caller);
		return ResponseEntity.ok()
			.eTag(ETags.of(visible.project().version()))
			.body(PageView.of(visible.project().stakeholders(), page, size));
	}

	@GetMapping("/{stakeholderId}")
	ResponseEntity<Stakeholder> get(@PathVariable UUID projectId, @PathVariable UUID stakeholderId, Caller caller) {
		Visible visible = this.portfolio.get(projectId, caller);
		return ResponseEntity.ok()
			.eTag(ETags.of(visible.project().version()))
			.body(visible.project().stakeholder(stakeholderId));
	}

	@PostMapping
	ResponseEntity<Stakeholder> add(@PathVariable UUID projectId,
			@Valid @RequestBody ProjectRequests.StakeholderBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		StakeholderChange change = this.portfolio.addStakeholder(projectId, ifMatch, body.toCommand(), caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/stakeholders/" + change.stakeholder().id()))
			.eTag(ETags.of(change.project().version()))
			.body(change.stakeholder());
	}

	@PatchMapping("/{stakeholderId}")
	ResponseEntity<Stakeholder> revise(@PathVariable UUID projectId, @PathVariable UUID stakeholderId,
			@Valid @RequestBody RevisionBody body, @RequestHeader(name = "If-Match", required = false) String ifMatch,
			Caller caller) {
		StakeholderChange change = this.portfolio.reviseStakeholder(projectId, stakeholderId, ifMatch,
				new Stakeholder.Revision(body.name(), body.role(), body.organisation(), body.receivesReports()),
				caller);
		return ResponseEntity.ok().eTag(ETags.of(change.project().version())).body(change.stakeholder());
	}

	@DeleteMapping("/{stakeholderId}")
	ResponseEntity<Void> remove(@PathVariable UUID projectId, @PathVariable UUID stakeholderId,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		StakeholderChange change = this.portfolio.removeStakeholder(projectId, stakeholderId, ifMatch, caller);
		return ResponseEntity.noContent().eTag(ETags.of(change.project().version())).build();
	}

	/**
	 * {@code PATCH}: what changes; absent fields stay as they are, a blank
	 * {@code organisation} removes it.
	 */
	record RevisionBody(
			@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			StakeholderRole role, @Size(max = 200) String organisation, Boolean receivesReports) {
	}

}
