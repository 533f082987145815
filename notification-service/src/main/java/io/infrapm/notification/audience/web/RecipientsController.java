package io.infrapm.notification.audience.web;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.notification.audience.Directory;
import io.infrapm.notification.audience.ProjectDirectory;
import io.infrapm.notification.audience.Recipient;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/recipients}: whom a project's notifications may reach,
 * as this service knows it from project events. The project's members read it.
 */
@RestController
class RecipientsController {

	private final Directory directory;

	private final ProjectMemberships memberships;

	private final Clock clock;

	RecipientsController(Directory directory, ProjectMemberships memberships, Clock clock) {
		this.directory = directory;
		this.memberships = memberships;
		this.clock = clock;
	}

	/** The manager, the sponsor and every stakeholder, with their roles. */
	@GetMapping("/api/projects/{projectId}/recipients")
	PageView<RecipientView> recipients(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		return PageView.of(this.directory.of(projectId)
			.orElseThrow(() -> ProjectAccess.notFound(projectId))
			.recipients()
			.stream()
			.map(RecipientView::of)
			.toList(), page, size);
	}

	/**
	 * Adds a recipient who is no stakeholder (an auditor, an external committee member, a
	 * service desk list); the manager or a portfolio manager. 201; 409 if the address is
	 * a recipient in that role already.
	 */
	@PostMapping("/api/projects/{projectId}/recipients")
	ResponseEntity<RecipientView> add(@PathVariable UUID projectId, @Valid @RequestBody RecipientBody body,
			Caller caller) {
		ProjectDirectory.DirectEntry entry = new ProjectDirectory.DirectEntry(body.name().strip(),
				Recipient.normalized(body.email()), body.role(), body.organisation(),
				body.receivesReports() == null || body.receivesReports(), this.clock.instant(), caller.actor());
		this.directory.addDirect(projectId, entry, caller);
		return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/recipients/" + entry.email()))
			.body(new RecipientView(entry.email(), entry.name(), entry.role(), entry.organisation(),
					entry.receivesReports()));
	}

	/** Removes a recipient added directly (in every role): 204. */
	@DeleteMapping("/api/projects/{projectId}/recipients/{email}")
	ResponseEntity<Void> remove(@PathVariable UUID projectId, @PathVariable @Email @Size(max = 320) String email,
			Caller caller) {
		this.directory.removeDirect(projectId, email, caller);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A recipient to add.
	 *
	 * @param name their name
	 * @param email their address
	 * @param role the role they are addressed in, e.g. {@code STEERING_COMMITTEE}
	 * @param organisation their organisation, or absent
	 * @param receivesReports whether status reports go to them; {@code true} if absent
	 */
	record RecipientBody(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
			@NotNull StakeholderRole role, @Size(max = 200) String organisation, Boolean receivesReports) {
	}

	/**
	 * A recipient of a project.
	 *
	 * @param email their address
	 * @param name their name, or {@code null}
	 * @param role their role on the project
	 * @param organisation their organisation, or {@code null}
	 * @param receivesReports whether status reports go to them
	 */
	record RecipientView(String email, String name, StakeholderRole role, String organisation,
			boolean receivesReports) {

		static RecipientView of(Recipient r) {
			return new RecipientView(r.email(), r.name(), r.role(), r.organisation(), r.receivesReports());
		}

	}

}
