package io.infrapm.project.portfolio.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.CalendarDate;
import io.infrapm.platform.web.ETags;
import io.infrapm.platform.web.PageView;
import io.infrapm.project.portfolio.Handover;
import io.infrapm.project.portfolio.Lesson;
import io.infrapm.project.portfolio.Person;
import io.infrapm.project.portfolio.ProjectLifecycle;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/lessons-learned} and {@code .../handover}: what a
 * project needs before its last gate. The manager records lessons and proposes the
 * hand-over; an {@code OPERATIONS} stakeholder accepts it; members read both. The
 * hand-over's ETag is its revision.
 */
@RestController
@RequestMapping("/api/projects/{projectId}")
class ClosureController {

	private final ProjectLifecycle lifecycle;

	ClosureController(ProjectLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@PostMapping("/lessons-learned")
	ResponseEntity<LessonView> record(@PathVariable UUID projectId, @Valid @RequestBody LessonBody body,
			Caller caller) {
		Lesson lesson = this.lifecycle.recordLesson(projectId, body.title(), body.description(), body.recommendation(),
				caller);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/projects/" + projectId + "/lessons-learned/" + lesson.id()))
			.body(LessonView.of(lesson));
	}

	@GetMapping("/lessons-learned")
	PageView<LessonView> lessons(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		return PageView.of(this.lifecycle.lessons(projectId, caller).stream().map(LessonView::of).toList(), page, size);
	}

	@GetMapping("/lessons-learned/{lessonId}")
	LessonView lesson(@PathVariable UUID projectId, @PathVariable UUID lessonId, Caller caller) {
		return LessonView.of(this.lifecycle.lesson(projectId, lessonId, caller));
	}

	@PutMapping("/handover")
	ResponseEntity<HandoverView> propose(@PathVariable UUID projectId, @Valid @RequestBody HandoverBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		return withETag(this.lifecycle.proposeHandover(projectId, ifMatch, body.toProposal(), caller));
	}

	@GetMapping("/handover")
	ResponseEntity<HandoverView> handover(@PathVariable UUID projectId, Caller caller) {
		return withETag(this.lifecycle.handover(projectId, caller));
	}

	@PostMapping("/handover/acceptance")
	ResponseEntity<HandoverView> accept(@PathVariable UUID projectId, @Valid @RequestBody AcceptanceBody body,
			Caller caller) {
		return withETag(this.lifecycle.acceptHandover(projectId, body.notes(), caller));
	}

	private static ResponseEntity<HandoverView> withETag(Handover handover) {
		return ResponseEntity.ok().eTag(ETags.of(handover.revision())).body(HandoverView.of(handover));
	}

	/** {@code POST .../lessons-learned}. */
	record LessonBody(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String description,
			@Size(max = 4000) String recommendation) {
	}

	/** {@code PUT .../handover}. */
	record HandoverBody(@NotBlank @Size(max = 200) String receivingTeam,
			@NotBlank @Size(max = 2000) String supportModel, @NotNull @CalendarDate LocalDate goLiveDate,
			@NotBlank @Size(max = 2000) @Pattern(regexp = "https?://\\S+",
					message = "must be an http or https URL") String runbookUrl,
			@Size(max = 200) List<@NotNull @Valid OpenItemBody> openItems) {

		Handover.Proposal toProposal() {
			return new Handover.Proposal(this.receivingTeam, this.supportModel, this.goLiveDate, this.runbookUrl,
					(this.openItems != null) ? this.openItems.stream()
						.map((item) -> new Handover.OpenItem(item.description().strip(),
								ProjectRequests.person(item.owner()), item.dueDate()))
						.toList() : List.of());
		}

	}

	/** An item still open at hand-over: every one has an owner. */
	record OpenItemBody(@NotBlank @Size(max = 2000) String description,
			@NotNull @Valid ProjectRequests.PersonBody owner, @CalendarDate LocalDate dueDate) {
	}

	/** {@code POST .../handover/acceptance}. */
	record AcceptanceBody(@Size(max = 4000) String notes) {
	}

	/** A lesson as the API shows it. */
	record LessonView(UUID id, String title, String description, String recommendation, Instant recordedAt,
			Person recordedBy) {

		static LessonView of(Lesson lesson) {
			return new LessonView(lesson.id(), lesson.title(), lesson.description(), lesson.recommendation(),
					lesson.recordedAt(), ProjectView.author(lesson.recordedBy()));
		}

	}

	/** The hand-over as the API shows it. */
	record HandoverView(String receivingTeam, String supportModel, LocalDate goLiveDate, String runbookUrl,
			List<Handover.OpenItem> openItems, int revision, boolean accepted, Instant proposedAt, Person proposedBy,
			Instant acceptedAt, Person acceptedBy, String acceptanceNotes) {

		static HandoverView of(Handover h) {
			return new HandoverView(h.receivingTeam(), h.supportModel(), h.goLiveDate(), h.runbookUrl(), h.openItems(),
					h.revision(), h.accepted(), h.proposedAt(), ProjectView.author(h.proposedBy()), h.acceptedAt(),
					ProjectView.author(h.acceptedBy()), h.acceptanceNotes());
		}

	}

}
