package io.infrapm.project.portfolio.web;

import java.net.URI;
import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Milestone;
import io.infrapm.project.portfolio.MilestoneStatus;
import io.infrapm.project.portfolio.ProjectSchedule;
import io.infrapm.project.portfolio.ProjectSchedule.Planned;
import jakarta.validation.Valid;
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
 * {@code /api/projects/{projectId}/milestones} and {@code .../schedule}: the project's
 * schedule. Members read it; the manager plans, changes, moves and waives milestones; the
 * manager or a milestone's owner records that it was reached. Each answer about one
 * milestone carries its revision as ETag; {@code PATCH} needs it in {@code If-Match}, the
 * actions ({@code reschedules}, {@code completion}, {@code waiver}) check it when sent.
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
class MilestoneController {

	private final ProjectSchedule schedule;

	MilestoneController(ProjectSchedule schedule) {
		this.schedule = schedule;
	}

	@GetMapping("/milestones")
	PageView<MilestoneView> list(@PathVariable UUID projectId, @RequestParam(required = false) MilestoneStatus status,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.schedule.milestones(projectId, status, caller).stream().map(MilestoneView::of).toList(),
				page, size);
	}

	@PostMapping("/milestones")
	ResponseEntity<MilestoneView> plan(@PathVariable UUID projectId,
			@Valid @RequestBody MilestoneRequests.PlanMilestone body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			Caller caller) {
		Planned planned = this.schedule.plan(projectId, body.toCommand(), idempotencyKey, caller);
		Milestone milestone = planned.milestone();
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/milestones/" + milestone.id()))
			.eTag(ETags.of(milestone.revision()))
			.header("Idempotent-Replayed", String.valueOf(planned.replayed()))
			.body(MilestoneView.of(milestone));
	}

	@GetMapping("/milestones/{milestoneId}")
	ResponseEntity<MilestoneView> get(@PathVariable UUID projectId, @PathVariable UUID milestoneId, Caller caller) {
		return withETag(this.schedule.milestone(projectId, milestoneId, caller));
	}

	@PatchMapping("/milestones/{milestoneId}")
	ResponseEntity<MilestoneView> revise(@PathVariable UUID projectId, @PathVariable UUID milestoneId,
			@Valid @RequestBody MilestoneRequests.ReviseMilestone body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.schedule.revise(projectId, milestoneId, ifMatch, body.toChange(), caller));
	}

	@PostMapping("/milestones/{milestoneId}/reschedules")
	ResponseEntity<MilestoneView> reschedule(@PathVariable UUID projectId, @PathVariable UUID milestoneId,
			@Valid @RequestBody MilestoneRequests.RescheduleMilestone body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(
				this.schedule.reschedule(projectId, milestoneId, ifMatch, body.dueDate(), body.reason(), caller));
	}

	@PostMapping("/milestones/{milestoneId}/completion")
	ResponseEntity<MilestoneView> complete(@PathVariable UUID projectId, @PathVariable UUID milestoneId,
			@Valid @RequestBody MilestoneRequests.CompleteMilestone body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.schedule.complete(projectId, milestoneId, ifMatch, body.completedOn(), caller));
	}

	@PostMapping("/milestones/{milestoneId}/waiver")
	ResponseEntity<MilestoneView> waive(@PathVariable UUID projectId, @PathVariable UUID milestoneId,
			@Valid @RequestBody MilestoneRequests.WaiveMilestone body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.schedule.waive(projectId, milestoneId, ifMatch, body.reason(), caller));
	}

	@GetMapping("/schedule")
	ScheduleView schedule(@PathVariable UUID projectId, Caller caller) {
		return ScheduleView.of(this.schedule.schedule(projectId, caller));
	}

	private static ResponseEntity<MilestoneView> withETag(Milestone milestone) {
		return ResponseEntity.ok().eTag(ETags.of(milestone.revision())).body(MilestoneView.of(milestone));
	}

}
